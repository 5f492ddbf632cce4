"""End to end: the real seeds and a mixed fixture archive, built by the CLI."""

from __future__ import annotations

import errno
import hashlib
import html
import json
import logging
import os
import re
import shutil
import sys
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import sitecheck
from conftest import FIXTURES, SEEDS, build_site, write_source
from test_extract import AR_WRAPPED, EN_WRAPPED, wrapped_article

from sitegen.cli import main
from sitegen.errors import shown_path

SEED_DATED = "000_ed9f55617d7db0d4.txt"
SEED_UNDATED = "001_cc7b3c5100db086b.txt"


class TextCollector(HTMLParser):
    """Visible text of <main>, and the <html> attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.html_attrs: dict[str, str | None] = {}
        self.in_main = 0
        self.text: list[str] = []
        self.h2: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.html_attrs = dict(attrs)
        if tag == "main":
            self.in_main += 1
        if tag == "h2":
            self._in_h2 = True
            self.h2.append("")

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data):
        if self.in_main:
            self.text.append(data)
        if self._in_h2:
            self.h2[-1] += data


def site_with(tmp_path: Path, folder: str) -> tuple[Path, list[str]]:
    """A site root with an empty sitegen.toml and the given folder, and the command that builds
    the seeds with it into tmp_path/o."""
    site = tmp_path / "site"
    (site / folder).mkdir(parents=True)
    (site / "sitegen.toml").write_text("", "utf-8")
    command = ["build", "--source", str(SEEDS), "--output", str(tmp_path / "o"), "--config", str(site / "sitegen.toml")]
    return site, command


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def page(site: Path, rel: str) -> TextCollector:
    parser = TextCollector()
    parser.feed((site / rel).read_text("utf-8"))
    return parser


def normalized(text: str) -> str:
    return " ".join(text.split())


def inspect_json(source: Path, capsys) -> list[dict]:
    assert main(["inspect", "--json", "--source", str(source)]) == 0
    return json.loads(capsys.readouterr().out)


def test_inspect_reports_both_seeds(capsys):
    rows = {r["source"]: r for r in inspect_json(SEEDS, capsys)}
    dated, undated = rows[SEED_DATED], rows[SEED_UNDATED]
    assert dated["title"] == "علاقات روسية ـ باكستانية متنامية"
    assert dated["date"] == "2024-04-19"
    assert undated["title"] == "بوتين يبحث هاتفيًا مع رئيس وزراء باكستان العلاقات الثنائية ومكافحة كورونا"
    assert undated["date"] is None
    assert any("undated" in w for w in undated["warnings"])
    for row in rows.values():
        assert row["lang"] == "ar"
        assert {"russia", "pakistan"} <= set(row["tags"])
        assert row["path"] == row["url"] + "index.html"
        assert set(row) >= {"source", "title", "date", "lang", "tags", "byline", "url", "path", "warnings"}


@pytest.mark.parametrize("seed", [SEED_DATED, SEED_UNDATED])
def test_every_line_of_each_seed_is_on_its_page_in_order(seeds_site, seed, capsys):
    rows = {r["source"]: r for r in inspect_json(SEEDS, capsys)}
    doc = page(seeds_site, rows[seed]["path"])
    assert doc.html_attrs == {"lang": "ar", "dir": "rtl"}
    text = normalized(" ".join(doc.text))
    position = 0
    lines = [normalized(line) for line in (SEEDS / seed).read_text("utf-8").splitlines() if line.strip()]
    if seed == SEED_DATED:
        lines = lines[2:]  # the two date lines are shown once, formatted
        assert "19 أبريل 2024" in text
    for line in lines:
        found = text.find(line, position)
        assert found >= 0, f"missing or out of order: {line[:60]}"
        position = found + len(line)


def test_an_update_line_is_on_the_page_as_the_formatted_update_date_and_no_line_is_lost(tmp_path):
    text = "الجمعة - 19 أبريل 2024\nعنوان الخبر\nكتب: محمد علي\nآخر تحديث: ٢٠ نيسان ٢٠٢٤\n\nفقرة أولى.\nفقرة ثانية.\n"
    out = build_site(write_source(tmp_path, {"a.txt": text}), tmp_path / "out")
    (rel,) = [p.relative_to(out).as_posix() for p in (out / "articles").rglob("index.html")]
    html, doc = (out / rel).read_text("utf-8"), page(out, rel)
    shown = normalized(" ".join(doc.text))
    position = 0
    for line in ("عنوان الخبر", "السبت 20 أبريل 2024", "كتب: محمد علي", "فقرة أولى.", "فقرة ثانية."):
        found = shown.find(normalized(line), position)
        assert found >= 0, f"missing or out of order: {line}"
        position = found
    assert '<span class="updated">آخر تحديث: <time datetime="2024-04-20">السبت 20 أبريل 2024</time></span>' in html
    assert re.findall(r'<p class="byline"><bdi>(.*?)</bdi></p>', html) == ["كتب: محمد علي"]


def test_articles_of_one_day_are_listed_by_time_and_pages_feeds_and_search_engines_get_the_moment(tmp_path):
    body = "\n\nنص الخبر عن الاقتصاد في المنطقة.\n"
    files = {
        "a.txt": "الجمعة 19 أبريل 2024 - 10:30 ص\n\nخبر الصباح" + body,
        "b.txt": "الجمعة 19 أبريل 2024 - ٠٨:١٥ مساءً\n\nخبر المساء" + body,
        "c.txt": "الجمعة 19 أبريل 2024\n\nخبر بلا ساعة" + body,
        "d.md": "---\ntitle: Morning in Washington\ndate: 2024-04-19 09:00:00 -0400\n---\nText of the article.\n",
        "e.txt": "الأحد 19 مايو 2024 - 09:00 بتوقيت بيروت\n\nخبر من بيروت" + body,  # a city's zone, in summer
    }
    source = write_source(tmp_path, files)
    config = tmp_path / "sitegen.toml"
    config.write_text('timezone = "Africa/Cairo"\nbase_url = "https://example.org/"\n', "utf-8")
    out = build_site(source, tmp_path / "out", "--config", str(config))
    home = (out / "index.html").read_text("utf-8")
    titles = re.findall(r'<h2 class="card-title"[^>]*><a [^>]+>([^<]+)</a>', home)
    # 09:00 in Washington came after 10:30 in Cairo
    assert titles == ["خبر من بيروت", "خبر المساء", "Morning in Washington", "خبر الصباح", "خبر بلا ساعة"]
    morning = (out / "articles" / "خبر-الصباح" / "index.html").read_text("utf-8")
    # a time written without a zone is in the site's: Cairo, two hours ahead before its summer time
    assert '<time datetime="2024-04-19T10:30:00+02:00">الجمعة 19 أبريل 2024، الساعة 10:30</time>' in morning
    assert '"datePublished":"2024-04-19T10:30:00+02:00"' in morning.replace(" ", "")
    assert '<meta property="article:published_time" content="2024-04-19T10:30:00+02:00">' in morning
    washington = (out / "articles" / "morning-in-washington" / "index.html").read_text("utf-8")
    assert '<time datetime="2024-04-19T09:00:00-04:00">Friday, 19 April 2024 at 09:00</time>' in washington
    no_time = (out / "articles" / "خبر-بلا-ساعة" / "index.html").read_text("utf-8")
    assert '<time datetime="2024-04-19">الجمعة 19 أبريل 2024</time>' in no_time
    feed = (out / "feed.xml").read_text("utf-8")
    assert re.findall(r"<published>(.*?)</published>", feed) == [
        "2024-05-19T09:00:00+03:00",  # Beirut's summer time, whatever the site's zone
        "2024-04-19T20:15:00+02:00",
        "2024-04-19T09:00:00-04:00",
        "2024-04-19T10:30:00+02:00",
        "2024-04-19T00:00:00+02:00",  # a day without a time: its midnight
    ]
    assert "<updated>2024-05-19T09:00:00+03:00</updated>" in feed  # the feed's: its latest entry's


def test_a_time_without_a_zone_is_ordered_in_the_sites_zone_in_listings_as_in_feeds(tmp_path):
    body = "\n\nنص الخبر عن الاقتصاد في المنطقة.\n"
    files = {
        "a.txt": "الجمعة 26 أبريل 2024 - 09:00 ص\n\nخبر الرياض" + body,  # 06:00 UTC in the site's zone
        "b.txt": "الجمعة 26 أبريل 2024 - 10:30 بتوقيت القاهرة\n\nخبر القاهرة" + body,  # 07:30 UTC
    }
    source = write_source(tmp_path, files)
    config = tmp_path / "sitegen.toml"
    config.write_text('timezone = "Asia/Riyadh"\nbase_url = "https://example.org/"\n', "utf-8")
    out = build_site(source, tmp_path / "out", "--config", str(config))
    titles = re.findall(r'<h2 class="card-title"[^>]*><a [^>]+>([^<]+)</a>', (out / "index.html").read_text("utf-8"))
    assert titles == ["خبر القاهرة", "خبر الرياض"]
    feed = (out / "feed.xml").read_text("utf-8")
    assert re.findall(r"<published>(.*?)</published>", feed) == [
        "2024-04-26T10:30:00+03:00",
        "2024-04-26T09:00:00+03:00",
    ]
    # the same sources under another zone: the order is made again, not taken from the cache
    config.write_text('timezone = "UTC"\nbase_url = "https://example.org/"\n', "utf-8")
    out = build_site(source, tmp_path / "out", "--config", str(config))
    titles = re.findall(r'<h2 class="card-title"[^>]*><a [^>]+>([^<]+)</a>', (out / "index.html").read_text("utf-8"))
    assert titles == ["خبر الرياض", "خبر القاهرة"]


@pytest.mark.parametrize("width", [40, 50, 60, 72])
def test_hard_wrapped_articles_show_each_paragraph_whole_and_their_subheadings(tmp_path, width):
    files = {f"{lang}.txt": wrapped_article(blocks, width) for lang, blocks in (("ar", AR_WRAPPED), ("en", EN_WRAPPED))}
    out = build_site(write_source(tmp_path, files), tmp_path / "out")
    shown = {}
    for path in (out / "articles").rglob("index.html"):
        body = re.search(r'<div class="article-body">(.*?)</div>', path.read_text("utf-8"), re.S)
        assert body is not None
        blocks = [
            (kind, html.unescape(text))
            for kind, text in re.findall(r'<(p|h2)(?: id="[^"]*")?>(.*?)</\1>', body.group(1))
        ]
        shown["en" if blocks[0][1].isascii() else "ar"] = blocks
    assert shown == {"ar": AR_WRAPPED, "en": EN_WRAPPED}


def test_second_seed_subheading_is_an_h2(seeds_site, capsys):
    rows = {r["source"]: r for r in inspect_json(SEEDS, capsys)}
    doc = page(seeds_site, rows[SEED_UNDATED]["path"])
    assert "العلاقات الروسية الباكستانية" in [normalized(h) for h in doc.h2]
    assert "بلا تاريخ" in " ".join(doc.text)


def test_home_lists_dated_before_undated(seeds_site):
    home = (seeds_site / "index.html").read_text("utf-8")
    assert home.index("علاقات روسية ـ باكستانية متنامية") < home.index("بوتين يبحث هاتفيًا")


def test_every_page_has_lang_dir_title_description_viewport(mixed_site):
    for path in sitecheck.page_files(mixed_site):
        html = path.read_text("utf-8")
        assert re.search(r'<html lang="(ar|en)" dir="(rtl|ltr)">', html), path
        opening = re.search(r'<html lang="(\w+)" dir="(\w+)">', html)
        assert opening is not None, path
        lang, direction = opening.groups()
        assert (lang, direction) in {("ar", "rtl"), ("en", "ltr")}, path
        assert '<meta charset="utf-8">' in html
        assert 'name="viewport"' in html and 'name="description"' in html
        assert re.search(r"<title>[^<]+</title>", html)


def test_english_article_has_english_chrome(mixed_site, capsys):
    source = FIXTURES / "archive"
    rows = {r["source"]: r for r in inspect_json(source, capsys)}
    doc = page(mixed_site, rows["english-plain.txt"]["path"])
    assert doc.html_attrs == {"lang": "en", "dir": "ltr"}
    assert "Friday, 19 April 2024" in " ".join(doc.text)


def test_seed_pages_are_valid_html(seeds_site, vnu):
    assert sitecheck.vnu_errors(seeds_site) == []


def test_mixed_archive_pages_are_valid_html(mixed_site, vnu):
    assert sitecheck.vnu_errors(mixed_site) == []


NESTED_LISTS = (
    "قرارات مجلس الوزراء\n19 أبريل 2024\n\nأعلن مجلس الوزراء اليوم حزمة من القرارات الاقتصادية.\n\n"
    "• رفع الأجور\n◦ الحد الأدنى\n▪ في القطاع العام\n◦ الحوافز\n• زيادة المعاشات\n  - للمتقاعدين\n\nـــــــ\n\n"
    "1. Wages\n   - minimum wage\n   1. in the public sector\n2. Pensions\n* * *\nوقال المتحدث إن القرارات تسري فورا.\n"
)


def test_sub_items_are_lists_inside_their_items_on_a_valid_page(tmp_path, vnu):
    # With a section break (a rule line: <hr>) after each list.
    out = build_site(write_source(tmp_path, {"a.txt": NESTED_LISTS}), tmp_path / "out")
    body = (out / "articles" / "قرارات-مجلس-الوزراء" / "index.html").read_text("utf-8")
    assert body.count('<ul class="typed">') == 5 and body.count('<ol class="typed">') == 2
    assert body.count("<hr>") == 2
    lines = [line.strip() for line in NESTED_LISTS.splitlines()[3:] if line and line not in ("ـــــــ", "* * *")]
    assert all(html.escape(line, quote=False) in body for line in lines)
    assert sitecheck.vnu_errors(out) == []


def test_character_references_in_markdown_metadata_are_shown_as_their_characters_everywhere(tmp_path, vnu):
    # A WordPress export's title; the page showed 'Q&amp;A &#8211; talks' and its URL was q-amp-a-8211-talks.
    files = {
        "q.md": "---\ntitle: 'Q&amp;A &#8211; talks'\ndate: 2024-04-19\nlang: en\ntags: [Q&amp;A]\n"
        "description: AT&T &copy 2024 &amp;amp; more\n---\nText of the talks.\n",
        "s.md": "---\ntitle: '&lt;script&gt;alert(1)&lt;/script&gt;&#12;&#0;&#129;'\ndate: 2024-04-18\nlang: en\n---\n"
        "Text of the other article.\n",
    }
    config = tmp_path / "sitegen.toml"
    config.write_text('base_url = "https://example.org/"\n', "utf-8")
    out = build_site(write_source(tmp_path, files), tmp_path / "out", "--config", str(config))
    q = (out / "articles" / "q-a-talks" / "index.html").read_text("utf-8")
    assert "<h1>Q&amp;A – talks</h1>" in q and "<title>Q&amp;A – talks | " in q
    assert '<meta property="og:title" content="Q&amp;A – talks">' in q
    assert '<meta name="description" content="AT&amp;T &amp;copy 2024 &amp;amp; more">' in q  # decoded once
    tag = (out / "en" / "tags" / "q-a" / "index.html").read_text("utf-8")
    assert "Articles tagged “<bdi>Q&amp;A</bdi>”" in tag
    s = (out / "articles" / "script-alert-1-script" / "index.html").read_text("utf-8")
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; \ufffd</h1>" in s  # text, escaped
    feed = (out / "en" / "feed.xml").read_text("utf-8")
    assert "<title>Q&amp;A – talks</title>" in feed
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; \ufffd</title>" in feed
    index = json.loads((out / "search" / "d" / "0.json").read_text("utf-8"))
    assert {entry[1] for entry in index} == {"Q&A – talks", "<script>alert(1)</script> \ufffd"}
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            text = path.read_text("utf-8")
            assert "<script>alert" not in text and "&amp;#8211;" not in text, path
            assert "\x0c" not in text and "\x81" not in text, path  # no control character
    assert sitecheck.vnu_errors(out) == []


def test_no_broken_internal_links(seeds_site, mixed_site):
    assert sitecheck.broken_links(seeds_site) == []
    assert sitecheck.broken_links(mixed_site, base_path="/archive/") == []


def test_two_builds_are_byte_identical(tmp_path):
    a = build_site(SEEDS, tmp_path / "a")
    b = build_site(SEEDS, tmp_path / "b")
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_draft_is_not_published_and_script_never_reaches_a_page(mixed_site):
    everything = "".join(p.read_text("utf-8") for p in mixed_site.rglob("*.html"))
    assert "مسودة لم تنشر بعد" not in everything
    # The one script of the site is the search page's own file (linked with the version of its
    # bytes: theme.asset_version); JSON-LD blocks are data, not run.
    version = hashlib.sha256((mixed_site / "static" / "search.js").read_bytes()).hexdigest()[:10]
    assert set(re.findall(r"<script[^>]*>", everything)) == {
        f'<script src="/archive/static/search.js?v={version}" defer>',
        '<script type="application/ld+json">',
    }
    assert "javascript:" not in everything


def test_duplicate_titles_get_distinct_urls(capsys):
    rows = inspect_json(FIXTURES / "archive", capsys)
    urls = [r["url"] for r in rows if r["title"] == "عنوان مكرر"]
    assert len(urls) == 2 and len(set(urls)) == 2


def test_windows_1256_file_is_decoded_with_a_warning(capsys):
    rows = {r["source"]: r for r in inspect_json(FIXTURES / "archive", capsys)}
    row = rows["windows-1256.txt"]
    assert row["title"] == "خبر بترميز ويندوز"
    assert row["date"] == "2021-03-15"
    assert any("Windows-1256" in w for w in row["warnings"])


def test_a_windows_1252_english_file_is_decoded_with_a_warning(tmp_path, capsys):
    source = tmp_path / "src"
    source.mkdir()
    english = "Friday - 19 April 2024\n\nCafé owners meet\n\nThe “Café de Paris” owners met — prices rose 5 €.\n"
    (source / "cafe.txt").write_bytes(english.encode("cp1252"))
    (source / "arabic.txt").write_bytes("الجمعة 19 أبريل 2024\n\nخبر بترميز ويندوز\n\nنص الخبر.\n".encode("cp1256"))
    rows = {r["source"]: r for r in inspect_json(source, capsys)}
    assert rows["cafe.txt"]["title"] == "Café owners meet"
    assert any("Windows-1252" in w for w in rows["cafe.txt"]["warnings"])
    assert rows["arabic.txt"]["title"] == "خبر بترميز ويندوز"
    assert any("Windows-1256" in w for w in rows["arabic.txt"]["warnings"])
    out = build_site(source, tmp_path / "out")
    page = (out / "articles" / "café-owners-meet" / "index.html").read_text("utf-8")
    assert "The “Café de Paris” owners met — prices rose 5 €." in page


def test_failed_build_keeps_previous_output(tmp_path):
    out = build_site(SEEDS, tmp_path / "out")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    site = tmp_path / "site"
    (site / "templates").mkdir(parents=True)
    (site / "templates" / "article.html").write_text("{% extends 'base.html' %}{% block content %}{{ nope(", "utf-8")
    code = main(["build", "--source", str(SEEDS), "--output", str(out), "--config", str(site / "sitegen.toml")])
    assert code == 2  # config file missing: usage error, nothing touched
    (site / "sitegen.toml").write_text("", "utf-8")
    code = main(["build", "--source", str(SEEDS), "--output", str(out), "--config", str(site / "sitegen.toml")])
    assert code == 2  # a broken template is the site's own file to fix, as a bad sitegen.toml is
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".sitegen-*"))


def test_template_error_names_the_template_and_line(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "templates").mkdir(parents=True)
    (site / "templates" / "article.html").write_text(
        "{% extends 'base.html' %}\n{% block content %}\n{{ nope( }}\n", "utf-8"
    )
    (site / "sitegen.toml").write_text("", "utf-8")
    assert (
        main(["build", "--source", str(SEEDS), "--output", str(tmp_path / "o"), "--config", str(site / "sitegen.toml")])
        == 2
    )
    err = capsys.readouterr().err
    assert "article.html:3" in err


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{{ 1 / 0 }}", "article.html:4: template article.html failed: ZeroDivisionError: division by zero"),
        (
            "{{ article.nosuch }}",
            "{site}/templates/article.html:4: template article.html: 'dict object' has no attribute 'nosuch'",
        ),
    ],
)
def test_a_template_that_fails_while_rendering_is_named_with_its_file_and_line_not_a_traceback(
    tmp_path, capsys, line, message
):
    site = tmp_path / "site"
    (site / "templates").mkdir(parents=True)
    (site / "templates" / "article.html").write_text(
        "{% extends 'base.html' %}\n{% block content %}\n<h1>{{ article.title }}</h1>\n" + line + "\n{% endblock %}\n",
        "utf-8",
    )
    (site / "sitegen.toml").write_text("", "utf-8")
    out = tmp_path / "o"
    command = ["build", "--source", str(SEEDS), "--output", str(out), "--config", str(site / "sitegen.toml")]
    assert main(command) == 2
    err = capsys.readouterr().err
    assert message.format(site=site) in err
    assert "Traceback" not in err and not out.exists()


def test_an_undefined_name_or_missing_include_in_a_template_is_named_with_its_file_and_line(tmp_path, capsys):
    """'template article.html: 'nope' is undefined' named neither the file (the site's or the
    theme's) nor the line; nor did 'template not found: x.html' say which template included it."""
    site, command = site_with(tmp_path, "templates")
    template = site / "templates" / "article.html"
    for body, message in (
        ("{{ nope.x }}", "template article.html: 'nope' is undefined"),
        ("{% include 'nothere.html' %}", "template not found: nothere.html"),
    ):
        template.write_text("{% extends 'base.html' %}\n{% block content %}\n" + body + "\n{% endblock %}\n", "utf-8")
        assert main(command) == 2
        assert f"{template}:3: {message}" in capsys.readouterr().err


SITE_FILE_MISTAKES = [
    ("sitegen.toml", "per_page = \n", "sitegen.toml:1: not valid TOML"),
    ("sitegen.toml", "per_pag = 5\n", "sitegen.toml:1: unknown key 'per_pag'"),
    ("tags.toml", "[[tag]\n", "tags.toml:1: invalid TOML"),
    ("tags.toml", '[[tag]]\nslug = "x"\nar = 5\n', "tags.toml:1: 2 problems in the tag vocabulary"),
    ("locales/ar.toml", "home = \n", "locales/ar.toml:1: invalid message catalog"),
    ("locales/en.toml", 'page_n = "Page {m}"\n', "locales/en.toml:1: 'page_n' uses {m}"),
    (
        "templates/article.html",
        "{% extends 'base.html' %}\n{% block content %}\n{{ x( }}\n",
        "article.html:3: template syntax",
    ),
    (
        "templates/article.html",
        "{% extends 'base.html' %}\n{% block content %}\n{{ nope.x }}\n{% endblock %}\n",
        "templates/article.html:3: template article.html: 'nope' is undefined",
    ),
    ("templates/base.html", "{% if %}\n", "templates/base.html:1: template syntax error"),
]


@pytest.mark.parametrize(
    ("name", "text", "message"), SITE_FILE_MISTAKES, ids=[f"{m[0]}-{i}" for i, m in enumerate(SITE_FILE_MISTAKES)]
)
def test_a_mistake_in_any_of_the_sites_own_files_exits_2_and_keeps_the_previous_output(
    tmp_path, capsys, name, text, message
):
    """A broken template exited 1 while a bad sitegen.toml, tags.toml or locales/ catalog exited 2,
    though each is a file of the site that must be fixed before anything can be built; so is a
    template that fails only while rendering (an undefined name)."""
    site, command = site_with(tmp_path, "templates")
    assert main(command) == 0
    before = snapshot(tmp_path / "o")
    (site / name).parent.mkdir(exist_ok=True)
    (site / name).write_text(text, "utf-8")
    capsys.readouterr()
    assert main(command) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert snapshot(tmp_path / "o") == before


def test_the_sites_own_files_are_named_relative_to_the_current_folder_like_the_articles(tmp_path, capsys, monkeypatch):
    """Problems named articles relative to the source folder but sitegen.toml, tags.toml,
    locales/ and templates/ by their absolute path: run in the site's folder, a message now
    names them as the user would type them; run from elsewhere, the path still leads there."""
    site, command = site_with(tmp_path, "templates")
    monkeypatch.chdir(site)
    mistakes = [
        ("sitegen.toml", "per_pag = 5\n", "ERROR: sitegen.toml:1: unknown key 'per_pag'"),
        ("tags.toml", "[[tag]\n", "ERROR: tags.toml:1: invalid TOML"),
        ("locales/ar.toml", "home = \n", "ERROR: locales/ar.toml:1: invalid message catalog"),
        ("locales/en.toml", 'hom = "x"\n', "WARNING: locales/en.toml:1: message 'hom' is not one of sitegen's"),
        (
            "templates/article.html",
            "{% extends 'base.html' %}\n{% block content %}\n{{ nope.x }}\n{% endblock %}\n",
            "ERROR: templates/article.html:3: template article.html: 'nope' is undefined",
        ),
    ]
    for name, text, message in mistakes:
        (site / name).parent.mkdir(exist_ok=True)
        (site / name).write_text(text, "utf-8")
        capsys.readouterr()
        main(command)
        err = capsys.readouterr().err
        assert message in err and str(tmp_path) not in err, err
        if name == "sitegen.toml":
            (site / name).write_text("", "utf-8")
        else:
            (site / name).unlink()
    (site / "sitegen.toml").write_text('source = "nope"\n', "utf-8")
    assert main(["build", "--output", str(tmp_path / "o")]) == 2
    assert "ERROR: nope: the source folder does not exist; change 'source' in sitegen.toml:1" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--config", "site/sitegen.toml", "--output", "o"]) == 2
    assert "ERROR: site/nope: the source folder does not exist; change 'source' in site/sitegen.toml:1" in (
        capsys.readouterr().err
    )


def test_a_file_outside_the_current_folder_keeps_its_absolute_path(tmp_path):
    here = tmp_path / "here"
    assert shown_path(str(here / "sitegen.toml"), str(here)) == "sitegen.toml"
    assert shown_path(str(here / "templates" / "a.html"), str(here)) == "templates/a.html"
    assert shown_path(str(tmp_path / "elsewhere" / "sitegen.toml"), str(here)) == str(
        tmp_path / "elsewhere" / "sitegen.toml"
    )
    assert shown_path(str(here), str(here)) == str(here)
    assert shown_path("2024/article.txt", str(here)) == "2024/article.txt"


def refuse_reading(monkeypatch, unreadable: Path) -> None:
    """Path.read_bytes of that one file fails as for another user's mode-000 file, which the
    tests' root user could read anyway."""
    real = Path.read_bytes

    def refuse(self, *args, **kwargs):
        if self == unreadable:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", refuse)


def test_an_unreadable_message_catalog_exits_2_naming_it_not_with_a_traceback(tmp_path, capsys, monkeypatch):
    site, command = site_with(tmp_path, "locales")
    catalog = site / "locales" / "ar.toml"
    catalog.write_text('home = "البداية"\n', "utf-8")
    refuse_reading(monkeypatch, catalog)
    assert main(command) == 2
    err = capsys.readouterr().err
    assert "ar.toml: cannot read the message catalog: Permission denied" in err and "Traceback" not in err


@pytest.mark.parametrize("command_name", ["build", "inspect"])
def test_an_unreadable_static_file_exits_2_naming_it_and_keeps_the_previous_output(
    tmp_path, capsys, monkeypatch, command_name
):
    """A file of the site's static/ that cannot be read (another user's, mode 000) stopped the
    build, and inspect, with a Python traceback."""
    site, command = site_with(tmp_path, "static")
    secret = site / "static" / "fonts.css"
    secret.write_text("body { color: red }\n", "utf-8")
    out = tmp_path / "o"
    assert main(command) == 0
    before = snapshot(out)
    secret.write_text("body { color: blue }\n", "utf-8")  # new bytes: the build must read them
    refuse_reading(monkeypatch, secret)
    capsys.readouterr()
    if command_name == "inspect":
        command = ["inspect", "--source", str(SEEDS), "--config", str(site / "sitegen.toml")]
    assert main(command) == 2
    err = capsys.readouterr().err
    assert "fonts.css: cannot read the static file: Permission denied" in err and "Traceback" not in err
    assert snapshot(out) == before


def test_a_source_folder_that_cannot_be_read_exits_2_and_keeps_the_previous_output(tmp_path, capsys, monkeypatch):
    """It published an empty site (exit 0), or exited 1 'nothing to publish', though the README
    promises 2 for a source folder that cannot be used."""
    source = tmp_path / "src"
    shutil.copytree(SEEDS, source)
    out = tmp_path / "o"
    assert main(["build", "--source", str(source), "--output", str(out)]) == 0
    before = snapshot(out)
    real = os.scandir

    def refuse(path=".", *args):
        if Path(path) == source:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args)

    monkeypatch.setattr(os, "scandir", refuse)  # root could read a mode-000 folder anyway
    capsys.readouterr()
    assert main(["build", "--source", str(source), "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert (
        f"{source}: the source folder cannot be read (Permission denied); make it readable or pass another --source"
        in err
    )
    assert snapshot(out) == before


def test_a_mistaken_message_override_is_named_with_its_line_not_a_traceback(tmp_path, capsys):
    """locales/ar.toml with 'page_n = "صفحة {m}"' (for {n}) or 'tag_title = 5' crashed the build
    with a Python traceback."""
    site, command = site_with(tmp_path, "locales")
    catalog = site / "locales" / "ar.toml"
    for text, message in (
        (
            'home = "الرئيسية"\npage_n = "صفحة {m}"\n',
            ":2: 'page_n' uses {m}, which is not given (placeholders: {n}, {total})",
        ),
        ("tag_title = 5\n", ":1: 'tag_title' must be a text in quotes"),
        ("[articles_count]\none = 'مقال'\n", ":1: 'articles_count' needs an 'other' form beside 'one'"),
        ('page_n = "صفحة {n} من {total} {"\n', ":1: 'page_n': Single '{' encountered in format string"),
        ('[reading_time]\none = "{n} دقيقة"\nother = "{m} دقائق"\n', ":1: 'reading_time.other' uses {m}"),
    ):
        catalog.write_text(text, "utf-8")
        assert main(command) == 2
        err = capsys.readouterr().err
        assert f"{catalog}{message}" in err and "Traceback" not in err
    catalog.write_text('home = "البداية"\npage_n = "{n}/{total}"\n[articles_count]\nother = "{n} مادة"\n', "utf-8")
    assert main(command) == 0
    assert "البداية" in (tmp_path / "o" / "index.html").read_text("utf-8")


def test_bad_articles_are_named_and_skipped_and_strict_fails(tmp_path, capsys):
    source = tmp_path / "src"
    shutil.copytree(SEEDS, source)
    (source / "empty.txt").write_bytes(b"")
    (source / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (source / "garbage.txt").write_bytes(bytes(range(128, 256)) * 4)
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    for name in ("empty.txt", "binary.txt", "garbage.txt"):
        assert name in err
    assert len(list((tmp_path / "o" / "articles").iterdir())) == 2
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "o"), "--strict"]) == 1


