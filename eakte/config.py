"""Run settings from command-line options and `EAKTE_*` environment variables (never from files with secrets)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Limits(BaseSettings):
    """Guards against inputs that would exhaust the machine (bombs, absurd pages)."""

    model_config = SettingsConfigDict(env_prefix="EAKTE_LIMIT_")

    max_file_bytes: int = 2 * 1024**3
    max_pages: int = 3000
    max_page_pixels: int = 180_000_000  # ~ A0 at 300 dpi; larger pages are refused
    min_page_pixels: int = 64 * 64


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EAKTE_")

    data_dir: Path = Path("eakte-data")
    store: str | None = Field(default=None, description="file:///path or s3://bucket/prefix; default data_dir/store")
    catalog: str | None = Field(default=None, description="SQLite path or URL; default data_dir/catalog.sqlite")
    work_dir: Path | None = None

    # OCR
    ocr_language: str = "deu"
    ocr_dpi: int = 300
    ocr_workers: int = Field(default_factory=lambda: os.cpu_count() or 2)
    ocr_page_timeout: float = 180.0
    tesseract_cmd: str = "tesseract"
    sources_in_parallel: int = 2

    # S3 (credentials only from the environment or a Prefect block)
    s3_endpoint: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key: SecretStr | None = None
    s3_secret_key: SecretStr | None = None
    s3_secure: bool | None = None
    # Name of a Prefect Secret block holding {"access_key": ..., "secret_key": ...} (eakte/runtime/credentials.py)
    s3_credentials_block: str | None = None
    s3_sse: bool = False  # request server-side encryption (SSE-S3) for every object
    # Object lock on originals (bucket created with object lock, or an existing lock-enabled bucket):
    # each original is stored with a retention date, so it cannot be deleted or overwritten until then.
    s3_retention_days: int = 0
    s3_retention_mode: Literal["GOVERNANCE", "COMPLIANCE"] = "GOVERNANCE"
    s3_retry_attempts: int = 5  # per S3 request, exponential backoff from s3_retry_base_delay seconds
    s3_retry_base_delay: float = 0.5
    # Prefect retries of a source whose objects could not be stored (seconds before each retry)
    source_retry_delays: list[float] = Field(default_factory=lambda: [5.0, 30.0])
    # PostgreSQL catalogs: a source claim's lease (eakte/catalog/claims.py); renewed every third of it while the
    # run works, so this is how long a killed worker's sources wait before another run takes them over.
    claim_ttl_seconds: float = Field(default=300.0, gt=0)

    limits: Limits = Field(default_factory=Limits)

    def store_url(self) -> str:
        return self.store or (self.data_dir / "store").resolve().as_uri()

    def catalog_url(self) -> str:
        return self.catalog or str((self.data_dir / "catalog.sqlite").resolve())

    def catalog_is_postgres(self) -> bool:
        return is_postgres_url(self.catalog_url())

    def scratch_dir(self) -> Path:
        return self.work_dir or self.data_dir / "work"


POSTGRES_PREFIXES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def is_postgres_url(url: str) -> bool:
    """A catalog URL naming PostgreSQL (anything else is a SQLite file)."""
    return url.startswith(POSTGRES_PREFIXES)


def password_to_env(settings: Settings) -> Settings:
    """The settings with the catalog URL's password moved to `PGPASSWORD` (libpq reads it from there).

    Why: settings are a flow parameter, and Prefect keeps flow parameters in its database and shows them in
    its UI; a password in `postgresql://user:pw@host/db` must not end up there. Other settings hold no secret
    in clear (S3 keys are `SecretStr`, shown masked).
    """
    from urllib.parse import unquote, urlsplit, urlunsplit

    if not settings.catalog or "://" not in settings.catalog:
        return settings
    parts = urlsplit(settings.catalog)
    if parts.password is None:
        return settings
    os.environ["PGPASSWORD"] = unquote(parts.password)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host  # an IPv6 literal keeps its brackets
    netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
    return settings.model_copy(update={"catalog": urlunsplit(parts._replace(netloc=netloc))})
