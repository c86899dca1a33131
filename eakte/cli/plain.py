"""Names as plain text on the terminal: never Rich markup, never raw control characters.

File names, folder names and catalog values come from outside (scanners, senders, OCR). Printed as
Rich markup, `sub[/red]x.gif` crashes the output; printed raw, `\\x1b[31m` recolours or rewrites the
operator's terminal. Everything user- or document-derived goes through `shown` (a str) or `text` (a
rich Text, never parsed as markup).
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

# C0 and C1 control characters, DEL, and the bidi/zero-width controls that reorder or hide text.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(value: object) -> str:
    """The value as one printable line: control characters become visible escapes (`\\x1b`, `\\n`)."""
    return _CONTROL.sub(_escape, "" if value is None else str(value))


def text(value: object, style: str = "") -> Text:
    """A table cell or message part that Rich prints literally."""
    return Text(shown(value), style=style)


def one_line(message: str) -> str:
    """A whole message on one line (multi-line library errors are joined)."""
    return " ".join(shown(part.strip()) for part in str(message).splitlines() if part.strip())


def say(console: Console, *parts: str | Text) -> None:
    """Print parts (plain strings are taken literally, not as markup) on one line."""
    line = Text()
    for part in parts:
        line.append(part if isinstance(part, Text) else Text(part))
    console.print(line, soft_wrap=True, highlight=False)