def test_a_strict_build_that_fails_leaves_the_previous_site_as_it_was(tmp_path, capsys):
    source, out = tmp_path / "src", tmp_path / "o"
    shutil.copytree(SEEDS, source)
    assert main(["build", "--source", str(source), "--output", str(out), "-q"]) == 0
    before = snapshot(out)
    (source / "undated.txt").write_text("مقال بلا تاريخ\n\nنص المقال.\n", encoding="utf-8")
    (source / "empty.txt").write_bytes(b"")
    assert main(["build", "--source", str(source), "--output", str(out), "--strict"]) == 1
    captured = capsys.readouterr()
    assert "left as it was" in captured.err and "undated.txt" in captured.err and "empty.txt" in captured.err
    assert "not written" in captured.out
    assert snapshot(out) == before
    # once published without --strict, the same warnings still fail a strict build, which keeps that site
    assert main(["build", "--source", str(source), "--output", str(out), "-q"]) == 0
    published = snapshot(out)
    assert published != before
    assert main(["build", "--source", str(source), "--output", str(out), "--strict", "-q"]) == 1
    assert snapshot(out) == published


def test_a_strict_build_that_fails_writes_no_site_where_there_was_none(tmp_path):
    source, out = tmp_path / "src", tmp_path / "o"
    shutil.copytree(SEEDS, source)
    (source / "undated.txt").write_text("مقال بلا تاريخ\n\nنص المقال.\n", encoding="utf-8")
    assert main(["build", "--source", str(source), "--output", str(out), "--strict", "-q"]) == 1
    assert not (out / "index.html").exists() and not (out / "articles").exists()


