"""Shared links: Open Graph and Twitter card metadata in the head of every page."""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sitecheck
from conftest import build_site

from sitegen import config as configuration
from sitegen.build import build as build_with
from sitegen.media import preview_image
from sitegen.model import Article, Block
from sitegen.session import Session

BASE_URL = "https://example.github.io/archive/"
# PNG's signature and header are enough for a file that is only published, never decoded.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")

TITLE_AR = 'هدنة "إنسانية" في <غزة> & رفح'
ARABIC = f"""Title: {TITLE_AR}
Date: 2024-05-02
Translation: truce
Tags: غزة، اقتصاد

أعلنت الأطراف هدنة إنسانية لمدة ثلاثة أيام في غزة.

[التقرير](report.pdf) ![صورة الميناء](images/port%20one.png) ![ثانية](second.jpg)
"""
ENGLISH = """Title: Truce in Gaza
Date: 2024-05-02
Translation: truce
Tags: Gaza, Economy
Lang: en

The parties announced a three-day humanitarian truce in Gaza.
"""
UNDATED = """Title: Editor's notes
Lang: en

Notes & "quotes" from the desk.
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def social(html: str) -> list[str]:
    """The Open Graph, article: and twitter: lines of a page's head, in order."""
    head = html.split("</head>", 1)[0]
    return re.findall(r'^<meta (?:property="(?:og|article):|name="twitter:).*$', head, re.M)


