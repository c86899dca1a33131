"""S3 credentials from a Prefect Secret block, so deployed workers keep no keys in files or job variables.

The block's value is a JSON object `{"access_key": ..., "secret_key": ...}`; create it once with
`prefect block create secret` in the UI or `Secret(value={...}).save("eakte-s3")`.
"""

from __future__ import annotations

from typing import Any, cast

from pydantic import SecretStr

from eakte.config import Settings
from eakte.errors import StorageError


def with_block_credentials(settings: Settings) -> Settings:
    """Settings with the S3 keys of `settings.s3_credentials_block` filled in (unchanged when none is named)."""
    if not settings.s3_credentials_block:
        return settings
    from prefect.blocks.system import Secret

    try:
        block = cast(Secret[Any], Secret.load(settings.s3_credentials_block))
        value = block.get()
    except Exception as exc:
        raise StorageError(f"the Prefect Secret block {settings.s3_credentials_block!r} could not be read "
                           f"({exc.__class__.__name__})") from None
    if not isinstance(value, dict) or not {"access_key", "secret_key"} <= value.keys():
        raise StorageError(f"the Prefect Secret block {settings.s3_credentials_block!r} must hold a JSON object "
                           "with access_key and secret_key")
    return settings.model_copy(update={"s3_access_key": SecretStr(str(value["access_key"])),
                                       "s3_secret_key": SecretStr(str(value["secret_key"]))})
