"""The Arabic README (README.ar.md) stays in step with the English one (README.md)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from sitegen.config import _TYPES

ROOT = Path(__file__).resolve().parent.parent
README_EN = ROOT / "README.md"
README_AR = ROOT / "README.ar.md"

BUILD_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/sitegen build"
TEST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"

# A fenced code block: an opening ``` fence (indented by up to three spaces, as inside a list item),
# its lines, and a closing fence with the same indentation. The whole match is compared byte for byte.
FENCE = re.compile(r"^(?P<indent> {0,3})```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
HEADING_2 = re.compile(r"^## \S", re.M)
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
RTL_OPEN = re.compile(r'<div dir="rtl"[^>]*>')
DIV_CLOSE = "</div>"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def code_blocks(text: str) -> list[str]:
    return [match.group(0) for match in FENCE.finditer(text)]


INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)


def without_code(text: str) -> str:
    """The prose: code blocks and code spans show syntax (`src="a.jpg"`), they link nothing."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


def relative_link_targets(text: str) -> list[str]:
    prose = without_code(text)
    targets = MARKDOWN_LINK.findall(prose) + HTML_LINK.findall(prose)
    return [t for t in targets if not URL_SCHEME.match(t) and not t.startswith(("#", "//"))]


@pytest.fixture(scope="module")
def english() -> str:
    return read(README_EN)


@pytest.fixture(scope="module")
def arabic() -> str:
    return read(README_AR)


def test_arabic_readme_has_the_same_code_blocks_in_the_same_order(english: str, arabic: str) -> None:
    english_blocks = code_blocks(english)
    assert english_blocks, "no fenced code block found in README.md"
    assert code_blocks(arabic) == english_blocks


def test_both_readmes_have_the_same_number_of_level_2_headings(english: str, arabic: str) -> None:
    english_count = len(HEADING_2.findall(without_code(english)))
    assert english_count > 0
    assert len(HEADING_2.findall(without_code(arabic))) == english_count


@pytest.mark.parametrize("readme", [README_EN, README_AR], ids=["en", "ar"])
def test_first_two_code_blocks_are_the_build_and_test_setup_commands(readme: Path) -> None:
    bodies = [match.group("body").strip() for match in FENCE.finditer(read(readme))]
    assert bodies[:2] == [BUILD_COMMAND, TEST_COMMAND]


def test_every_relative_link_in_the_arabic_readme_points_at_an_existing_file(arabic: str) -> None:
    targets = relative_link_targets(arabic)
    assert "README.md" in targets
    missing = [t for t in targets if not (ROOT / unquote(t.split("#")[0].split("?")[0])).exists()]
    assert not missing, f"README.ar.md links to missing files: {missing}"


def test_arabic_readme_keeps_every_relative_link_of_the_english_one(english: str, arabic: str) -> None:
    cross_links = {"README.md", "README.ar.md"}  # each file links to the other
    assert set(relative_link_targets(english)) - cross_links <= set(relative_link_targets(arabic))


def test_english_readme_links_to_the_arabic_version(english: str) -> None:
    assert "[العربية](README.ar.md)" in english.splitlines()[0]


def test_arabic_readme_opens_with_a_link_to_the_english_version(arabic: str) -> None:
    assert arabic.splitlines()[0].strip() == "[English](README.md)"


def test_arabic_prose_is_in_balanced_rtl_blocks_that_leave_code_blocks_outside(arabic: str) -> None:
    assert len(RTL_OPEN.findall(arabic)) == arabic.count(DIV_CLOSE) > 0
    for match in FENCE.finditer(arabic):
        before = arabic[: match.start()]
        assert len(RTL_OPEN.findall(before)) == before.count(DIV_CLOSE), (
            f"code block at offset {match.start()} is inside a right-to-left <div>"
        )
    # A blank line after each opening tag and before each closing one, so Markdown inside is rendered.
    assert not re.search(r'<div dir="rtl"[^>]*>\n(?!\n)', arabic)
    assert not re.search(r"[^\n]\n</div>", arabic)


def test_the_configuration_example_shows_every_key_sitegen_toml_accepts(english: str) -> None:
    example = next(b for b in code_blocks(english) if b.startswith("```toml") and "per_page" in b)
    shown = set(re.findall(r"^(\w+) =", example, re.M))
    assert shown == {*_TYPES, "source", "output"}