def test_output_that_contains_the_source_is_refused(tmp_path, capsys):
    source = tmp_path / "site" / "seeds"
    shutil.copytree(SEEDS, source)
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "site")]) == 2
    assert "contains the source" in capsys.readouterr().err
    assert (source / SEED_DATED).exists()


def test_foreign_non_empty_output_is_refused(tmp_path, capsys):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    assert main(["build", "--source", str(SEEDS), "--output", str(out)]) == 2
    assert (out / "thesis.docx").read_text() == "precious"


def test_usage_errors_exit_2(tmp_path):
    assert main(["frobnicate"]) == 2
    (tmp_path / "sitegen.toml").write_text("per_page = 'ten'\ncolour = 1\n")
    assert main(["build", "--config", str(tmp_path / "sitegen.toml"), "--source", str(SEEDS)]) == 2


class _ClosedPipe(StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_output_piped_into_a_reader_that_stops_early_ends_without_a_traceback(tmp_path, capsys, monkeypatch):
    """`sitegen inspect | head -1` ended with a BrokenPipeError traceback."""
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    code = main(["inspect", "--source", str(SEEDS), "--output", str(tmp_path / "o")])
    assert code == 141  # 128 + SIGPIPE, as a shell reports any tool stopped by a closed pipe
    assert "Traceback" not in capsys.readouterr().err


def test_inspect_ends_with_the_number_of_articles_in_words_a_reader_expects(tmp_path, capsys):
    """It said '1 articles'."""
    source = write_source(tmp_path, {"a.md": "Title: A\nDate: 2024-04-19\n\nbody\n"})
    assert main(["inspect", "--source", str(source)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 article"
    (source / "b.md").write_text("Title: B\nDate: 2024-04-19\n\nbody\n", "utf-8")
    assert main(["inspect", "--source", str(source)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2 articles"


def test_a_source_without_articles_is_warned_naming_every_kind_of_article_file(tmp_path, capsys):
    """It named *.txt and *.md only, though *.markdown files are articles too."""
    source = tmp_path / "src"
    source.mkdir()
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "o")]) == 0
    assert f"WARNING: {source}: no article files (*.txt, *.md, *.markdown) found" in capsys.readouterr().err


def test_quiet_strict_shows_the_warnings_that_fail_the_build(tmp_path, capsys):
    """-q --strict failed with '0 errors and 1 warnings' and did not say which warning."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.md").write_text("Title: A\nDate: 2024-01-01\n\nbody\n")
    (source / "b.md").write_text("Title: B\n\nno date\n")
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "o"), "-q", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "WARNING: b.md: no 'date:' in the metadata" in err and "INFO" not in err
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "o"), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_a_build_with_nothing_to_do_says_what_a_full_build_says(tmp_path, capsys):
    """The 'no base_url set' notice was missing from the log of a build with nothing to do."""
    command = ["build", "--source", str(SEEDS), "--output", str(tmp_path / "o")]
    assert main(command) == 0
    first = capsys.readouterr().err
    assert "no base_url set" in first
    assert main(command) == 0
    assert capsys.readouterr().err == first


def test_sitegen_alone_lists_the_commands(capsys):
    """It said only 'the following arguments are required: COMMAND', naming none."""
    assert main([]) == 2
    err = capsys.readouterr().err
    assert all(f"    {command} " in err for command in ("build", "inspect", "serve"))


def test_each_commands_help_says_what_the_shared_options_do_for_it(capsys):
    """serve --help said --strict would 'exit 1' (serve ignores it); inspect --help offered a
    folder 'to write the site into' (inspect writes nothing)."""
    helps = {}
    for command in ("build", "inspect", "serve"):
        assert main([command, "--help"]) == 0
        helps[command] = " ".join(capsys.readouterr().out.split())
    assert "--strict treat warnings as errors (exit 1)" in helps["build"]
    assert "--strict accepted and ignored" in helps["serve"]
    assert "--output DIR not used: inspect writes no site" in helps["inspect"]
    assert all("--output DIR folder to write the site into" in helps[c] for c in ("build", "serve"))


def test_no_cache_help_says_the_lock_file_is_still_written_where_one_is(capsys):
    """build --help said --no-cache would 'ignore and do not write .sitegen-cache/', but build and
    serve still write their output lock there (so that two builds into one output wait for each
    other); inspect, which takes no lock, writes nothing there indeed."""
    helps = {}
    for command in ("build", "inspect", "serve"):
        assert main([command, "--help"]) == 0
        helps[command] = " ".join(capsys.readouterr().out.split())
    for command in ("build", "serve"):
        said = helps[command].split("--no-cache ", 1)[1].split(" --jobs", 1)[0]
        assert "do not write .sitegen-cache/" not in said
        assert "lock file" in said and ".sitegen-cache/" in said
    assert "--no-cache ignore and do not write .sitegen-cache/" in helps["inspect"]


def test_inspect_uses_the_number_of_worker_processes_asked_for(tmp_path, monkeypatch):
    """--jobs was accepted by inspect and ignored: it parsed on every core."""
    import sitegen.articles

    asked = []
    real = sitegen.articles.load_articles

    def recording(config, *args, **kwargs):
        asked.append(kwargs.get("jobs"))
        return real(config, *args, **kwargs)

    monkeypatch.setattr(sitegen.articles, "load_articles", recording)
    source = write_source(tmp_path, {"a.md": "Title: A\nDate: 2024-04-19\n\nbody\n"})
    assert main(["inspect", "--source", str(source), "--jobs", "1"]) == 0
    assert asked == [1]


def test_an_unknown_argument_is_named_with_the_commands_usage_and_what_was_meant(capsys):
    """`sitegen build --outptu x` printed sitegen's own usage (no option listed) and no hint; and
    `sitegen build seeds`, a newcomer's first guess, did not say how a folder is given."""
    cases = {
        ("build", "--outptu", "x"): "unrecognized arguments: --outptu x (did you mean --output?)",
        ("build", "seeds"): "unrecognized arguments: seeds (folders are given with --source DIR and --output DIR)",
        ("build", "--json"): "unrecognized arguments: --json (--json is an option of sitegen inspect)",
        ("inspect", "--jsn"): "unrecognized arguments: --jsn (did you mean --json?)",
    }
    for argv, message in cases.items():
        assert main(list(argv)) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"usage: sitegen {argv[0]} ") and "--source DIR" in err, err
        assert f"sitegen {argv[0]}: error: {message}" in err


def test_an_abbreviated_option_is_not_guessed_but_named_with_the_option_meant(tmp_path, capsys):
    """argparse took `--out x` for --output and `--base` for --base-url: a guess whose meaning
    would change the day another option with the same start is added."""
    source = write_source(tmp_path, {"a.md": "Title: A\nDate: 2024-04-19\n\nbody\n"})
    out = tmp_path / "out"
    assert main(["build", "--source", str(source), "--out", str(out)]) == 2
    assert "sitegen build: error: unrecognized arguments: --out " in capsys.readouterr().err
    assert not out.exists()
    assert main(["build", "--sour", str(source), "--output", str(out)]) == 2
    assert "unrecognized arguments: --sour " in capsys.readouterr().err
    assert main(["inspect", "--source", str(source), "--js"]) == 2
    assert "unrecognized arguments: --js (did you mean --json?)" in capsys.readouterr().err
    assert main(["build", "--source", str(source), "--output", str(out), "-q"]) == 0  # whole names still work
    assert (out / "index.html").is_file()


def test_a_bad_source_or_output_folder_is_a_configuration_error_naming_where_it_was_set(tmp_path, capsys, monkeypatch):
    """`source = "nope"` in sitegen.toml said "pass --source", and `output = "."` "choose another
    --output", to a user who had used neither option; and a bad folder exited 1, not 2."""
    site = tmp_path / "site"
    shutil.copytree(SEEDS, site / "seeds")
    monkeypatch.chdir(site)
    toml = site / "sitegen.toml"
    toml.write_text('title_en = "News"\nsource = "nope"\n')
    assert main(["build", "-q"]) == 2
    err = capsys.readouterr().err
    # Run in the site's folder: both named from there, as the user would type them.
    assert "ERROR: nope: the source folder does not exist; change 'source' in sitegen.toml:2 (or pass --source)" in err
    assert main(["build", "-q", "--source", "gone"]) == 2
    assert "gone: the source folder does not exist; pass another --source" in capsys.readouterr().err
    toml.write_text('output = "."\n')
    assert main(["build", "-q"]) == 2
    err = capsys.readouterr().err
    assert "is or contains the source folder; change 'output' in sitegen.toml:1 (or pass --output)" in err
    assert "--output" not in err.replace("(or pass --output)", "")
    toml.unlink()
    (site / "sub").mkdir()
    monkeypatch.chdir(site / "sub")  # the default source, from the wrong folder
    assert main(["build", "-q"]) == 2
    err = capsys.readouterr().err
    assert "does not exist; run sitegen in the site's folder, or set 'source' in sitegen.toml" in err


def test_a_draft_is_a_note_that_strict_does_not_count(tmp_path, capsys):
    """A draft is left out as asked: it was a WARNING, so --strict failed every build of an
    archive with one draft in it."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.md").write_text("Title: A\nDate: 2024-01-01\n\nbody\n")
    (source / "b.md").write_text("Title: B\nDate: 2024-01-02\nDraft: yes\n\nbody\n")
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "o"), "--strict"]) == 0
    captured = capsys.readouterr()
    assert "INFO: b.md: draft: not published" in captured.err and "WARNING" not in captured.err
    assert "0 warnings" in captured.out


class _Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_a_message_logged_during_the_progress_bar_starts_a_line_of_its_own(tmp_path, monkeypatch):
    """On a terminal, -v printed 'reading [####] 2/2DEBUG: 0.31 s: 2 articles read': the bar
    was left on the line and the message glued to it."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["build", "--source", str(SEEDS), "--output", str(tmp_path / "o"), "-v", "--no-cache"]) == 0
    text = terminal.getvalue()
    assert "reading   [" in text and "DEBUG: " in text
    assert not re.search(r"\] \d+/\d+(DEBUG|INFO|WARNING|ERROR)", text)
    for line in text.split("\n"):  # what stays on the screen: the text after the last carriage return
        assert "[#" not in line.split("\r")[-1]


def test_the_cli_gives_the_sitegen_logger_back_as_it_found_it(tmp_path, caplog, capsys):
    caplog.set_level(logging.INFO, logger="sitegen")
    logger = logging.getLogger("sitegen")
    before = (logger.handlers[:], logger.propagate, logger.level)
    assert main(["build", "--source", str(SEEDS), "--output", str(tmp_path / "o"), "-q"]) == 0
    assert (logger.handlers, logger.propagate, logger.level) == before
    # A program that logs through "sitegen" afterwards is heard once, by its own handlers.
    logging.getLogger("sitegen.build").warning("after the CLI")
    assert [r.getMessage() for r in caplog.records].count("after the CLI") == 1
    assert "after the CLI" not in capsys.readouterr().err


def test_version_flag(capsys):
    assert main(["--version"]) == 0
    assert "sitegen" in capsys.readouterr().out


def test_progress_is_reported_through_the_callback(tmp_path):
    from sitegen import config as configuration
    from sitegen.build import build

    seen: list[tuple[str, int, int]] = []
    cfg = configuration.load(None, source=SEEDS, output=tmp_path / "o", cwd=tmp_path)
    build(cfg, progress=lambda phase, done, total: seen.append((phase, done, total)))
    phases = [p for p, _, _ in seen]
    assert "reading" in phases and "rendering" in phases
    assert seen[-1][1] == seen[-1][2]


def test_the_reading_progress_counts_files_from_first_update_to_last(tmp_path):
    """It counted batches of files (1/21 … 21/21) and then jumped to files (479/479)."""
    from sitegen.build import build
    from sitegen.config import load

    source = tmp_path / "src"
    source.mkdir()
    for n in range(80):
        (source / f"{n:02d}.txt").write_text(f"19 أبريل 2024\n\nعنوان المقال رقم {n}\n\nنص المقال.\n")
    updates: list[tuple[int, int]] = []
    config = load(None, source=source, output=tmp_path / "o")
    build(config, progress=lambda phase, done, total: updates.append((done, total)) if phase == "reading" else None)
    assert len(updates) > 2 and {total for _, total in updates} == {80}
    assert [done for done, _ in updates] == sorted(done for done, _ in updates) and updates[-1] == (80, 80)


def test_no_progress_bar_when_not_on_a_terminal(tmp_path, capsys):
    assert main(["build", "--source", str(SEEDS), "--output", str(tmp_path / "o")]) == 0
    captured = capsys.readouterr()
    assert "\r" not in captured.err and "[#" not in captured.err


def test_render_units_keep_each_interfaces_lists_together_and_cover_every_task_once():
    from sitegen.tasks import bundles

    todo = [("articles", 0, 250), ("articles", 250, 500), ("home", "ar"), ("tags", "ar", ("a",)), ("home", "en")]
    todo += [("tags", "en", ("a",)), ("tags", "ar", ("b",)), ("archive", "ar"), ("404", "en")]
    units = bundles(todo, 2)
    assert sorted(i for unit in units for i in unit) == list(range(len(todo)))
    assert units[:2] == [[2, 3, 6, 7], [4, 5, 8]]  # the Arabic lists, the English lists: largest first
    assert units[2:] == [[0], [1]]  # then the article pages, one task at a time
    four = bundles(todo, 4)  # more workers than interfaces: each interface's lists split in two
    assert sorted(i for unit in four for i in unit) == list(range(len(todo)))
    assert {frozenset(todo[i][1] for i in unit) for unit in four if todo[unit[0]][0] != "articles"} == {
        frozenset({"ar"}),
        frozenset({"en"}),
    }
    assert len([unit for unit in four if todo[unit[0]][0] != "articles"]) == 4
    assert bundles(todo, 1) == [[i] for i in range(len(todo))]


def test_background_job_is_finished_when_wait_returns(tmp_path):
    import os
    import time

    from sitegen.parallel import Background

    target = tmp_path / "written"

    def job() -> None:
        time.sleep(0.2)
        target.write_text(str(os.getpid()), encoding="utf-8")

    background = Background()
    background.start(job)
    background.wait()
    assert target.read_text(encoding="utf-8") != ""  # done, whether forked or run in place


def test_files_are_parsed_in_batches_that_shrink_towards_the_end_and_cover_every_file_once():
    from sitegen.articles import parse_batches as _batches

    files = [f"{n:05}.txt" for n in range(10_000)]
    batches = _batches(files, 2)
    assert [f for batch in batches for f in batch] == files
    sizes = [len(batch) for batch in batches]
    assert sizes[0] == 200 and sizes == sorted(sizes, reverse=True)
    assert max(sizes[-8:]) <= 12  # the last ones are small: no core waits long for the other
    assert _batches([], 2) == []


@pytest.mark.parametrize(
    ("undated", "summary"), [(11, "... and 1 more warning like"), (13, "... and 3 more warnings like")]
)
def test_many_warnings_of_a_kind_are_summed_up_after_ten(tmp_path, capsys, undated, summary):
    source = tmp_path / "src"
    source.mkdir()
    for n in range(undated):
        (source / f"{n:02d}.txt").write_text(f"خبر بلا تاريخ رقم {n}\nنص الخبر.\n", "utf-8")
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert sum("no date found" in line and "more warning" not in line for line in err.splitlines()) == 10
    assert summary + " 'no date found' (run with -v to list them all)" in err
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "out"), "-v"]) == 0
    assert capsys.readouterr().err.count("no date found") == undated


