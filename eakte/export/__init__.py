"""Hand-over to the e-file: xdomea 3.0.0 message 0401 (Abgabe.Abgabe) per Akte as a ZIP container.

`xdomea_mapping.py` decides which contract field goes where (the one place to adapt for a profile such
as XAusländer), `xdomea.py` writes and validates the XML, `container.py` assembles the ZIP.
"""

from __future__ import annotations

from eakte.export.container import ExportError, ExportResult, export_akte
from eakte.export.xdomea_mapping import XdomeaProfile, XdomeaSettings

__all__ = ["ExportError", "ExportResult", "XdomeaProfile", "XdomeaSettings", "export_akte"]
