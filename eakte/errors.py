"""Failures an operator can act on: one class per cause, each with a stable code and a plain message.

Messages never contain document text, names or dates (Art. 9 GDPR data): only the cause and
what to do about it. The code ends up in the source record's `error_code`, the message in `reason`.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    bad_args = 2  # an option, argument or setting is wrong; nothing was started
    input_problems = 3  # some sources quarantined or partial; the run itself finished
    prefect_unavailable = 4  # the Prefect API (PREFECT_API_URL or the ephemeral server) cannot be reached
    storage = 5  # the store or the catalog cannot be reached, read or written
    verify_mismatch = 6
    internal = 15
    interrupted = 130  # stopped on request (SIGTERM, Ctrl-C); unfinished sources are left for the next run


class EakteError(Exception):
    """Base of all operator-facing failures."""

    code = "internal_error"
    exit_code = ExitCode.internal
    default_message = "internal error"

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class InternalError(EakteError):
    """A bug or a parser surprise on hostile input while migrating a source; the next run retries the file.

    The one wording of it (the source record's reason, the failed task run's message): the exception's class
    name only, never its message, which may carry document content.
    """

    @classmethod
    def of(cls, exc: BaseException, original_kept: bool = False) -> InternalError:
        kept = "the original is kept in quarantine and " if original_kept else ""
        return cls(f"internal error while migrating ({exc.__class__.__name__}); {kept}the next run retries the file")


class BadArguments(EakteError):
    """An operator's option, argument or setting cannot work; found before anything starts."""

    code = "bad_arguments"
    exit_code = ExitCode.bad_args
    default_message = "invalid arguments"


class CatalogUnavailable(EakteError):
    """The catalog database cannot be opened or reached (PostgreSQL down, SQLite file unreadable)."""

    code = "catalog_unavailable"
    exit_code = ExitCode.storage
    default_message = "the catalog database cannot be reached"


class PrefectUnavailable(EakteError):
    """The Prefect API a command needs does not answer."""

    code = "prefect_unavailable"
    exit_code = ExitCode.prefect_unavailable
    default_message = "the Prefect API cannot be reached"


class Interrupted(EakteError):
    """A stop was requested (eakte/runtime/stopping.py): the source is left without a record for the next run."""

    code = "interrupted"
    exit_code = ExitCode.interrupted
    default_message = "the run was stopped on request; the file is left for the next run"


class ClaimedElsewhere(EakteError):
    """Another live run holds the source's claim (eakte/catalog/claims.py): this run skips it, that run records it."""

    code = "claimed_elsewhere"
    default_message = "another run is migrating this file; it records it"


class InputError(EakteError):
    """The file cannot be migrated as it is; it goes to quarantine."""

    code = "input_error"
    exit_code = ExitCode.input_problems


class EmptyFile(InputError):
    code = "empty_file"
    default_message = "the file is empty (0 bytes); rescan or fetch the file again"


class UnreadableFile(InputError):
    code = "unreadable_file"
    default_message = "the file cannot be read (permissions, vanished or not a regular file)"


class UnsupportedType(InputError):
    code = "unsupported_type"
    default_message = "unsupported file type; only PDF, TIFF, JPEG and PNG scans are migrated"


class EncryptedPdf(InputError):
    code = "encrypted_pdf"
    default_message = (
        "the PDF is encrypted with a user password; ask the sender for an unprotected copy or "
        "decrypt it (qpdf --decrypt --password=... in.pdf out.pdf) and hand it in again"
    )


class CorruptFile(InputError):
    code = "corrupt_file"
    default_message = "the file is damaged and cannot be repaired (truncated or not a valid document)"


class TooLarge(InputError):
    code = "too_large"
    default_message = "the file exceeds the size limit"


class TooManyPages(InputError):
    code = "too_many_pages"
    default_message = "the file has more pages than the page limit; split it before migration"


class ChangedWhileReading(InputError):
    code = "changed_while_reading"
    default_message = "the file changed while it was being read; hand it in again once it is complete"


class NoPages(InputError):
    code = "no_pages"
    default_message = "no page of the file could be read"


class PageError(EakteError):
    """One page failed; the source becomes `partial` and names the page."""

    code = "page_error"
    exit_code = ExitCode.input_problems


class PageTooLarge(PageError):
    code = "page_too_large"
    default_message = "the page is too large to rasterise within the pixel limit"


class OcrTimeout(PageError):
    code = "ocr_timeout"
    default_message = "OCR did not finish within the per-page time limit"


class OcrFailed(PageError):
    code = "ocr_failed"
    default_message = "OCR failed on the page"


class RenderFailed(PageError):
    code = "render_failed"
    default_message = "the page could not be rasterised"


class StorageError(EakteError):
    """The store did not accept or return an object; retried, then the source is not marked done."""

    code = "storage_error"
    exit_code = ExitCode.storage
    default_message = "the object store did not accept the object"


class IntegrityError(StorageError):
    code = "integrity_error"
    default_message = "the stored object does not match its SHA-256 after writing"


class DiskFull(StorageError):
    """No space left where the run writes (scratch folder, local store): a fault of the run, retried next run."""

    code = "disk_full"
    default_message = ("no space left on the disk of the scratch folder or the local store; the file was not "
                       "migrated, free space and the next run retries it")


class AllPagesTimedOut(InputError):
    """OCR ran out of time on every page: quarantined now, but a fault of the run (a busy machine), not of the file."""

    code = "ocr_timeout"
    default_message = ("OCR did not finish within the per-page time limit on any page; the original is kept in "
                       "quarantine and the next run retries the file")


class LinkOutsideInputs(InputError):
    """A symbolic link whose target lies outside the folders given to the run: nothing of it is read or stored."""

    code = "link_outside_inputs"
    default_message = ("the file is a symbolic link to a place outside the folders given to the run; it is not "
                       "read and nothing of it is stored. Copy the file into the inbox if it belongs to the migration")


class UnreadableFolder(InputError):
    """A folder under the inputs that cannot be listed: its files are unknown, so the folder itself is the record."""

    code = "unreadable_folder"
    default_message = ("the folder cannot be listed, so its files were not migrated; fix its permissions and run "
                       "again")


class NothingToVerify(EakteError):
    """`verify` was pointed at a store or catalog that does not exist: an operator error, nothing was checked."""

    code = "nothing_to_verify"
    exit_code = ExitCode.bad_args
    default_message = "nothing to verify: no store or catalog at the given place"


class RunInProgress(EakteError):
    """Another run holds the data dir (eakte/runtime/runlock.py): this one refuses before touching store or catalog."""

    code = "run_in_progress"
    exit_code = ExitCode.bad_args
    default_message = "another eakte run is using this data dir; wait for it to finish, then run again"


class MergeFailed(EakteError):
    """qpdf could not assemble a document from its page files (eakte/tools/qpdf.py); no document content."""
