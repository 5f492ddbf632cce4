"""schema.org data (JSON-LD): a NewsArticle on every article page, a WebSite on each home page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sitecheck
from conftest import build_site, write_source
from test_share import BASE_URL, PNG, head_of, snapshot

_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)

TITLE = 'قمة "الطاقة" </script><!-- في <القاهرة> & الرياض'
ARABIC = f"""Title: {TITLE}
Date: 2024-05-02
Updated: 2024-05-04
Translation: summit
Tags: مصر، اقتصاد

![قاعة القمة](hall.png)

افتتح القادة قمة الطاقة في القاهرة صباح اليوم.
"""
ENGLISH = """Title: Energy summit opens in Cairo
Date: 2024-05-02
Translation: summit
Tags: Egypt
Lang: en

Leaders opened the energy summit in Cairo this morning.
"""
UNDATED = """Title: Editor's notes
Lang: en

Notes from the desk.
"""


def structured(page: Path) -> list[dict]:
    """The JSON-LD blocks of a page, parsed as a search engine reads them."""
    return [json.loads(block) for block in _BLOCK.findall(page.read_text("utf-8"))]


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    src = write_source(tmp_path, {"summit.ar.md": ARABIC, "summit.en.md": ENGLISH, "notes.md": UNDATED})
    (src / "hall.png").write_bytes(PNG)
    return src


def arabic_page(out: Path) -> Path:
    return next((out / "articles").glob("قمة-*")) / "index.html"


def test_an_article_page_describes_itself_as_a_news_article(source, tmp_path, vnu):
    out = build_site(source, tmp_path / "out", "--base-url", BASE_URL, "--no-cache")
    page = arabic_page(out)
    head = head_of(page)
    (data,) = structured(page)
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": TITLE,
        "inLanguage": "ar",
        "description": "افتتح القادة قمة الطاقة في القاهرة صباح اليوم.",
        "datePublished": "2024-05-02",
        "dateModified": "2024-05-04",
        "keywords": ["مصر", "اقتصاد"],
        "url": head["canonical"][0],
        "image": [f"{BASE_URL}media/hall.png"],
        "isPartOf": {"@type": "WebSite", "name": "أرشيف الأخبار", "url": BASE_URL},
    }
    # The same facts as the page's other metadata.
    assert [data["description"]] == head["description"] and data["keywords"] == head["article:tag"]
    assert [data["image"][0]] == head["og:image"] and [data["datePublished"]] == head["article:published_time"]
    (english,) = structured(out / "articles" / "energy-summit-opens-in-cairo" / "index.html")
    assert english["inLanguage"] == "en" and english["headline"] == "Energy summit opens in Cairo"
    assert english["isPartOf"] == {"@type": "WebSite", "name": "News Archive", "url": BASE_URL + "en/"}
    assert "dateModified" not in english and "image" not in english
    assert sitecheck.vnu_errors(out) == []
    assert snapshot(out) == snapshot(build_site(source, tmp_path / "again", "--base-url", BASE_URL, "--no-cache"))


def test_markup_in_a_title_cannot_end_the_data_block(source, tmp_path):
    out = build_site(source, tmp_path / "out", "--base-url", BASE_URL)
    html = arabic_page(out).read_text("utf-8")
    (block,) = _BLOCK.findall(html)
    assert "<" not in block and ">" not in block and "&" not in block  # all \u escapes
    assert json.loads(block)["headline"] == TITLE
    assert "قمة" in block  # Arabic as itself, not \u escapes


def test_an_undated_article_claims_no_date(source, tmp_path):
    out = build_site(source, tmp_path / "out", "--base-url", BASE_URL)
    (data,) = structured(out / "articles" / "editor-s-notes" / "index.html")
    assert data["@type"] == "NewsArticle" and data["headline"] == "Editor's notes"
    assert "datePublished" not in data and "dateModified" not in data and "keywords" not in data


def test_each_home_page_names_the_site_in_its_language(source, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitegen.toml").write_text("per_page = 1\n", "utf-8")
    out = build_site(source, tmp_path / "out", "--base-url", BASE_URL, "--config", str(site / "sitegen.toml"))
    assert structured(out / "index.html") == [
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": "أرشيف الأخبار",
            "inLanguage": "ar",
            "description": "أرشيف إخباري بالعربية والإنجليزية",
            "url": BASE_URL,
        }
    ]
    (english,) = structured(out / "en" / "index.html")
    assert english["name"] == "News Archive" and english["url"] == BASE_URL + "en/"
    # Only the first page of the home list, and no other list.
    for page in ("page/2/index.html", "tags/index.html", "archive/index.html", "404.html"):
        assert structured(out / page) == [], page


def test_without_a_base_url_nothing_claims_an_address(source, tmp_path):
    out = build_site(source, tmp_path / "out")
    assert structured(out / "index.html") == []  # a WebSite without its URL names nothing
    (data,) = structured(arabic_page(out))
    assert "url" not in data and "image" not in data
    assert data["isPartOf"] == {"@type": "WebSite", "name": "أرشيف الأخبار"}


def test_every_article_page_has_one_news_article_and_no_list_page_has_one(mixed_site):
    articles = 0
    for page in sitecheck.content_pages(mixed_site):
        blocks = structured(page)
        if page.relative_to(mixed_site).parts[-3:-2] == ("articles",):
            articles += 1
            assert [b["@type"] for b in blocks] == ["NewsArticle"], page
            assert blocks[0]["url"] == head_of(page)["canonical"][0], page
        else:
            assert all(b["@type"] == "WebSite" for b in blocks), page
    assert articles >= 10
