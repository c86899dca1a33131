"""Checks --data-dir, --store and --catalog before a command (or a flow run) starts.

A wrong scheme, a missing bucket or a typo in a path is an operator error (exit 2) found here, before
Prefect records a failed run; an unreachable catalog database or store is a storage failure (exit 5)
with a plain reason. Only `migrate` (mode "write") may create a data dir, and it creates a SQLite
catalog only in a folder that exists. Read commands refuse a data dir without eakte data instead of
answering "0 hits" from a fresh empty catalog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import unquote, urlparse

from eakte.cli.plain import shown
from eakte.config import Settings, is_postgres_url
from eakte.errors import BadArguments, CatalogUnavailable, EakteError, StorageError

if TYPE_CHECKING:
    from eakte.catalog import Catalog
    from eakte.store import ObjectStore

Mode = Literal["read", "write"]
STORE_HINT = "use file:///absolute/path or s3://bucket/prefix"
CATALOG_HINT = "use a SQLite file path or postgresql://user@host/db"


def local_store_path(url: str) -> Path | None:
    """The folder of a file:// (or plain path) store URL, None for S3."""
    parsed = urlparse(url)
    return Path(unquote(parsed.path)) if parsed.scheme in ("", "file") else None


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite catalog, None for PostgreSQL."""
    if is_postgres_url(url):
        return None
    return Path(url[len("sqlite:///"):] if url.startswith("sqlite:///") else url)


def check_store_url(url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme not in ("", "file", "s3"):
        raise BadArguments(f"--store/EAKTE_STORE: unsupported scheme '{shown(parsed.scheme)}://'; {STORE_HINT}")
    if parsed.scheme == "file" and parsed.netloc:
        raise BadArguments(f"--store/EAKTE_STORE: a file URL needs three slashes and an absolute path; {STORE_HINT}")
    if parsed.scheme == "s3":
        from minio.helpers import check_bucket_name

        if not parsed.netloc:
            raise BadArguments(f"--store/EAKTE_STORE: s3:// needs a bucket name; {STORE_HINT}")
        try:
            check_bucket_name(parsed.netloc, strict=True)
        except ValueError:
            raise BadArguments(f"--store/EAKTE_STORE: invalid bucket name '{shown(parsed.netloc)}' (3-63 characters: "
                               "lowercase letters, digits, '.', '-')") from None


def check_catalog_url(url: str) -> None:
    if is_postgres_url(url):
        parsed = urlparse(url)
        if not parsed.path.strip("/"):
            raise BadArguments(f"--catalog/EAKTE_CATALOG: the PostgreSQL URL names no database; {CATALOG_HINT}")
        return
    if "://" in url and not url.startswith("sqlite:///"):
        scheme = url.split("://", 1)[0]
        raise BadArguments(f"--catalog/EAKTE_CATALOG: unsupported scheme '{shown(scheme)}://'; {CATALOG_HINT}")


def _no_data(settings: Settings, what: str) -> BadArguments:
    return BadArguments(f"no eakte data in {shown(settings.data_dir)} ({what} missing); check --data-dir or "
                        "EAKTE_DATA_DIR (only `eakte migrate` creates a data dir)")


def check(settings: Settings, mode: Mode, needs_store: bool = True) -> None:
    """Everything that can be decided without opening anything; raises BadArguments (exit 2)."""
    if settings.store:
        check_store_url(settings.store)
    if settings.catalog:
        check_catalog_url(settings.catalog)
    if settings.data_dir.exists() and not settings.data_dir.is_dir():
        raise BadArguments(f"--data-dir: {shown(settings.data_dir)} is not a folder")
    catalog_file = sqlite_path(settings.catalog_url())
    store_dir = local_store_path(settings.store_url()) if needs_store else None
    if mode == "write":
        if settings.catalog and catalog_file is not None and not catalog_file.parent.is_dir():
            raise BadArguments(f"--catalog: the folder {shown(catalog_file.parent)} does not exist; create it first "
                               "(a new catalog file is made only in an existing folder)")
        if settings.store and store_dir is not None and not store_dir.parent.is_dir():
            raise BadArguments(f"--store: the folder {shown(store_dir.parent)} does not exist; create it first")
        return
    if catalog_file is not None and not catalog_file.is_file():
        if settings.catalog:
            raise BadArguments(f"--catalog: no catalog file at {shown(catalog_file)}")
        raise _no_data(settings, "catalog.sqlite")
    if store_dir is not None and not store_dir.is_dir():
        if settings.store:
            raise BadArguments(f"--store: no store folder at {shown(store_dir)}")
        raise _no_data(settings, "store")


def writable_file(path: Path, option: str) -> None:
    """An output file the command will write: its folder must exist and the path must not be a folder."""
    if path.is_dir():
        raise BadArguments(f"{option}: {shown(path)} is a folder, not a file")
    if not path.parent.is_dir():
        raise BadArguments(f"{option}: the folder {shown(path.parent)} does not exist")


def output_folder(path: Path, option: str) -> None:
    """An output folder the command may create: it must not be a file, and its parent must exist."""
    if path.exists() and not path.is_dir():
        raise BadArguments(f"{option}: {shown(path)} is a file, not a folder")
    if not path.exists() and not path.parent.is_dir():
        raise BadArguments(f"{option}: the folder {shown(path.parent)} does not exist")


def existing_paths(paths: list[Path], what: str) -> None:
    """Input files or folders named by the operator must exist; the message names them (escaped)."""
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        named = ", ".join(shown(p) for p in missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise BadArguments(f"{what}: {len(missing)} of the given paths do not exist: {named}")


def open_catalog(settings: Settings) -> Catalog:
    """The catalog, or CatalogUnavailable (exit 5) with a plain reason."""
    from sqlalchemy.exc import SQLAlchemyError

    from eakte.catalog import open_catalog as open_any

    try:
        return open_any(settings)
    except EakteError:
        raise
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None) or exc
        first = (str(orig).splitlines() or ["no detail"])[0]
        raise CatalogUnavailable(f"the catalog database cannot be reached or read ({type(orig).__name__}: "
                                 f"{shown(first)})") from None
    except OSError as exc:
        raise CatalogUnavailable(f"the catalog cannot be opened ({exc.strerror or type(exc).__name__})") from None


def open_store(settings: Settings) -> ObjectStore:
    """The store, or StorageError (exit 5) with a plain reason."""
    from eakte.store import open_store as open_any

    try:
        return open_any(settings)
    except EakteError:
        raise
    except OSError as exc:
        where = f": {shown(exc.filename)}" if exc.filename else ""
        raise StorageError(f"the store cannot be used ({exc.strerror or type(exc).__name__}{where})") from None
    except ValueError as exc:
        raise BadArguments(f"--store/EAKTE_STORE: {shown(exc)}") from None


def ready(settings: Settings, mode: Mode, needs_store: bool = True) -> None:
    """check + open and close the catalog and the store once: a flow run then starts only on usable targets."""
    check(settings, mode, needs_store)
    open_catalog(settings).close()
    if needs_store:
        open_store(settings)