def test_problems_are_listed_by_file_in_natural_order_with_digits_compared_as_numbers(caplog):
    """'e97.txt' came after 'e100.txt' (string order); an archive's files are numbered."""
    from sitegen.cli import _report
    from sitegen.model import Diagnostic

    caplog.set_level(logging.INFO, logger="sitegen")
    names = ["e100.txt", "2024/e10.md", "e97.txt", "e9.txt", "e٩٨.txt", "E9.txt", "e09.txt", "2024/e9.md", "e1000.txt"]
    _report([Diagnostic(name, "skipped: empty file (no visible text)", level="error") for name in names])
    listed = [r.getMessage().split(":")[0] for r in caplog.records if "empty file" in r.getMessage()]
    assert listed == [
        "2024/e9.md",
        "2024/e10.md",
        "E9.txt",
        "e09.txt",
        "e9.txt",
        "e97.txt",
        "e٩٨.txt",
        "e100.txt",
        "e1000.txt",
    ]


def test_skipped_files_are_each_named_and_summed_up_by_reason_at_the_end(tmp_path, capsys):
    """300 empty files gave 300 ERROR lines and nothing that said how many there were: every file
    is still named (an archivist must find each one), and the last line counts them by reason."""
    source = tmp_path / "src"
    source.mkdir()
    for n in range(1, 301):
        (source / f"e{n}.txt").write_text("\n", "utf-8")
    for name in ("bin1.txt", "bin2.txt"):
        (source / name).write_bytes(b"a\x00b\x00c")
    (source / "ok.txt").write_text("خبر\n19 أبريل 2024\nنص الخبر.\n", "utf-8")
    assert main(["inspect", "--source", str(source)]) == 0
    lines = capsys.readouterr().err.splitlines()
    named = [m[1] for line in lines if (m := re.match(r"ERROR: ([^:]+)(?::\d+)?: skipped: ", line))]
    assert named == ["bin1.txt", "bin2.txt", *(f"e{n}.txt" for n in range(1, 301))]
    assert lines[-1] == "ERROR: 302 files skipped: 300 'empty file', 2 'binary file' (each is named above)"


