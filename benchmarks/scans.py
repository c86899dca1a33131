"""Noisy 300-dpi scans of full German text pages for the throughput benchmark (deterministic, cached).

Each page is typed text over the whole A4 area, then scanned badly: grey paper, sensor noise,
a slight skew and blur, JPEG compression. Pages are written as image-only PDFs (one DCT image
per page, as scanners write them) with pikepdf, so a 500-page file never sits in memory as pixels.
"""

from __future__ import annotations

import io
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pikepdf
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]

_SENTENCES = """\
Die Ausländerbehörde hat den Antrag auf Verlängerung der Aufenthaltserlaubnis sorgfältig geprüft.
Der Antragsteller hat seinen Lebensunterhalt durch eine unbefristete Beschäftigung nachgewiesen.
Dem Bescheid ist eine Rechtsbehelfsbelehrung beigefügt, die auf die Klagefrist von einem Monat hinweist.
Nach Aktenlage liegen keine Ausweisungsinteressen vor, die der Erteilung entgegenstehen könnten.
Die Meldebescheinigung der Stadt weist einen Wohnsitz im Bezirk der zuständigen Behörde aus.
Das Verwaltungsgericht hat die Klage abgewiesen, weil die Voraussetzungen nicht erfüllt waren.
Die Kosten des Verfahrens trägt der Kläger; das Urteil ist wegen der Kosten vorläufig vollstreckbar.
Der Arbeitgeber bestätigt, dass das Arbeitsverhältnis seit dem ersten Tag des Jahres ungekündigt besteht.
Gegen diese Entscheidung kann innerhalb eines Monats nach Zustellung Widerspruch erhoben werden.
Die Krankenversicherung besteht bei einer gesetzlichen Kasse und umfasst auch die Familienangehörigen.
Es wird gebeten, die fehlenden Unterlagen bis zum Ende des Monats bei der Behörde einzureichen.
Die Beteiligten wurden zu der beabsichtigten Entscheidung angehört und haben Stellung genommen.
Der Reisepass ist noch gültig und enthält ein Visum zum Zweck der Familienzusammenführung.
Die Prüfung der Sprachkenntnisse ergab, dass das erforderliche Niveau erreicht worden ist.
Eine Verpflichtungserklärung für die Dauer des Aufenthalts liegt der Akte in beglaubigter Kopie bei.
Das Jobcenter teilt mit, dass seit mehreren Monaten keine Leistungen mehr bezogen werden.
Im Übrigen wird auf den Inhalt der Gerichtsakte und der beigezogenen Behördenakte verwiesen.
Die Wohnung ist nach der vorgelegten Bescheinigung für die Familie ausreichend groß.
Der Integrationskurs wurde regelmäßig besucht und mit dem Zertifikat erfolgreich abgeschlossen.
Die Gebühr für die Bearbeitung des Antrags ist innerhalb von zwei Wochen zu überweisen.
""".splitlines()


def page_image(seed: int, dpi: int = 300) -> Image.Image:
    """One A4 page of German prose at 11 pt, scanned with noise, skew and blur (grey, `dpi`)."""
    rng = random.Random(seed)
    w, h = round(8.27 * dpi), round(11.69 * dpi)
    im = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype(FONTS[seed % len(FONTS)], round(11 * dpi / 72))
    left, right, y = round(0.9 * dpi), w - round(0.8 * dpi), round(0.9 * dpi)
    line_h = round(16 * dpi / 72)
    words: list[str] = []
    while y < h - round(1.0 * dpi):
        if not words:
            words = " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(3, 6))).split()
            y += line_h // 2  # paragraph gap
        line = words.pop(0)
        while words and draw.textlength(line + " " + words[0], font=font) < right - left:
            line += " " + words.pop(0)
        draw.text((left, y), line, fill=rng.randint(0, 40), font=font)
        y += line_h
    im = im.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BILINEAR, fillcolor=255)
    im = im.filter(ImageFilter.GaussianBlur(0.7))
    paper = rng.randint(215, 240)
    noise = Image.effect_noise((w, h), rng.uniform(12, 22))
    im = im.point([v * paper // 255 for v in range(256)])
    return Image.blend(im, noise, 0.18)


def _jpeg(args: tuple[int, int]) -> bytes:
    seed, dpi = args
    buf = io.BytesIO()
    page_image(seed, dpi).save(buf, format="JPEG", quality=75, dpi=(dpi, dpi))
    return buf.getvalue()


def write_pdf(path: Path, jpegs: list[bytes], dpi: int = 300) -> Path:
    """An image-only PDF: one grey DCT image filling each A4 page."""
    pdf = pikepdf.new()
    for data in jpegs:
        with Image.open(io.BytesIO(data)) as im:
            width, height = im.size
        image = pikepdf.Stream(pdf, data)
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = width, height, 8
        image.ColorSpace, image.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.DCTDecode
        pw, ph = width * 72 / dpi, height * 72 / dpi
        page = pdf.add_blank_page(page_size=(pw, ph))
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.Contents = pdf.make_stream(f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q".encode())
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.save(path)
    return path


def make_set(folder: Path, files: int, pages_per_file: int, seed: int = 1, dpi: int = 300,
             workers: int = 2) -> list[Path]:
    """`files` image-only PDFs of `pages_per_file` pages each; reused when already generated."""
    out = [folder / f"scan-{seed}-{i:03d}-{pages_per_file}p.pdf" for i in range(files)]
    missing = [(i, p) for i, p in enumerate(out) if not p.exists()]
    if missing:
        with ProcessPoolExecutor(workers) as pool:
            for i, path in missing:
                seeds = [(seed * 1_000_000 + i * 10_000 + n, dpi) for n in range(pages_per_file)]
                tmp = path.with_suffix(".part")
                write_pdf(tmp, list(pool.map(_jpeg, seeds)), dpi)
                tmp.rename(path)
    return out
