"""Redirects from an article's earlier addresses (Hugo aliases, Jekyll redirect_from, url, permalink).

Articles of the fixture archive have some, so the checks of every page of the mixed site (Nu
Html Checker, links under a base path, the CSP, canonical links) cover redirect pages too."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import re
import textwrap
from pathlib import Path
from urllib.parse import unquote

import pytest
import sitecheck
from conftest import build_site, write_source

from sitegen.cli import main
from sitegen.extract import parse_article
from sitegen.model import Article, Site, SourceText, Tag
from sitegen.redirects import Redirects, alias_file, plan

BASE_URL = "https://example.github.io/archive/"


def parse(text: str, source: str = "a.md") -> Article:
    def resolve(label: str) -> Tag:
        return Tag(label.lower(), label, label)

    return parse_article(SourceText(source, textwrap.dedent(text).lstrip(), "utf-8"), resolve, lambda t, b: ())


def article(source: str, slug: str, *addresses: str, line: int = 4) -> Article:
    return Article(
        source=source,
        title=source,
        lang="ar",
        body=(),
        slug=slug,
        aliases=tuple((alias_file(a), line) for a in addresses),
    )


def site_of(*articles: Article) -> Site:
    return Site(articles=articles, index={a.source: n for n, a in enumerate(articles)})


def refresh_target(page: Path) -> str:
    html = page.read_text("utf-8")
    found = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
    assert found is not None
    return found.group(1)


# -- addresses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "file"),
    [
        ("/2019/03/old-title/", "2019/03/old-title/index.html"),
        ("/2019/03/old-title", "2019/03/old-title/index.html"),  # Hugo: a folder without the slash
        ("posts/old.html", "posts/old.html"),
        ("/news/Story.HTM", "news/Story.HTM"),
        ("/v1.2/notes/", "v1.2/notes/index.html"),
        ("/old/#section", "old/index.html"),  # the fragment never reaches the server
        ("/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/%D9%82%D9%85%D8%A9/", "أخبار/قمة/index.html"),
        ("/أخبار/قمة/", "أخبار/قمة/index.html"),
        ("/a//./b/", "a/b/index.html"),
    ],
)
def test_an_earlier_address_becomes_the_file_a_static_host_serves_for_it(address, file):
    assert alias_file(address) == file


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("https://old.example.com/2019/x/", "path on this site only"),
        ("//old.example.com/x/", "path on this site only"),
        ("/?p=12", "query"),
        ("/index.php?id=5", "query"),
        ("/../etc/", "out of the site"),
        ("/", "home page"),
        ("  ", "empty"),
        ("/news/story.php", "download"),
        ("/:year/:month/:title/", "placeholders"),
        ("/posts/{slug}/", "placeholders"),
        ("/.well-known/x/", "hidden"),
        ("/a%5Cb/", "file name"),
        ("/" + "ع" * 200 + "/", "longer than 255 bytes"),
    ],
)
def test_an_address_that_cannot_redirect_says_why(address, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        alias_file(address)


# -- metadata ----------------------------------------------------------------------------------


def test_hugo_aliases_jekyll_redirect_from_and_the_old_url_are_all_read_with_their_lines():
    a = parse(
        """
        ---
        title: Old story
        date: 2020-01-02
        aliases:
          - /2019/03/old-story/
          - /posts/old.html
        redirect_from: /news/old-story/
        url: /stories/old-story/
        permalink: /2019/03/old-story/
        ---
        Body.
        """
    )
    assert a.aliases == (
        ("2019/03/old-story/index.html", 4),
        ("posts/old.html", 4),
        ("news/old-story/index.html", 7),
        ("stories/old-story/index.html", 8),
    )
    assert not a.diagnostics  # no "unknown key" warning for any of them


def test_toml_front_matter_aliases_and_a_pelican_header_list_are_read():
    toml = parse(
        """
        +++
        title = "Old story"
        date = 2020-01-02
        aliases = ["/a/", "/b.html"]
        +++
        Body.
        """
    )
    assert [path for path, _ in toml.aliases] == ["a/index.html", "b.html"]
    pelican = parse("Title: قصة\nDate: 2020-01-02\nAliases: /a/, /b/ /c.html\n\nنص.\n")
    assert [path for path, _ in pelican.aliases] == ["a/index.html", "b/index.html", "c.html"]


def test_an_address_that_cannot_redirect_is_warned_about_with_its_file_line_and_key():
    a = parse(
        """
        ---
        title: Old story
        date: 2020-01-02
        redirect_from:
          - /?p=12
          - /ok/
        ---
        Body.
        """
    )
    assert a.aliases == (("ok/index.html", 4),)
    [note] = a.diagnostics
    assert (note.file, note.line) == ("a.md", 4)
    assert "'/?p=12' (redirect_from)" in note.message and "query" in note.message


# -- which redirects are published ---------------------------------------------------------------


def test_no_redirect_replaces_a_page_of_the_site():
    addresses: tuple[str, ...] = ("/tags/x/", "/en/page/2/", "/archive/2020/", "/index.html", "/en/", "/static/x.html")
    addresses += ("/media/a/b.html", "/articles/kept/", "/feed.xml/x/", "/sitemap-2.xml/x/")
    redirects = plan(site_of(article("a.md", "other", *addresses), article("b.md", "kept")), ("", "en/"))
    assert redirects.files == {}
    assert len(redirects.diagnostics) == len(addresses)
    assert all("this site's own pages" in d.message and d.line == 4 for d in redirects.diagnostics)


def test_an_article_naming_its_own_address_needs_no_redirect_and_gets_no_warning():
    redirects = plan(site_of(article("a.md", "same", "/articles/same/", "/articles/Same/index.html")), ("",))
    assert redirects == Redirects({}, ())


def test_the_address_of_a_renamed_article_redirects_to_its_new_one():
    redirects = plan(site_of(article("a.md", "new-title", "/articles/old-title/")), ("", "en/"))
    assert redirects.files == {"articles/old-title/index.html": "a.md"}
    assert not redirects.diagnostics


def test_an_address_claimed_twice_goes_to_the_newer_article_and_the_older_is_warned_about():
    newer = article("new.md", "n", "/old/", "/Shared.html", "/old/")  # twice in one file: once
    older = article("old.md", "o", "/shared.html", "/old/index.html/x/", "/mine/", line=6)
    redirects = plan(site_of(newer, older), ("",))
    assert redirects.files == {"Shared.html": "new.md", "mine/index.html": "old.md", "old/index.html": "new.md"}
    messages = [str(d) for d in redirects.diagnostics]
    assert messages == [
        "old.md:6: no redirect from '/shared.html': new.md:4 redirects it already",
        "old.md:6: no redirect from '/old/index.html/x/': new.md:4 redirects '/old/', in the way",
    ]


def test_a_redirect_file_named_as_a_folder_of_another_is_refused():
    redirects = plan(site_of(article("a.md", "a", "/x.html/y/"), article("b.md", "b", "/x.html")), ("",))
    assert list(redirects.files) == ["x.html/y/index.html"]
    assert "a.md:4 redirects '/x.html/y/', in the way" in redirects.diagnostics[0].message


# -- the built site ------------------------------------------------------------------------------

STORY = """\
---
title: قمة القاهرة
date: 2023-06-06
aliases: [/2023/06/cairo-summit/, /news/cairo.html]
redirect_from: /أخبار/قمة-القاهرة/
---
اجتمع القادة في القاهرة.
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return write_source(
        tmp_path,
        {
            "story.md": STORY,
            "draft.md": "---\ntitle: Draft\ndate: 2023-01-01\ndraft: true\naliases: [/drafted/]\n---\nText.\n",
            "other.txt": "الأحد 4 يونيو 2023\nخبر آخر\nنص الخبر الآخر.\n",
        },
    )


