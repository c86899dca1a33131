"""The page status enum and the one wording of an internal error (issue 15: one error boundary)."""

from __future__ import annotations

import typing

from eakte.errors import EakteError, InternalError, MergeFailed
from eakte.model import PageStatus
from extractors.model import PageText


def test_page_status_names_exactly_the_stored_page_origins() -> None:
    origin = typing.get_type_hints(PageText)["origin"]
    assert {s.value for s in PageStatus} == set(typing.get_args(origin))
    assert PageStatus.failed == "failed"  # records and protocols keep the plain strings (contract: never renamed)


def test_internal_error_names_the_class_never_the_message() -> None:
    err = InternalError.of(ValueError("Öztürk, Aktenzeichen 22 K 3443/18"), original_kept=True)
    assert err.code == "internal_error" and isinstance(err, EakteError)
    assert err.message == ("internal error while migrating (ValueError); the original is kept in quarantine and "
                           "the next run retries the file")
    assert InternalError.of(MergeFailed("x")).message == ("internal error while migrating (MergeFailed); "
                                                          "the next run retries the file")
