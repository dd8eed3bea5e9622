"""The user guides (docs/) and the script that makes their screenshots agree.

The whole script takes ~10 s per language, so the suite renders a single shot; the committed
screenshots are checked against the script's list instead.
"""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
GUIDES = {"id": DOCS / "panduan-pengguna.md", "en": DOCS / "user-guide.md"}
IMAGE_LINK = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
ANCHOR_LINK = re.compile(r"\]\(#([^)]+)\)")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    path = REPO / "scripts" / "make_guide_screenshots.py"
    spec = importlib.util.spec_from_file_location("make_guide_screenshots", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve the module's annotations through it
    spec.loader.exec_module(module)
    return module


def _image_links(language: str) -> list[str]:
    return IMAGE_LINK.findall(GUIDES[language].read_text(encoding="utf-8"))


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_shot_names_are_unique_file_names(script: ModuleType) -> None:
    names = script.shot_names()
    assert len(names) >= 20
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"\d{2}-[a-z0-9-]+", name) for name in names), names
    assert names == sorted(names)  # numbered in the guide's order


@pytest.mark.parametrize("language", ["id", "en"])
def test_guide_links_only_existing_images_of_its_language(language: str) -> None:
    links = _image_links(language)
    assert links, "the guide shows no screenshot"
    for link in links:
        assert link.startswith(f"img/{language}/"), f"{link} belongs to another language"
        assert (GUIDES[language].parent / link).is_file(), f"{link} does not exist"


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_shot_is_linked_once_and_committed(script: ModuleType, language: str) -> None:
    linked = [Path(link).stem for link in _image_links(language)]
    assert sorted(linked) == sorted(script.shot_names())
    committed = sorted(p.stem for p in (DOCS / "img" / language).glob("*.png"))
    assert committed == sorted(script.shot_names())


def test_screenshots_stay_small() -> None:
    pictures = list((DOCS / "img").glob("*/*.png"))
    assert sum(p.stat().st_size for p in pictures) < 4_000_000
    for picture in pictures:
        width, height = _png_size(picture)
        assert width <= 1366 and height <= 768, picture.name


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("language", ["id", "en"])
def test_table_of_contents_points_at_headings(language: str) -> None:
    text = GUIDES[language].read_text(encoding="utf-8")
    headings = {_slug(h) for h in re.findall(r"^#{2,3} (.+)$", text, flags=re.MULTILINE)}
    anchors = ANCHOR_LINK.findall(text)
    assert len(anchors) == 12
    assert set(anchors) <= headings, set(anchors) - headings


def test_guides_link_each_other() -> None:
    assert "](user-guide.md)" in GUIDES["id"].read_text(encoding="utf-8")
    assert "](panduan-pengguna.md)" in GUIDES["en"].read_text(encoding="utf-8")


def test_one_shot_renders_from_the_real_app(
    script: ModuleType, tmp_path: Path, qapp: object
) -> None:
    from desktop_app.core.i18n import current_language

    before = current_language()
    written = script.take_shots(
        "en", tmp_path / "img", only=["01-masuk"], workdir=tmp_path / "work"
    )
    assert written == [tmp_path / "img" / "en" / "01-masuk.png"]
    width, height = _png_size(written[0])
    assert width >= 300 and height >= 250
    assert current_language() == before  # the English run does not leak into other tests


def test_unknown_shot_is_refused(script: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no-such-shot"):
        script.take_shots("id", tmp_path, only=["no-such-shot"], workdir=tmp_path / "work")