def test_each_earlier_address_sends_the_reader_to_the_article_and_search_engines_to_its_address(source, tmp_path):
    out = build_site(source, tmp_path / "out", "--base-url", BASE_URL)
    article_url = "/archive/articles/قمة-القاهرة/"
    for rel in ("2023/06/cairo-summit/index.html", "news/cairo.html", "أخبار/قمة-القاهرة/index.html"):
        page = out / rel
        html = page.read_text("utf-8")
        assert unquote(refresh_target(page)) == article_url
        assert f'<link rel="canonical" href="{BASE_URL}articles/' in html
        assert '<meta name="robots" content="noindex">' in html
        assert '<html lang="ar" dir="rtl">' in html and "قمة القاهرة</a>" in html
    assert not (out / "drafted").exists()  # a draft publishes nothing, its redirects neither
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "cairo-summit" not in sitemap and "news/cairo" not in sitemap
    assert sitecheck.broken_links(out, base_path="/archive/") == []


def test_redirects_follow_edits_incrementally_as_a_full_build_makes_them(source, tmp_path):
    out = build_site(source, tmp_path / "out")
    story = source / "story.md"
    story.write_text(
        STORY.replace("title: قمة القاهرة", "title: قمة في القاهرة").replace(", /news/cairo.html", ""), "utf-8"
    )
    build_site(source, out)
    assert not (out / "news").exists()  # an address given up: its page and folder go
    assert "قمة في القاهرة</a>" in (out / "2023/06/cairo-summit/index.html").read_text("utf-8")
    story.write_text(story.read_text("utf-8").replace("اجتمع القادة", "التقى القادة"), "utf-8")
    build_site(source, out)  # the first paragraph is the redirect page's description
    assert 'content="التقى القادة' in (out / "2023/06/cairo-summit/index.html").read_text("utf-8")
    full = build_site(source, tmp_path / "full", "--no-cache")
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(full) for p in full.rglob("*") if p.is_file())
    for rel in files:
        assert (out / rel).read_bytes() == (full / rel).read_bytes(), rel


def test_a_refused_address_is_a_warning_of_the_build_and_strict_fails(source, tmp_path, capsys):
    (source / "clash.md").write_text("---\ntitle: Clash\ndate: 2020-01-01\naliases: [/tags/]\n---\nText.\n", "utf-8")
    out = tmp_path / "out"
    capsys.readouterr()
    assert main(["build", "--source", str(source), "--output", str(out)]) == 0
    assert "clash.md:4: no redirect from '/tags/': it is an address of this site's own pages" in (
        capsys.readouterr().err
    )
    assert 'http-equiv="refresh"' not in (out / "tags" / "index.html").read_text("utf-8")
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "o2"), "-q", "--strict"]) == 1