def test_a_few_skipped_files_need_no_sum(caplog):
    from sitegen.cli import _report
    from sitegen.model import Diagnostic

    caplog.set_level(logging.INFO, logger="sitegen")
    _report([Diagnostic(f"e{n}.txt", "skipped: empty file (no visible text)", level="error") for n in range(10)])
    assert len(caplog.records) == 10 and "files skipped" not in caplog.text


def test_the_count_of_skipped_files_shows_a_control_character_of_their_reason_escaped(caplog):
    """The line that sums up skipped files by reason quotes the reason's first words: a control
    character there (a value the message echoes) is written as an escape, as in the lines above."""
    from sitegen.cli import _report
    from sitegen.model import Diagnostic

    caplog.set_level(logging.INFO, logger="sitegen")
    _report([Diagnostic(f"e{n}.md", "skipped: invalid key 'k\x00y'", level="error") for n in range(11)])
    assert caplog.records[-1].getMessage() == "11 files skipped: 11 'invalid key 'k\\x00y'' (each is named above)"
    assert not any("\x00" in r.getMessage() for r in caplog.records)


def test_inspect_lists_articles_in_natural_order(tmp_path, capsys):
    source = write_source(tmp_path, {f"e{n}.md": f"Title: T{n}\nDate: 2024-04-19\n\nbody\n" for n in (100, 9, 97)})
    assert main(["inspect", "--json", "--source", str(source)]) == 0
    assert [row["source"] for row in json.loads(capsys.readouterr().out)] == ["e9.md", "e97.md", "e100.md"]


