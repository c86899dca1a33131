"""deploy/docker-compose.yml runs the caseworkers' page (`eakte serve`) with its own read-only MinIO user
and pinned image versions."""

from __future__ import annotations

import json
import re

import yaml

from tests.conftest import ROOT

COMPOSE = ROOT / "deploy" / "docker-compose.yml"


def test_app_service_serves_with_its_own_minio_user() -> None:
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    app = services["app"]
    assert app["command"][:2] == ["eakte", "serve"] and "0.0.0.0" in app["command"]
    env = app["environment"]
    assert env["EAKTE_S3_ACCESS_KEY"] == "${EAKTE_APP_S3_ACCESS_KEY}"  # not MINIO_ROOT_USER
    assert not any("MINIO_ROOT" in str(v) for v in env.values())
    assert "EAKTE_S3_CREDENTIALS_BLOCK" not in env  # the workers' (root) block is not the app's
    assert env["EAKTE_CATALOG"].startswith("postgresql://") and env["EAKTE_API_TOKENS"].startswith("${")
    assert app["ports"] == ["127.0.0.1:${EAKTE_APP_PORT:-8400}:8400"]
    init = services["minio-init"]["command"][0]
    assert 'mc admin user add local "$$EAKTE_APP_S3_ACCESS_KEY"' in init
    assert "mc admin policy attach local eakte-app-read --user" in init
    policy = json.loads(re.search(r"printf '(\{.*?\})'", init).group(1).replace("%s", "eakte"))  # type: ignore[union-attr]
    actions = {a for st in policy["Statement"] for a in st["Action"]}
    assert actions == {"s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject"}  # read-only
    assert {r for st in policy["Statement"] for r in st["Resource"]} == {"arn:aws:s3:::eakte",
                                                                         "arn:aws:s3:::eakte/*"}


def test_images_are_pinned() -> None:
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    for name, service in services.items():
        image = service["image"]
        assert ":" in image and not image.endswith(":latest") and "latest" not in image, (name, image)
