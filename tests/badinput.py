"""Bad and odd inputs, made at test time: each kind with the outcome the migration must reach.

`generate(folder, outside)` writes one file (or link, FIFO, ...) per kind into `folder` and returns
the kinds with their expected status and error_code. `outside` holds link targets that must not be
migrated themselves. Everything is tiny (a few small pages) so one run with real OCR stays cheap.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from PIL import Image, ImageDraw, ImageFont

from eakte.ingest.discover import shown_path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

# Text-layer pages: read without OCR, so the runs that need many sources stay cheap.
TEXT_PAGES = [
    ["Der Antrag auf Verlaengerung der Aufenthaltserlaubnis wird abgelehnt.",
     "Die Auslaenderbehoerde hat den Antrag des Klaegers geprueft und ist zu dem Ergebnis gekommen,",
     "dass die Voraussetzungen nicht vorliegen. Gegen diesen Bescheid ist die Klage zulaessig."],
    ["Begruendung: Der Lebensunterhalt ist nicht gesichert und die Passpflicht ist nicht erfuellt.",
     "Die Entscheidung beruht auf dem Aufenthaltsgesetz. Eine Frist von einem Monat wird gewaehrt."],
]


@dataclass
class BadInput:
    """One kind of bad or odd input and the outcome it must reach."""

    kind: str
    name: str  # file name in the input folder (the source record's path)
    status: str
    error_code: str | None
    failed_pages: list[int] = field(default_factory=list)
    note: str = ""

    @property
    def record_path(self) -> str:
        """The path the source record shows (names that are not UTF-8 appear with \\x escapes)."""
        return shown_path(self.name)


# ---------------------------------------------------------------- building blocks


def text_pdf(pages: list[list[str]] | None = None, size: tuple[float, float] = (595, 842)) -> pikepdf.Pdf:
    """A born-digital PDF (Helvetica text layer) with the given lines per page."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica,
                                                Encoding=pikepdf.Name.WinAnsiEncoding))
    for lines in pages or TEXT_PAGES:
        page = pdf.add_blank_page(page_size=size)
        ops = [b"BT /F1 11 Tf 14 TL 50 780 Td"]
        for line in lines:
            ops.append(b"(" + line.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*")
        ops.append(b"ET")
        page.obj.Contents = pdf.make_stream(b"\n".join(ops))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    return pdf


def text_pdf_bytes(pages: list[list[str]] | None = None, size: tuple[float, float] = (595, 842),
                   **save: object) -> bytes:
    buf = io.BytesIO()
    text_pdf(pages, size).save(buf, **save)  # type: ignore[arg-type]
    return buf.getvalue()


def blank_pdf_bytes(size: tuple[float, float]) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=size)
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def small_scan(lines: tuple[str, ...] = ("Bescheid der Auslaenderbehoerde", "Aufenthaltserlaubnis erteilt"),
               size: tuple[int, int] = (900, 260), mode: str = "L") -> Image.Image:
    """A small typed page image (cheap to OCR) at 150 dpi."""
    im = Image.new("L", size, 255)
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype(FONT, 28)
    for i, line in enumerate(lines):
        draw.text((30, 30 + 50 * i), line, fill=0, font=font)
    return im.convert(mode) if mode != "L" else im


def image_bytes(im: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format=fmt, dpi=(150, 150), **kw)  # type: ignore[arg-type]
    return buf.getvalue()


def break_xref(data: bytes) -> bytes:
    """Shifts every xref offset so readers must rebuild the table (qpdf repairs this)."""
    start = data.rindex(b"\nxref") + 1
    head, table = data[:start], data[start:]
    lines = table.split(b"\n")
    out = []
    for line in lines:
        parts = line.split(b" ")
        if len(parts) >= 3 and len(parts[0]) == 10 and parts[0].isdigit() and parts[2][:1] == b"n":
            line = b"%010d" % (int(parts[0]) + 7) + b" " + b" ".join(parts[1:])
        out.append(line)
    return head + b"\n".join(out)


def png_bomb(width: int = 60000, height: int = 60000) -> bytes:
    """A tiny PNG that declares a huge canvas (a decompression bomb): only the header is real."""
    import struct
    import zlib

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    idat = zlib.compress(row * 64, 9)  # only the first rows; the rest is declared, never present
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def tiff_bomb() -> bytes:
    """A TIFF whose header declares 100000 x 100000 pixels but holds a few bytes of data."""
    im = Image.new("1", (100000, 8), 1)
    raw = image_bytes(im, "TIFF", compression="group4")
    # Rewrite the ImageLength tag (257) from 8 to 100000 rows: still a tiny file.
    import struct

    endian = "<" if raw[:2] == b"II" else ">"
    ifd = struct.unpack(endian + "I", raw[4:8])[0]
    count = struct.unpack(endian + "H", raw[ifd:ifd + 2])[0]
    data = bytearray(raw)
    for i in range(count):
        pos = ifd + 2 + 12 * i
        tag, typ = struct.unpack(endian + "HH", raw[pos:pos + 4])
        if tag == 257:
            fmt = endian + ("H" if typ == 3 else "I")
            struct.pack_into(fmt, data, pos + 8, 100000 if typ == 4 else 60000)
    return bytes(data)