def test_inspect_labels_an_articles_notes_as_notes_and_its_warnings_as_warnings_as_a_build_does(tmp_path, capsys):
    """inspect labelled every message of an article 'warn', also the notes a build prints as INFO."""
    source = write_source(
        tmp_path,
        {"a.txt": "آخر تحديث منذ ساعتين\nعنوان الخبر هنا\n\nنص الخبر الأول هنا في فقرة كاملة.\n"},
    )
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "out")]) == 0
    said = capsys.readouterr().err.splitlines()
    note = next(line for line in said if "over the title" in line)
    warning = next(line for line in said if "no date found" in line)
    assert note.startswith("INFO: a.txt:1: ") and warning.startswith("WARNING: a.txt: ")
    assert main(["inspect", "--source", str(source)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert f"    note  : line 1: {note.removeprefix('INFO: a.txt:1: ')}" in printed
    assert f"    warn  : {warning.removeprefix('WARNING: a.txt: ')}" in printed


def test_inspect_strict_does_not_fail_on_an_articles_note_as_a_build_does_not(tmp_path, capsys):
    """A note is no warning: `build --strict` passed where `inspect --strict` exited 1."""
    source = write_source(
        tmp_path, {"a.txt": "آخر تحديث منذ ساعتين\nعنوان الخبر هنا\n19 أبريل 2024\n\nنص الخبر الأول هنا.\n"}
    )
    assert main(["build", "--strict", "--source", str(source), "--output", str(tmp_path / "out")]) == 0
    assert "INFO: a.txt:1: " in capsys.readouterr().err
    assert main(["inspect", "--strict", "--source", str(source)]) == 0
    assert "    note  : line 1: " in capsys.readouterr().out


def test_a_near_miss_of_a_message_key_is_warned_and_a_key_of_the_sites_own_is_welcome(tmp_path, capsys):
    """'hom' for 'home' would silently change nothing; 'my_banner' serves the site's own templates."""
    site, command = site_with(tmp_path, "locales")
    catalog = site / "locales" / "ar.toml"
    catalog.write_text('my_banner = "أهلًا"\nhom = "الرئيسية"\n', "utf-8")
    assert main(command) == 0
    err = capsys.readouterr().err
    assert f"{catalog}:2: message 'hom' is not one of sitegen's (did you mean 'home'?)" in err
    assert "my_banner" not in err


def test_inspect_says_a_message_catalogs_warnings_and_fails_on_an_invalid_catalog_as_a_build_does(tmp_path, capsys):
    """inspect read no catalog: a near miss of a key went unsaid, and a catalog that stops every
    build (exit 2) passed inspect."""
    site, command = site_with(tmp_path, "locales")
    inspect = ["inspect", *command[1:]]
    catalog = site / "locales" / "ar.toml"
    catalog.write_text('hom = "الرئيسية"\n', "utf-8")
    assert main(inspect) == 0
    out = capsys.readouterr().out
    assert f"    warn  : {catalog}:1: message 'hom' is not one of sitegen's (did you mean 'home'?)" in out
    catalog.write_text('home = "unterminated\n', "utf-8")
    assert main(command) == 2
    said = capsys.readouterr().err
    assert main(inspect) == 2
    assert capsys.readouterr().err == said and "invalid message catalog" in said


def test_a_warning_about_a_message_key_is_counted_and_fails_a_strict_build_also_with_nothing_to_do(tmp_path, capsys):
    """The warning was printed, but the summary said 0 warnings and --strict passed."""
    source = write_source(tmp_path, {"a.md": "Title: A\nDate: 2024-04-19\n\nbody\n"})
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "en.toml").write_text('hom = "Start"\n', "utf-8")
    (tmp_path / "sitegen.toml").write_text("", "utf-8")
    command = [
        "build",
        "--source",
        str(source),
        "--output",
        str(tmp_path / "o"),
        "--config",
        str(tmp_path / "sitegen.toml"),
    ]
    assert main(command) == 0
    assert ", 1 warning, " in capsys.readouterr().out
    assert main([*command, "--strict"]) == 1  # nothing to do: the previous build's output is kept
    captured = capsys.readouterr()
    assert f"{tmp_path / 'locales' / 'en.toml'}:1: message 'hom' is not one of sitegen's" in captured.err
    assert ", 1 warning, " in captured.out


def test_site_messages_may_double_braces_and_show_a_brace_where_nothing_is_filled_in(tmp_path):
    site = tmp_path / "site"
    (site / "locales").mkdir(parents=True)
    (site / "locales" / "en.toml").write_text(
        'home = "Start {"\npage_n = "{{{n}}} / {total}"\nmy_own = "{whatever}"\n', "utf-8"
    )
    (site / "sitegen.toml").write_text("", "utf-8")
    out = tmp_path / "o"
    command = ["build", "--source", str(SEEDS), "--output", str(out), "--config", str(site / "sitegen.toml")]
    assert main(command) == 0
    assert "Start {" in (out / "en" / "index.html").read_text("utf-8")


def test_the_summary_line_counts_in_words_a_reader_expects(tmp_path, capsys):
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.md").write_text("Title: A\n\nbody\n", "utf-8")  # undated: one warning
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "o")]) == 0
    out = capsys.readouterr().out
    assert "sitegen: 1 article, " in out and ", 1 warning, " in out
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "o"), "--strict"]) == 1
    assert "--strict: 0 errors and 1 warning; failing the build" in capsys.readouterr().err