class _Head(HTMLParser):
    """Attribute values of the head's meta and link elements, unescaped as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta":
            key = found.get("property") or found.get("name")
            if key:
                self.meta.setdefault(key, []).append(found.get("content") or "")
        elif tag == "link" and found.get("rel") == "canonical":
            self.meta.setdefault("canonical", []).append(found.get("href") or "")


def head_of(page: Path) -> dict[str, list[str]]:
    parser = _Head()
    parser.feed(page.read_text("utf-8").split("</head>", 1)[0])
    return parser.meta


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An Arabic article with images and a PDF, its English translation and an undated article."""
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "src"
    (src / "images").mkdir(parents=True)
    (src / "truce.ar.md").write_text(ARABIC, "utf-8")
    (src / "truce.en.md").write_text(ENGLISH, "utf-8")
    (src / "notes.md").write_text(UNDATED, "utf-8")
    (src / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (src / "images" / "port one.png").write_bytes(PNG)
    (src / "second.jpg").write_bytes(PNG)
    return src


def arabic_page(out: Path) -> Path:
    return next((out / "articles").glob("هدنة-*")) / "index.html"


def test_article_and_list_pages_carry_open_graph_and_twitter_cards_valid_and_reproducible(source, tmp_path, vnu):
    out = build_site(source, tmp_path / "out", "--base-url", BASE_URL, "--no-cache")
    page = arabic_page(out)
    canonical = head_of(page)["canonical"][0]
    assert canonical.startswith(BASE_URL + "articles/%D9%87%D8%AF%D9%86%D8%A9-")
    assert social(page.read_text("utf-8")) == [
        '<meta property="og:site_name" content="أرشيف الأخبار">',
        '<meta property="og:title" content="هدنة &#34;إنسانية&#34; في &lt;غزة&gt; &amp; رفح">',
        '<meta property="og:description" content="أعلنت الأطراف هدنة إنسانية لمدة ثلاثة أيام في غزة.">',
        '<meta property="og:type" content="article">',
        '<meta property="og:locale" content="ar_AR">',
        '<meta property="og:locale:alternate" content="en_US">',
        f'<meta property="og:url" content="{canonical}">',
        f'<meta property="og:image" content="{BASE_URL}media/images/port%20one.png">',
        '<meta property="og:image:alt" content="صورة الميناء">',
        '<meta name="twitter:image:alt" content="صورة الميناء">',
        '<meta property="article:published_time" content="2024-05-02">',
        '<meta property="article:tag" content="غزة">',
        '<meta property="article:tag" content="اقتصاد">',
        '<meta name="twitter:card" content="summary_large_image">',
    ]
    assert (out / "media" / "images" / "port one.png").read_bytes() == PNG  # og:image leads to a file
    english = social((out / "articles" / "truce-in-gaza" / "index.html").read_text("utf-8"))
    assert english == [
        '<meta property="og:site_name" content="News Archive">',
        '<meta property="og:title" content="Truce in Gaza">',
        '<meta property="og:description" content="The parties announced a three-day humanitarian truce in Gaza.">',
        '<meta property="og:type" content="article">',
        '<meta property="og:locale" content="en_US">',
        '<meta property="og:locale:alternate" content="ar_AR">',
        f'<meta property="og:url" content="{BASE_URL}articles/truce-in-gaza/">',
        '<meta property="article:published_time" content="2024-05-02">',
        '<meta property="article:tag" content="Gaza">',
        '<meta property="article:tag" content="Economy">',
        '<meta name="twitter:card" content="summary">',
    ]
    listing = social((out / "en" / "index.html").read_text("utf-8"))
    assert listing == [
        '<meta property="og:site_name" content="News Archive">',
        '<meta property="og:title" content="News Archive">',
        '<meta property="og:description" content="A bilingual Arabic and English news archive">',
        '<meta property="og:type" content="website">',
        '<meta property="og:locale" content="en_US">',
        '<meta property="og:locale:alternate" content="ar_AR">',
        f'<meta property="og:url" content="{BASE_URL}en/">',
        '<meta name="twitter:card" content="summary">',
    ]
    assert sitecheck.vnu_errors(out) == []
    assert snapshot(out) == snapshot(build_site(source, tmp_path / "again", "--base-url", BASE_URL, "--no-cache"))


def test_og_description_url_and_type_agree_with_the_rest_of_every_pages_head(mixed_site):
    for page in sitecheck.content_pages(mixed_site):
        head = head_of(page)
        assert head["og:description"] == head["description"], page
        assert head.get("og:url") == head.get("canonical"), page
        assert len(head["og:title"]) == len(head["og:site_name"]) == len(head["twitter:card"]) == 1, page
        is_article = page.relative_to(mixed_site).parts[-3:-2] == ("articles",)
        assert head["og:type"] == ["article" if is_article else "website"], page
        english = page.read_text("utf-8").startswith('<!DOCTYPE html>\n<html lang="en"')
        assert head["og:locale"] == ["en_US" if english else "ar_AR"], page
        if not is_article:
            assert "article:published_time" not in head and "article:tag" not in head, page


def test_without_a_base_url_there_is_no_og_url_and_no_og_image(source, tmp_path):
    out = build_site(source, tmp_path / "out")
    for page in (arabic_page(out), out / "index.html"):
        head = head_of(page)
        assert "og:url" not in head and "og:image" not in head and "canonical" not in head
        assert head["twitter:card"] == ["summary"]


def test_og_locale_alternate_only_where_the_page_exists_in_the_other_language(source, tmp_path):
    out = build_site(source, tmp_path / "out", "--base-url", BASE_URL)
    assert head_of(out / "articles" / "truce-in-gaza" / "index.html")["og:locale:alternate"] == ["ar_AR"]
    assert "og:locale:alternate" not in head_of(out / "articles" / "editor-s-notes" / "index.html")
    assert "og:locale:alternate" not in head_of(out / "archive" / "hijri" / "index.html")  # Arabic only
    assert "og:locale:alternate" not in head_of(out / "404.html")
    assert head_of(out / "tags" / "index.html")["og:locale:alternate"] == ["en_US"]
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitegen.toml").write_text('languages = ["ar"]\n', "utf-8")
    alone = build_site(source, tmp_path / "alone", "--config", str(site / "sitegen.toml"))
    assert "og:locale:alternate" not in head_of(alone / "index.html")


def test_an_undated_article_has_no_published_time_and_its_tags_are_in_the_pages_language(source, tmp_path):
    out = build_site(source, tmp_path / "out", "--base-url", BASE_URL)
    head = head_of(out / "articles" / "editor-s-notes" / "index.html")
    assert head["og:type"] == ["article"] and "article:published_time" not in head
    assert head["og:title"] == ["Editor's notes"] and head["og:description"] == ['Notes & "quotes" from the desk.']
    assert head_of(arabic_page(out))["article:tag"] == ["غزة", "اقتصاد"]


def test_the_preview_image_is_the_first_published_image_the_body_shows_with_its_alt_text():
    media = (("a.pdf", 1), ("b.avif", 2), ("missing.png", 3), ("linked.png", 4), ("c/D 1.JPG", 5), ("e.png", 6))
    body = (
        '<p><a href="../../media/a.pdf">report</a> <img alt="" src="../../media/b.avif">'
        '<img src="../../media/missing.png" alt="gone"> <a href="../../media/linked.png">a linked picture</a>'
        ' <img src="https://example.org/other.png" alt="elsewhere"></p>'
        '<p><img alt="Tom &amp; &quot;Jerry&quot;" src="../../media/c/D%201.JPG">'
        ' <img alt="e" src="../../media/e.png"></p>'
    )
    article = Article(source="x.md", title="x", lang="en", body=(Block("html", body),), media=media)
    published = {"a.pdf", "b.avif", "linked.png", "c/D 1.JPG", "e.png"}
    assert preview_image(article, published) == ("c/D 1.JPG", 'Tom & "Jerry"')
    assert preview_image(article, published - {"c/D 1.JPG"}) == ("e.png", "e")
    # A picture the body only links to is not what the article shows.
    assert preview_image(article, {"a.pdf", "linked.png"}) is None


@pytest.mark.parametrize("quote", ['"', "'"])
def test_titles_and_descriptions_of_any_text_are_escaped_in_every_og_field(source, tmp_path, quote):
    title = f"عنوان {quote}مقتبس{quote} <b>&amp; \u200fرموز\u200e & «غزة»"
    site = tmp_path / "site"
    site.mkdir()
    toml_title = title.replace("\\", "\\\\").replace('"', '\\"')
    (site / "sitegen.toml").write_text(f'title_ar = "{toml_title}"\ndescription_ar = "{toml_title}"\n', "utf-8")
    out = build_site(source, tmp_path / "out", "--config", str(site / "sitegen.toml"))
    head = head_of(out / "index.html")
    assert head["og:site_name"] == head["og:title"] == head["og:description"] == head["description"] == [title]
    html = (out / "index.html").read_text("utf-8")
    assert "<b>" not in html.split("</head>", 1)[0]


def touch_later(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


@pytest.mark.parametrize("mode", ["cli", "session"])
def test_incremental_builds_follow_every_change_of_og_data_as_a_full_build_does(source, tmp_path, mode):
    """The og:image of an article depends on a file beside it, not only on the article's own
    bytes: a picture added after its article must reach the article's page."""
    site = tmp_path / "site"
    site.mkdir()
    toml = site / "sitegen.toml"
    toml.write_text(f'base_url = "{BASE_URL}"\n', "utf-8")
    out = tmp_path / "out"
    session = Session()

    def rebuild() -> None:
        if mode == "cli":
            build_site(source, out, "--config", str(toml))
        else:
            build_with(configuration.load(toml, source=source, output=out), session=session)
            session.settle()

    def image() -> list[str]:
        return head_of(arabic_page(out)).get("og:image", [])

    def same_as_full() -> None:
        full = tmp_path / "full"
        build_site(source, full, "--config", str(toml), "--no-cache")
        assert snapshot(out) == snapshot(full)
        shutil.rmtree(full)

    port = source / "images" / "port one.png"
    port.unlink()
    rebuild()
    assert image() == [f"{BASE_URL}media/second.jpg"]
    port.write_bytes(PNG)  # the picture comes after its article
    rebuild()
    assert image() == [f"{BASE_URL}media/images/port%20one.png"]
    same_as_full()
    article = source / "truce.ar.md"
    article.write_text(ARABIC.replace("![صورة الميناء](images/port%20one.png) ", ""), "utf-8")
    touch_later(article)
    rebuild()
    assert image() == [f"{BASE_URL}media/second.jpg"]
    same_as_full()
    toml.write_text('base_url = "https://news.example.org/"\n', "utf-8")
    rebuild()
    assert image() == ["https://news.example.org/media/second.jpg"]
    assert head_of(out / "index.html")["og:url"] == ["https://news.example.org/"]
    same_as_full()
    (source / "second.jpg").unlink()
    rebuild()
    assert image() == []
    assert head_of(arabic_page(out))["twitter:card"] == ["summary"]
    same_as_full()


def test_an_updated_article_carries_its_update_day_as_modified_time_unless_it_is_before_the_date(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "later.md").write_text("---\ntitle: Later\ndate: 2024-05-02\nupdated: 2024-05-09\n---\n\nText.\n", "utf-8")
    (src / "typo.md").write_text("---\ntitle: Typo\ndate: 2024-05-02\nupdated: 2024-04-09\n---\n\nText.\n", "utf-8")
    out = build_site(src, tmp_path / "out", "--base-url", BASE_URL, "--no-cache")
    later = head_of(out / "articles" / "later" / "index.html")
    assert later["article:published_time"] == ["2024-05-02"] and later["article:modified_time"] == ["2024-05-09"]
    typo = head_of(out / "articles" / "typo" / "index.html")
    assert typo["article:published_time"] == ["2024-05-02"] and "article:modified_time" not in typo
