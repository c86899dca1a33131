"""Property-based requests generated from the API's own OpenAPI description (Schemathesis): never a 5xx.

Runs in-process over ASGI against a real SQLite catalog and local store with real PDFs; bounded by a
fixed number of examples per operation so the whole run stays within a few seconds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from eakte.api import create_app
from eakte.api.auth import TokenTable
from tests.search_data import build

TOKEN = "schemathesis-token"
_root = Path(tempfile.mkdtemp(prefix="eakte-schemathesis-"))
_catalog, _store = build(_root)
app = create_app(_catalog, _store, tokens=TokenTable.from_env({"EAKTE_API_TOKENS": f"fuzz:{TOKEN}"}))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])