def tiff_with_corrupt_frame(frames: int = 3, bad: int = 2) -> bytes:
    """A multi-page TIFF whose frame `bad` (1-based) has its pixel data cut off: that page cannot be decoded."""
    pages = [small_scan((f"Seite {i} der Akte", "Aufenthaltserlaubnis")) for i in range(1, frames + 1)]
    buf = io.BytesIO()
    pages[0].save(buf, format="TIFF", save_all=True, append_images=pages[1:], dpi=(150, 150),
                  compression="tiff_deflate")
    data = bytearray(buf.getvalue())
    with Image.open(io.BytesIO(bytes(data))) as im:
        im.seek(bad - 1)
        offsets, counts = im.tag_v2[273], im.tag_v2[279]
    for off, cnt in zip(offsets, counts, strict=True):
        data[off:off + cnt] = b"\xde\xad\xbe\xef" * (cnt // 4) + b"\x00" * (cnt % 4)
    return bytes(data)


def pdf_with_broken_page(bad: int = 2, part: str = "image") -> bytes:
    """Three scanned pages; page `bad` has a damaged image or content stream (its deflate data is garbage)."""
    pdf = pikepdf.new()
    for i in range(1, 4):
        im = small_scan((f"Seite {i} der Akte", "Aufenthaltserlaubnis"))
        src = pikepdf.open(io.BytesIO(image_bytes(im, "PDF", resolution=150.0)))
        pdf.pages.append(src.pages[0])
    page = pdf.pages[bad - 1]
    garbage = b"\x78\x9c" + bytes((i * 131 + 7) % 256 for i in range(64)) + b"garbage"
    if part == "image":
        for _, xobj in page.obj.Resources.XObject.items():
            xobj.write(garbage, filter=pikepdf.Name.FlateDecode)
    else:
        page.obj.Contents = pdf.make_stream(b"")
        page.obj.Contents.write(garbage, filter=pikepdf.Name.FlateDecode)
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def office_zip(kind: str) -> bytes:
    """Minimal but real OOXML / ODF containers (what libmagic recognises as Word, Excel, ODT)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        if kind == "odt":
            z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
            z.writestr("content.xml", "<office:document-content/>")
            z.writestr("META-INF/manifest.xml", "<manifest/>")
        else:
            part = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
            z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
            z.writestr("_rels/.rels", "<Relationships/>")
            z.writestr(part, "<document/>")
    return buf.getvalue()


def pdf_with_js_and_attachment() -> bytes:
    pdf = text_pdf()
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x');"))
    pdf.attachments["anlage.txt"] = pikepdf.AttachedFileSpec(pdf, b"eine Anlage", mime_type="text/plain")
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def many_pages_pdf(count: int) -> bytes:
    pdf = pikepdf.new()
    for _ in range(count):
        pdf.add_blank_page()
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def mixed_size_pdf() -> bytes:
    """Page 1 normal text, page 2 a 200 x 200 inch page (the largest MediaBox PDF allows)."""
    pdf = text_pdf(TEXT_PAGES[:1])
    big = text_pdf([[]], size=(14400, 14400))  # no text layer: it must be rasterised
    pdf.pages.append(big.pages[0])
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- the corpus

Maker = Callable[[Path], None]


def _write(data: bytes) -> Maker:
    return lambda p: p.write_bytes(data)


def generate(folder: Path, outside: Path) -> list[BadInput]:
    """Writes every kind into `folder`; returns the expected outcomes (one per file)."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    good = text_pdf_bytes()
    scan_png = image_bytes(small_scan(), "PNG")
    scan_jpeg = image_bytes(small_scan(mode="RGB"), "JPEG", quality=85)
    encrypted = text_pdf_bytes(encryption=pikepdf.Encryption(user="geheim", owner="owner", R=6))
    owner_only = text_pdf_bytes(encryption=pikepdf.Encryption(user="", owner="owner", R=4,
                                                              allow=pikepdf.Permissions(extract=False)))
    link_target = outside / "linked-akte.pdf"
    link_target.write_bytes(text_pdf_bytes([["Verbindungsdatei: Die Klage gegen den Bescheid wird abgewiesen,",
                                             "die Kosten des Verfahrens traegt der Klaeger."]]))

    kinds: list[tuple[BadInput, Maker]] = []

    def add(kind: str, name: str, status: str, code: str | None, make: Maker, note: str = "",
            failed: list[int] | None = None) -> None:
        kinds.append((BadInput(kind, name, status, code, failed or [], note), make))

    q = "quarantined"
    add("control: text-layer PDF", "good-text.pdf", "processed", None, _write(good))
    add("control: scanned PNG", "good-scan.png", "processed", None, _write(scan_png))
    add("zero-byte file", "zero.pdf", q, "empty_file", _write(b""))
    add("truncated PDF", "truncated.pdf", q, "corrupt_file", _write(pdf_with_broken_page()[:300]))
    add("corrupt PDF (header, then garbage)", "corrupt.pdf", q, "corrupt_file",
        _write(b"%PDF-1.7\n" + bytes((i * 7919) % 251 for i in range(4000))))
    add("PDF with broken xref (qpdf repairs)", "broken-xref.pdf", "processed", None, _write(break_xref(good)))
    add("encrypted PDF, user password", "encrypted-user.pdf", q, "encrypted_pdf", _write(encrypted))
    add("encrypted PDF, owner password only", "encrypted-owner-only.pdf", "processed", None, _write(owner_only))
    add("random bytes named .pdf", "random.pdf", q, "unsupported_type",
        _write(bytes((i * 2654435761 >> 7) & 0xFF for i in range(5000))))
    add("PNG named .pdf", "image-really-png.pdf", "processed", None,
        _write(image_bytes(small_scan(("Zustellungsurkunde", "Bescheid zugestellt")), "PNG")))
    add("JPEG named .tif", "image-really-jpeg.tif", "processed", None, _write(scan_jpeg))
    add("Word document named .pdf", "word.pdf", q, "unsupported_type", _write(office_zip("docx")))
    add("Excel workbook named .pdf", "excel.pdf", q, "unsupported_type", _write(office_zip("xlsx")))
    add("ODT document named .pdf", "writer.pdf", q, "unsupported_type", _write(office_zip("odt")))
    add("ZIP archive", "archive.zip", q, "unsupported_type", _write(_zip_of(good)))
    add("HTML error page saved as .pdf", "error-page.pdf", q, "unsupported_type",
        _write(b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
               b"<body><h1>502 Bad Gateway</h1><hr>nginx</body></html>\n"))
    add("decompression-bomb PNG (60000 x 60000 declared)", "bomb.png", q, "no_pages", _write(png_bomb()))
    add("decompression-bomb TIFF (100000 rows declared)", "bomb.tif", q, "no_pages", _write(tiff_bomb()))
    add("absurd page size (PDF 200 x 200 inches)", "huge-page.pdf", q, "no_pages",
        _write(blank_pdf_bytes(size=(14400, 14400))))
    add("one absurd page among normal ones", "mixed-page-sizes.pdf", "partial", "page_error",
        _write(mixed_size_pdf()), failed=[2])
    add("PDF with 3500 pages (above the limit)", "many-pages.pdf", q, "too_many_pages", _write(many_pages_pdf(3500)))
    add("1-pixel page image", "one-pixel.png", q, "no_pages", _write(image_bytes(Image.new("L", (1, 1), 0), "PNG")))
    add("PDF with 0 pages", "zero-pages.pdf", q, "no_pages", _write(_zero_page_pdf()))
    add("non-ASCII file name", "Akte_Öztürk_Łódź_日本語_€.pdf", "processed", None,
        _write(text_pdf_bytes([["Die Aufenthaltserlaubnis wird verlaengert und die Auflage ist erfuellt.",
                                "Der Bescheid ist bestandskraeftig."]])))
    long_name = "lang-" + "x" * (255 - len("lang-") - len(".pdf")) + ".pdf"
    add("very long file name (255 bytes)", long_name, "processed", None,
        _write(text_pdf_bytes([["Die Duldung wird verlaengert, weil die Abschiebung tatsaechlich unmoeglich ist.",
                                "Der Antrag ist damit erfolgreich."]])))
    add("file name that is not valid UTF-8", os.fsdecode(b"Akte_M\xfcller_latin1.pdf"), "processed", None,
        _write(text_pdf_bytes([["Die Niederlassungserlaubnis wird erteilt, da der Lebensunterhalt gesichert ist",
                                "und die Sprachkenntnisse nachgewiesen sind."]])))
    add("symlink to a file outside the inputs (not read)", "link-to-file.pdf", q, "link_outside_inputs",
        lambda p: p.symlink_to(link_target))
    add("symlink to /etc/passwd (not read)", "link-to-passwd.pdf", q, "link_outside_inputs",
        lambda p: p.symlink_to("/etc/passwd"))
    add("symlink to a file inside the inputs", "link-inside.pdf", "duplicate", "duplicate",
        lambda p: p.symlink_to("good-text.pdf"))
    add("broken symlink", "broken-link.pdf", q, "unreadable_file", lambda p: p.symlink_to(outside / "gone.pdf"))
    add("symlink to a folder outside the inputs", "link-to-folder", q, "link_outside_inputs",
        lambda p: p.symlink_to(outside))
    deep = _too_deep_name(folder)
    add("path longer than PATH_MAX (the folder is the record)", deep, q, "unreadable_folder",
        _make_too_deep(folder, deep.count("/") + 1))
    add("unreadable: a FIFO named .pdf (root ignores chmod 000)", "fifo.pdf", q, "unreadable_file",
        lambda p: os.mkfifo(p))
    if os.geteuid() != 0:
        def no_read(p: Path) -> None:
            p.write_bytes(good + b"%unreadable")
            p.chmod(0)
        add("unreadable: chmod 000", "no-permission.pdf", q, "unreadable_file", no_read)

        def no_list(p: Path) -> None:
            p.mkdir()
            (p / "inside.pdf").write_bytes(good)
            p.chmod(0)
        add("folder that cannot be listed (chmod 000)", "locked-folder", q, "unreadable_folder", no_list)
    add("duplicate under another name", "zz-copy-of-good-text.pdf", "duplicate", "duplicate", _write(good))
    add("TIFF with one corrupt frame", "corrupt-frame.tif", "partial", "page_error",
        _write(tiff_with_corrupt_frame()), failed=[2])
    add("PDF with one broken page (damaged image stream)", "broken-page.pdf", "partial", "page_error",
        _write(pdf_with_broken_page()), failed=[2])
    add("PDF with one broken page content stream", "broken-content.pdf", "partial", "page_error",
        _write(pdf_with_broken_page(3, part="content")), failed=[3])
    add("GIF image (unsupported: not a scan format)", "scan.gif", q, "unsupported_type",
        _write(image_bytes(small_scan(mode="P"), "GIF")))
    add("BMP image (unsupported)", "scan.bmp", q, "unsupported_type", _write(image_bytes(small_scan(), "BMP")))
    add("WebP image (unsupported)", "scan.webp", q, "unsupported_type", _write(image_bytes(small_scan(), "WEBP")))
    add("PDF with JavaScript and an attachment (attachment ignored)", "javascript-attachment.pdf", "processed",
        None, _write(pdf_with_js_and_attachment()))
    add("truncated JPEG", "truncated.jpg", q, "no_pages", _write(scan_jpeg[: len(scan_jpeg) // 2]))
    add("PNG with alpha channel", "alpha.png", "processed", None,
        _write(image_bytes(small_scan(mode="RGBA"), "PNG")))
    add("16-bit greyscale PNG", "grey16.png", "processed", None,
        _write(image_bytes(small_scan().convert("I;16"), "PNG")))
    add("Thumbs.db (Windows thumbnail cache)", "Thumbs.db", q, "unsupported_type",
        _write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1528))
    add("text file named .tif", "notes.tif", q, "unsupported_type", _write(b"Notiz: bitte neu scannen\n"))
    add("PDF with trailing garbage after %%EOF", "trailing-garbage.pdf", "processed", None,
        _write(text_pdf_bytes([["Die Ausweisung wird aufgehoben und die Klage ist insoweit begruendet,",
                                "im Uebrigen wird die Klage abgewiesen."]]) + b"\x00garbage" * 50))

    for item, make in kinds:
        make(folder / item.name)
    return [item for item, _ in kinds]


DEEP_PART = "d" * 250


def _too_deep_name(folder: Path) -> str:
    """The relative path of the first nested folder whose absolute path reaches PATH_MAX (4096 bytes)."""
    parts = [DEEP_PART]
    while len(str(folder.resolve() / "/".join(parts)).encode()) < 4096:
        parts.append(DEEP_PART)
    return "/".join(parts)


def _make_too_deep(folder: Path, depth: int) -> Maker:
    """Nested folders beyond PATH_MAX with a file at the bottom, made with folder fds (no path is that long)."""

    def make(_: Path) -> None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            for _level in range(depth + 1):
                os.mkdir(DEEP_PART, dir_fd=fd)
                nxt = os.open(DEEP_PART, os.O_RDONLY, dir_fd=fd)
                os.close(fd)
                fd = nxt
            os.close(os.open("lost.pdf", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
        finally:
            os.close(fd)

    return make


def _zip_of(data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("akte.pdf", data)
    return buf.getvalue()


def _zero_page_pdf() -> bytes:
    buf = io.BytesIO()
    pikepdf.new().save(buf)
    return buf.getvalue()