def test_an_arabic_windows_file_with_french_words_is_read_as_arabic_windows():
    from sitegen.read import decode

    text = "La fête de l'Aïd à Rabat. Très belle journée pour l'Aïd el-Fitr (عيد الفطر) à Rabat.\n"
    decoded, encoding, notes = decode(text.encode("cp1256"), "fr.txt")
    assert (decoded, encoding) == (text, "windows-1256") and "Windows-1256" in notes[0].message
    western = "Ça va à Paris, À bientôt.\n"
    assert decode(western.encode("cp1252"), "fr2.txt")[:2] == (western, "windows-1252")


def test_utf16_without_a_byte_order_mark_is_published_with_a_warning_and_binary_files_still_skipped(tmp_path, capsys):
    source = tmp_path / "src"
    source.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[0]
    text = seed.read_text("utf-8")
    (source / "le.txt").write_bytes(text.encode("utf-16-le"))
    (source / "be.txt").write_bytes(text.replace("علاقات", "روابط", 1).encode("utf-16-be"))
    (source / "blob.txt").write_bytes(b"GIF89a\x00\x01\x02\x00")
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    assert "le.txt: UTF-16 (little-endian) without a byte-order mark" in err
    assert "be.txt: UTF-16 (big-endian) without a byte-order mark" in err
    assert "blob.txt:1: skipped: binary file" in err
    pages = [p.read_text("utf-8") for p in (tmp_path / "o" / "articles").glob("*/index.html")]
    assert len(pages) == 2
    last = [line for line in text.splitlines() if line.strip()][-1]
    assert all(html.unescape(page).count(last.strip()) == 1 for page in pages)


def test_byte_order_marks_inside_a_file_of_joined_files_are_removed():
    from sitegen.read import decode

    joined = "عنوان الخبر\n\nالفقرة الأولى.\n" + "\ufeffالعلاقات الثنائية\n\nالفقرة الثانية.\n"
    text, encoding, _ = decode(b"\xef\xbb\xbf" + joined.encode("utf-8"), "joined.txt")
    assert (text, encoding) == (joined.replace("\ufeff", ""), "utf-8-sig")