def test_inspect_lists_the_addresses_that_redirect_to_each_article(source, capsys):
    assert main(["inspect", "--source", str(source), "--json"]) == 0
    rows = {r["source"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["story.md"]["redirects"] == ["/2023/06/cairo-summit/", "/news/cairo.html", "/أخبار/قمة-القاهرة/"]
    assert rows["draft.md"]["redirects"] == [] and rows["other.txt"]["redirects"] == []


# -- addresses that changed when metadata's character references began to be read ---------------


def test_a_title_whose_character_references_changed_its_slug_keeps_the_slug_it_had():
    # Before titles' references were read, 'Q&amp;A &#8211; talks' was at articles/q-amp-a-8211-talks/.
    a = parse("---\ndate: 2024-01-01\ntitle: 'Q&amp;A &#8211; talks'\n---\nText.\n")
    assert (a.slug, a.typed_slug, a.aliases) == ("q-a-talks", "q-amp-a-8211-talks", ())
    c = parse("---\ntitle: 'Q&amp;A'\nslug: qa\n---\nText.\n")  # an address of its own: not made of the title
    assert (c.slug, c.typed_slug) == ("qa", "")
    for title in ("AT&T &copy 2024", "R&D &unknown;", "Plain title"):  # no reference read: the same address
        assert parse(f"---\ntitle: '{title}'\n---\nText.\n").typed_slug == "", title


def typed(source: str, slug: str, typed_slug: str, date: str, *addresses: str) -> Article:
    """An article whose title's references changed its slug (typed_slug: the slug it had)."""
    made = article(source, slug, *addresses)
    return dataclasses.replace(made, typed_slug=typed_slug, date=datetime.date.fromisoformat(date))


def test_the_address_a_title_had_before_its_references_were_read_redirects_to_its_address_now():
    a = typed("a.md", "q-a-talks", "q-amp-a-8211-talks", "2024-01-01")
    assert plan(site_of(a), ("",)) == Redirects({"articles/q-amp-a-8211-talks/index.html": "a.md"})
    said = typed("b.md", "q-a", "q-amp-a", "2024-01-01", "/articles/q-amp-a/")  # given as an alias too: once
    assert plan(site_of(said), ("",)) == Redirects({"articles/q-amp-a/index.html": "b.md"})


def test_articles_that_shared_a_typed_title_redirect_from_the_addresses_each_had():
    # Two 'Q&amp;A' columns were q-amp-a (the older) and q-amp-a-<hash of its file> (the newer).
    newer, older = typed("n.md", "q-a-0b7e4c", "q-amp-a", "2024-05-01"), typed("o.md", "q-a", "q-amp-a", "2023-05-01")
    redirects = plan(site_of(newer, older), ("",))
    suffix = hashlib.sha1(b"n.md").hexdigest()[:6]
    assert redirects.files == {"articles/q-amp-a/index.html": "o.md", f"articles/q-amp-a-{suffix}/index.html": "n.md"}
    assert not redirects.diagnostics


def test_an_article_that_had_its_address_keeps_it_and_the_one_with_a_typed_title_gets_another(tmp_path):
    # 'Q&A' (2023) was at articles/q-a/ and 'Q&amp;A' (2020) at articles/q-amp-a/: reading the
    # older one's title as 'Q&A' must not take articles/q-a/ from the article that had it.
    files = {
        "wp.md": "---\ntitle: Q&amp;A\ndate: 2020-01-01\n---\nThe older one.\n",
        "hand.md": "---\ntitle: Q&A\ndate: 2023-01-01\n---\nThe newer one.\n",
    }
    out = build_site(write_source(tmp_path, files), tmp_path / "out", "--base-url", BASE_URL)
    assert "The newer one." in (out / "articles" / "q-a" / "index.html").read_text("utf-8")
    (moved,) = [p for p in (out / "articles").glob("q-a-*/index.html")]
    assert "The older one." in moved.read_text("utf-8")
    assert (
        unquote(refresh_target(out / "articles" / "q-amp-a" / "index.html"))
        == f"/archive/articles/{moved.parent.name}/"
    )


def test_the_old_address_of_a_title_with_character_references_sends_the_reader_to_its_page(tmp_path):
    story = "---\ntitle: Don&#8217;t panic &amp; vote\ndate: 2024-01-01\n---\nText.\n"
    source = write_source(tmp_path, {"q.md": story})
    out = build_site(source, tmp_path / "out", "--base-url", BASE_URL)
    assert (out / "articles" / "don-t-panic-vote" / "index.html").is_file()
    assert unquote(refresh_target(out / "articles" / "don-8217-t-panic-amp-vote" / "index.html")) == (
        "/archive/articles/don-t-panic-vote/"
    )
    assert sitecheck.broken_links(out, base_path="/archive/") == []
