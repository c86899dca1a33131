"""Image sources: a multi-page TIFF is read in linear time (frame seeks counted, not wall time), and a page
longer than JPEG's 65,500 pixels is rendered (as PNG), not called damaged."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, TiffImagePlugin

from eakte.config import Limits
from eakte.pages.source import ImagePages


def _tiff(path: Path, frames: int) -> None:
    pages = [Image.new("1", (100, 100), 1) for _ in range(frames)]
    buf = io.BytesIO()
    pages[0].save(buf, format="TIFF", save_all=True, append_images=pages[1:], compression="group4")
    path.write_bytes(buf.getvalue())


def _ifd_reads_to_render_all(tmp_path: Path, frames: int, monkeypatch: pytest.MonkeyPatch) -> int:
    path = tmp_path / f"t{frames}.tif"
    _tiff(path, frames)
    count = 0
    original = TiffImagePlugin.ImageFileDirectory_v2.load

    def counting(self: TiffImagePlugin.ImageFileDirectory_v2, fp: object) -> None:
        nonlocal count
        count += 1
        original(self, fp)  # type: ignore[arg-type]

    monkeypatch.setattr(TiffImagePlugin.ImageFileDirectory_v2, "load", counting)
    pages = ImagePages(path, "tiff", Limits())
    for n in range(1, frames + 1):
        pages.render(n, tmp_path / f"p{frames}-{n:05d}")
    monkeypatch.setattr(TiffImagePlugin.ImageFileDirectory_v2, "load", original)
    return count


def test_tiff_pages_are_read_in_linear_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small = _ifd_reads_to_render_all(tmp_path, 60, monkeypatch)
    large = _ifd_reads_to_render_all(tmp_path, 120, monkeypatch)
    print(f"IFD reads: {small} for 60 frames, {large} for 120")
    assert large < 2.3 * small  # quadratic (each page sought from the first frame) gives ~4x


def test_page_longer_than_the_jpeg_limit_is_rendered(tmp_path: Path) -> None:
    path = tmp_path / "long.png"
    Image.new("L", (1, 100000), 255).save(path)
    page = ImagePages(path, "png", Limits()).render(1, tmp_path / "p00001")
    assert page.path.suffix == ".png" and (page.width, page.height) == (1, 100000)