def test_a_copy_named_before_its_original_is_not_called_the_copy_in_the_warning():
    from sitegen.collect import collect
    from sitegen.diagnostics import copy_diagnostics
    from sitegen.model import Article, Block

    story: dict[str, Any] = dict(
        title="Talks resume", slug="talks-resume", lang="en", body=(Block("p", "Text."),), digest="d1"
    )
    site = collect([Article(source="a.txt", **story), Article(source="a (1).txt", **story)])
    (note,) = copy_diagnostics(site)
    # 'a (1).txt' sorts first and keeps the address, so the warning is a.txt's: it must not
    # call the original "this copy".
    assert note.file == "a.txt" and "the same file as a (1).txt" in note.message
    assert "this copy" not in note.message and "(this one as 'talks-resume-" in note.message


@pytest.mark.parametrize("option", ["--source", "--output", "--config"])
def test_a_symbolic_link_in_a_loop_given_as_a_folder_or_file_exits_2_naming_it_and_keeps_the_output(
    tmp_path, capsys, option
):
    """A link that leads back to itself (`ln -s loop loop`, or two links to each other) as the
    source, the output or the configuration file ended the build with Python's RuntimeError
    'Symlink loop from ...' and a traceback."""
    source, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(SEEDS, source)
    assert main(["build", "-q", "--source", str(source), "--output", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    given = {"--source": str(source), "--output": str(out), option: str(tmp_path / "a")}
    args = ["build", "-q", *(part for pair in given.items() for part in pair)]
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "RuntimeError" not in err
    assert f"{tmp_path / 'a'}" in err and "loop" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_an_output_folder_that_is_a_mount_point_is_refused_before_the_build_with_what_to_do(
    tmp_path, capsys, monkeypatch
):
    """A container's volume or another disk mounted as the output: every build ended with
    'cannot write the site (Device or resource busy); check that ... is writable', after all
    the work, since a mount point cannot be renamed and sitegen swaps the output folder."""
    source, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(SEEDS, source)
    assert main(["build", "-q", "--source", str(source), "--output", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    ismount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda path: os.fspath(path) == str(out) or ismount(path))
    capsys.readouterr()
    assert main(["build", "-q", "--source", str(source), "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"the output folder {out} is a mount point" in err
    assert f"or build into a folder inside it ({out / 'site'}): pass another --output" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".sitegen-tmp-*"))


def test_a_template_whose_name_is_a_near_miss_of_sitegens_is_warned_about_when_nothing_uses_it(
    tmp_path, capsys, monkeypatch
):
    """templates/artcile.html (for article.html) was never used and never named: the site kept
    the default look and the user could not tell why."""
    site = tmp_path / "site"
    shutil.copytree(SEEDS, site / "seeds")
    (site / "templates").mkdir()
    page = '{% extends "base.html" %}{% block content %}mine{% endblock %}'
    (site / "templates" / "artcile.html").write_text(page, "utf-8")
    (site / "templates" / "my_box.html").write_text("<p>box</p>", "utf-8")  # a template of one's own
    (site / "templates" / "cards.html").write_text("<p>card</p>", "utf-8")  # close to card.html, but included
    (site / "templates" / "tag.html").write_text(
        '{% extends "base.html" %}{% block content %}{% include "cards.html" %}{% endblock %}', "utf-8"
    )
    monkeypatch.chdir(site)
    assert main(["build", "-q", "--strict"]) == 1
    err = capsys.readouterr().err
    assert (
        "WARNING: templates/artcile.html: not one of sitegen's templates (did you mean article.html?) "
        "and no template uses it, so it changes nothing; rename it" in err
    )
    assert "my_box.html" not in err and "cards.html" not in err


@pytest.mark.parametrize("command", [["inspect"], ["inspect", "--json"], ["build"]])
def test_output_redirected_to_a_file_in_a_legacy_encoding_is_written_as_utf_8_without_a_traceback(
    tmp_path, monkeypatch, command
):
    """`sitegen inspect > report.txt` on Windows writes in the ANSI code page (cp1252): the first
    Arabic title ended the command with UnicodeEncodeError and a traceback."""
    import io

    source = tmp_path / "src"
    shutil.copytree(SEEDS, source)
    out, err = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="cp1252"))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(err, encoding="cp1252", errors="backslashreplace"))
    extra = ["--output", str(tmp_path / "عربي")] if command == ["build"] else []  # in the summary line
    code = main([*command, "--source", str(source), *extra])
    sys.stdout.flush()
    sys.stderr.flush()
    assert code == 0
    printed = out.getvalue().decode("utf-8")
    assert ("عربي" if command == ["build"] else "علاقات روسية") in printed
    assert "Traceback" not in err.getvalue().decode("utf-8")
    assert sys.stdout.encoding == "cp1252"  # given back as it was found


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("sitegen.toml", 'title_ar = "أرشيف الأهرام"\n'),
        ("tags.toml", '[[tag]]\nslug = "ahram"\nar = "الأهرام"\nen = "Al-Ahram"\n'),
        ("locales/ar.toml", 'home = "الصفحة الأولى"\n'),
    ],
)
def test_a_site_file_saved_as_utf_16_is_read_and_one_in_another_encoding_names_its_line(
    tmp_path, capsys, monkeypatch, name, text
):
    """Windows Notepad's 'Unicode' is UTF-16 with a byte-order mark: the build stopped with
    "cannot read config file: 'utf-8' codec can't decode byte 0xff in position 0"."""
    site = tmp_path / "site"
    shutil.copytree(SEEDS, site / "seeds")
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).write_bytes(text.encode("utf-16"))
    monkeypatch.chdir(site)
    assert main(["build", "-q"]) == 0
    home = (site / "output" / "index.html").read_text("utf-8")
    assert "أرشيف الأهرام" in home if name == "sitegen.toml" else True
    assert "الصفحة الأولى" in home if name.startswith("locales") else True
    (site / name).write_bytes(("# comment\n" + text).encode("cp1256"))
    capsys.readouterr()
    assert main(["build", "-q"]) == 2
    err = capsys.readouterr().err
    line = 1 + next(n for n, typed in enumerate(text.splitlines(), 1) if not typed.isascii())  # under the comment
    assert f"{name}:{line}: not UTF-8 text; save the file as UTF-8" in err and "codec" not in err


def test_three_copies_of_a_file_and_one_saved_again_are_each_warned_once_against_the_first():
    from sitegen.collect import collect
    from sitegen.diagnostics import copy_diagnostics
    from sitegen.model import Article, Block

    story: dict[str, Any] = dict(title="Talks resume", lang="en", body=(Block("p", "Text."),), lead="Text.", words=1)
    site = collect(
        [
            Article(source="b.txt", digest="d1", **story),
            Article(source="c.txt", digest="d1", **story),
            Article(source="a.txt", digest="d1", **story),
            Article(source="crlf.txt", digest="d2", **story),  # the same story, other bytes
            Article(source="other.txt", digest="d3", **{**story, "lead": "Other."}),
        ]
    )
    notes = copy_diagnostics(site)
    assert [(n.file, n.message.split(":")[0]) for n in notes] == [
        ("b.txt", "the same file as a.txt"),
        ("c.txt", "the same file as a.txt"),
        ("crlf.txt", "the same story as a.txt (title, date, first paragraph and length; the file is saved differently"),
    ]


def test_a_sites_own_card_template_gets_the_excerpt_as_plain_text_still(tmp_path, monkeypatch):
    """The excerpt of an Arabic article became markup (a telephone number in a dir=ltr span): a
    site's card.html that put it in an attribute or cut it shorter wrote the span's tag there,
    broken (title="… <span dir="ltr">…"). The default card shows the number left to right still."""
    text = "الجمعة - 19 أبريل 2024\n\nأرقام الطوارئ\n\nاتصل على 0100 123 4567 للاستفسار عن الخدمة.\n"
    source = write_source(tmp_path, {"phones.txt": text})
    build_site(source, tmp_path / "default")
    assert '<bdo dir="ltr">0100 123 4567</bdo> للاستفسار' in (tmp_path / "default" / "index.html").read_text("utf-8")
    (tmp_path / "templates").mkdir()
    card = '<a class="mine" title="{{ item.excerpt }}">{{ item.excerpt | truncate(24) }}</a>\n'
    (tmp_path / "templates" / "card.html").write_text(card, "utf-8")
    monkeypatch.chdir(tmp_path)
    home = (build_site(source, tmp_path / "out") / "index.html").read_text("utf-8")
    assert '<a class="mine" title="اتصل على 0100 123 4567 للاستفسار عن الخدمة.">اتصل على 0100 123...</a>' in home
