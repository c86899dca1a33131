"""Font files of this machine, grouped into families an office prints with."""

from __future__ import annotations

from functools import lru_cache

from PIL import ImageFont

_URW = "/usr/share/fonts/opentype/urw-base35/"
_DJ = "/usr/share/fonts/truetype/dejavu/"
_LIB = "/usr/share/fonts/truetype/liberation/"

# family -> (regular, bold, italic)
FAMILIES: dict[str, tuple[str, str, str]] = {
    "nimbus_roman": (_URW + "NimbusRoman-Regular.otf", _URW + "NimbusRoman-Bold.otf", _URW + "NimbusRoman-Italic.otf"),
    "nimbus_sans": (_URW + "NimbusSans-Regular.otf", _URW + "NimbusSans-Bold.otf", _URW + "NimbusSans-Italic.otf"),
    "nimbus_narrow": (
        _URW + "NimbusSansNarrow-Regular.otf",
        _URW + "NimbusSansNarrow-Bold.otf",
        _URW + "NimbusSansNarrow-Oblique.otf",
    ),
    "nimbus_mono": (
        _URW + "NimbusMonoPS-Regular.otf",
        _URW + "NimbusMonoPS-Bold.otf",
        _URW + "NimbusMonoPS-Italic.otf",
    ),
    "c059": (_URW + "C059-Roman.otf", _URW + "C059-Bold.otf", _URW + "C059-Italic.otf"),
    "p052": (_URW + "P052-Roman.otf", _URW + "P052-Bold.otf", _URW + "P052-Italic.otf"),
    "bookman": (_URW + "URWBookman-Light.otf", _URW + "URWBookman-Demi.otf", _URW + "URWBookman-LightItalic.otf"),
    "gothic": (_URW + "URWGothic-Book.otf", _URW + "URWGothic-Demi.otf", _URW + "URWGothic-BookOblique.otf"),
    "dejavu_sans": (_DJ + "DejaVuSans.ttf", _DJ + "DejaVuSans-Bold.ttf", _DJ + "DejaVuSans-Oblique.ttf"),
    "dejavu_cond": (
        _DJ + "DejaVuSansCondensed.ttf",
        _DJ + "DejaVuSansCondensed-Bold.ttf",
        _DJ + "DejaVuSansCondensed-Oblique.ttf",
    ),
    "dejavu_serif": (_DJ + "DejaVuSerif.ttf", _DJ + "DejaVuSerif-Bold.ttf", _DJ + "DejaVuSerif-Italic.ttf"),
    "liberation_sans": (
        _LIB + "LiberationSans-Regular.ttf",
        _LIB + "LiberationSans-Bold.ttf",
        _LIB + "LiberationSans-Italic.ttf",
    ),
    "liberation_serif": (
        _LIB + "LiberationSerif-Regular.ttf",
        _LIB + "LiberationSerif-Bold.ttf",
        _LIB + "LiberationSerif-Italic.ttf",
    ),
    "liberation_mono": (
        _LIB + "LiberationMono-Regular.ttf",
        _LIB + "LiberationMono-Bold.ttf",
        _LIB + "LiberationMono-Italic.ttf",
    ),
    "liberation_narrow": (
        _LIB + "LiberationSansNarrow-Regular.ttf",
        _LIB + "LiberationSansNarrow-Bold.ttf",
        _LIB + "LiberationSansNarrow-Italic.ttf",
    ),
    "hand": (_URW + "Z003-MediumItalic.otf", _URW + "Z003-MediumItalic.otf", _URW + "Z003-MediumItalic.otf"),
}

SERIF = ["nimbus_roman", "c059", "p052", "dejavu_serif", "liberation_serif", "bookman"]
SANS = ["nimbus_sans", "liberation_sans", "dejavu_sans", "gothic", "nimbus_narrow", "dejavu_cond", "liberation_narrow"]
MONO = ["nimbus_mono", "liberation_mono"]

_MEASURE_DPI = 600


def path(family: str, style: str) -> str:
    reg, bold, ital = FAMILIES[family]
    return {"b": bold, "i": ital}.get(style, reg)


@lru_cache(maxsize=512)
def font_px(family: str, style: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path(family, style), max(px, 4))


def width_mm(text: str, family: str, style: str, size_pt: float) -> float:
    """Advance width of text in millimetres (measured at a fine resolution, so every dpi agrees)."""
    px = round(size_pt * _MEASURE_DPI / 72)
    return font_px(family, style, px).getlength(text) * 25.4 / _MEASURE_DPI
