"""Every subheading gets an id from its text, so links to a section work (as on GitHub)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sitecheck
from conftest import build_site, write_source

from sitegen import anchors
from sitegen.anchors import PAGE_IDS, RESERVED, anchor, body_ids, dangling, heading_ids, resolve
from sitegen.cli import main
from sitegen.extract import parse_article
from sitegen.markup import render_markdown
from sitegen.model import Article, Block, SourceText, Tag

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def parse(text: str, source: str = "a.md") -> Article:
    return parse_article(
        SourceText(source=source, text=text, encoding="utf-8"), lambda label: Tag(label, label, label), lambda t, b: ()
    )


def body_of(markdown: str) -> str:
    article = parse("Title: T\nDate: 2024-01-01\n\n" + markdown)
    return article.body[0].text


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [value or "" for name, value in attrs if name == "id"]


def ids_in(html: str) -> list[str]:
    """The id of every element, in order (an id="" shown in text is none)."""
    parser = _Ids()
    parser.feed(html)
    return parser.ids


# --- the id of a heading's text: pure ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Background", "background"),
        ("What's new in 2024?", "whats-new-in-2024"),
        ("  Q&A: the  results (part 2)  ", "qa-the--results-part-2"),  # as github-slugger: a dash per space
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("Café", "café"),
        ("الخلفية", "الخلفية"),
        ("العلاقات الروسية الباكستانية", "العلاقات-الروسية-الباكستانية"),
        ("نتائج انتخابات ٢٠٢٤، والمرحلة المقبلة!", "نتائج-انتخابات-٢٠٢٤-والمرحلة-المقبلة"),
        ("أسباب الأزمة؟", "أسباب-الأزمة"),  # hamza forms are spelling: kept as written
    ],
)
def test_a_heading_id_is_made_the_github_way(text, expected):
    assert anchor(text) == expected


def test_arabic_diacritics_tatweel_and_invisible_marks_are_left_out_of_an_id():
    """So that a link typed without tashkeel (as nearly every link is) reaches the heading."""
    assert anchor("الخلفيّـــة") == anchor("الْخَلْفِيَّةُ") == anchor("الخلفية\u200f") == "الخلفية"
    assert anchor("الرحمٰن") == "الرحمن"  # the dagger alef is a diacritic too


def test_a_repeated_heading_is_numbered_as_on_github():
    ids = anchors.Ids()
    assert [ids.heading(t) for t in ("Intro", "Intro", "Intro-1", "Intro")] == [
        "intro",
        "intro-1",
        "intro-1-1",
        "intro-2",
    ]


def test_a_heading_with_nothing_to_make_an_id_of_still_gets_one():
    ids = anchors.Ids()
    assert [ids.heading(t) for t in ("***", "🙂", "")] == ["section", "section-1", "section-2"]


def test_ids_of_the_article_page_itself_are_reserved_for_it():
    """Every literal id of the templates an article page is made from (base.html, article.html,
    the macros) is one no heading may take; update RESERVED when a template gains one."""
    page_ids = set()
    for name in ("base.html", "article.html", "_macros.html"):
        page_ids |= set(re.findall(r'\bid="([^"{]*)"', (TEMPLATES / name).read_text("utf-8")))
    assert page_ids and page_ids <= PAGE_IDS <= RESERVED
    ids = anchors.Ids()
    assert ids.heading("Content") == "content-1"


def test_a_heading_never_takes_a_name_that_would_clobber_a_window_property():
    assert anchors.Ids().heading("__proto__") == "__proto__-1"


# --- Markdown headings -----------------------------------------------------------------------


def test_every_markdown_heading_without_an_id_gets_one_from_its_text():
    html = body_of(
        "# Top\n\n## Background\n\nText.\n\n### الخلفيّة *السياسية*\n\n#### `code` & [a link](https://x.org)\n"
    )
    assert ids_in(html) == ["top", "background", "الخلفية-السياسية", "code--a-link"]
    assert '<h2 id="top">Top</h2>' in html  # the body's h1 is an h2 under the page's title


def test_an_id_the_author_gives_is_kept_and_a_heading_steps_aside_from_it():
    html = body_of("## Background\n\nText [^1].\n\n## Other {#background}\n\n## Fn:1\n\n[^1]: A note.\n")
    assert ids_in(html) == ["background-1", "fnref:1", "background", "fn1", "fn:1"]


def test_an_author_can_give_an_arabic_id():
    html = body_of("## الخلفية {#خلفية-الخبر}\n\n## Notes {#notes_2024.v2}\n\n## Year {#2024}\n")
    assert ids_in(html) == ["خلفية-الخبر", "notes_2024.v2", "2024"]


@pytest.mark.parametrize(
    "given",
    ['id="a b"', 'id=""', 'id="a\'b"', 'id="#x"', 'id="-x"', 'id="_x"', 'id="x&lt;y"'],
)
def test_an_id_that_no_link_could_name_is_dropped_by_the_sanitizer_and_replaced(given):
    html = render_markdown(f"<h2 {given}>Title</h2>")
    assert html == "<h2>Title</h2>"
    assert ids_in(heading_ids(html)[0]) == ["title"]


def test_no_element_gets_a_name_attribute_so_document_properties_cannot_be_clobbered():
    """document's named properties come from name attributes (and an img's id with a name);
    live.js reads document.documentElement and document.activeElement."""
    html = render_markdown(
        '<img name="documentElement" id="activeElement" src="https://x.org/a.png"> '
        '<a name="documentElement" href="https://x.org">x</a> <form name="f"><input name="x"></form>'
    )
    assert "name=" not in html and 'id="activeElement"' not in html and "<form" not in html


def test_the_live_reload_script_reads_nothing_from_window_that_an_id_could_shadow():
    """An element's id shadows a window property that window inherits from EventTarget or
    Object (RESERVED); what live.js reads from window are own properties of it."""
    script = (Path(__file__).resolve().parents[1] / "sitegen" / "live.js").read_text("utf-8")
    assert set(re.findall(r"\bwindow\.(\w+)", script)) <= {"EventSource"}
    assert not any(re.search(rf"(?<![.\w]){re.escape(name)}\b", script) for name in RESERVED - {"content"})


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("content", "is the page's own"),
        ("addEventListener", "would hide a property of the browser's window object from its scripts"),
        ("hasOwnProperty", "would hide a property of the browser's window object from its scripts"),
        ("toString", "would hide a property of the browser's window object from its scripts"),
    ],
)
def test_an_id_the_page_needs_or_one_that_clobbers_is_renamed_with_a_warning(name, reason):
    article = parse(f"Title: T\nDate: 2024-01-01\n\nText.\n\n## Main {{#{name}}}\n")
    assert ids_in(article.body[0].text) == [f"{name}-1"]
    (note,) = article.diagnostics
    assert note.line == 6 and f"the id '{name}' {reason}; this one is '{name}-1' instead" in note.message


def test_an_id_given_twice_is_renamed_the_second_time_with_a_warning():
    article = parse('Title: T\nDate: 2024-01-01\n\n## One {#x}\n\n[to x](#x)\n\n<a id="x">Two</a>\n\n## Three {#x}\n')
    assert ids_in(article.body[0].text) == ["x", "x-1", "x-2"]
    assert [(d.line, d.message.split(";")[0]) for d in article.diagnostics] == [
        (8, "the id 'x' is given twice"),
        (10, "the id 'x' is given twice"),
    ]


def test_the_ids_of_a_markdown_body_are_found_in_order():
    article = parse("Title: T\nDate: 2024-01-01\n\n## One\n\nA note[^n].\n\n## Two {#second}\n\n[^n]: Here.\n")
    assert body_ids(article.body) == ("one", "fnref:n", "second", "fn:n")


def test_html_that_only_shows_an_id_in_code_is_left_alone():
    html = body_of('## Title\n\n`<a id="title">` and `<h2>x</h2>` as text.\n')
    assert ids_in(html) == ["title"]
    assert '<code>&lt;a id="title"&gt;</code>' in html


# --- plain-text subheadings ------------------------------------------------------------------

PLAIN = (
    "19 أبريل 2024\n\nعلاقات روسية باكستانية\n\nفي يومي 6 و7 أبريل الجاري زار الوزير موسكو.\n"
    "الخلفيّة التاريخية\nبدأت العلاقات في الخمسينيات.\nالخلفية التاريخية\nثم تطورت.\nContent\nالنهاية.\n"
)


def test_a_plain_text_subheading_gets_an_id_from_its_text():
    article = parse(PLAIN, "a.txt")
    headings = [b for b in article.body if b.kind == "h2"]
    assert headings == [
        Block("h2", "الخلفيّة التاريخية", "الخلفية-التاريخية"),
        Block("h2", "الخلفية التاريخية", "الخلفية-التاريخية-1"),
        Block("h2", "Content", "content-1"),
    ]
    assert body_ids(article.body) == ("الخلفية-التاريخية", "الخلفية-التاريخية-1", "content-1")


def test_a_subheading_id_survives_the_packed_body_and_the_cache():
    import pickle

    article = parse(PLAIN, "a.txt")
    assert pickle.loads(pickle.dumps(article)).body == article.body
    assert next(b.id for b in pickle.loads(pickle.dumps(article)).body if b.kind == "h2") == "الخلفية-التاريخية"


# --- links to a section ----------------------------------------------------------------------


ENCODED = "%D8%A7%D9%84%D8%AE%D9%84%D9%81%D9%8A%D8%A9"


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("background", "background"),
        ("Background", "background"),
        ("BACKGROUND", "background"),
        ("الخلفيّة", "الخلفية"),
        (ENCODED, ENCODED),  # "الخلفية" percent-encoded: it is the id, once the browser decodes it
        ("fn:1", "fn:1"),
        ("nowhere", "nowhere"),
        ("!!", "!!"),
    ],
)
def test_a_fragment_leads_to_the_id_it_names_the_way_a_heading_id_is_made(fragment, expected):
    assert resolve(fragment, ("background", "الخلفية", "fn:1")) == expected


def test_a_fragment_without_diacritics_reaches_an_id_the_author_wrote_with_them():
    assert resolve("الخلفية", ("الخلفيّة",)) == "الخلفيّة"


def test_an_in_page_link_leads_to_the_generated_id():
    html = body_of(
        "See [the background](#Background), [the other](#الخلفيّة) and [a note](#fn:1).\n\n"
        "## Background\n\n## الخلفية\n\nText[^1].\n\n[^1]: Note.\n"
    )
    assert re.findall(r'<a href="([^"]*)"', html)[:3] == ["#background", "#الخلفية", "#fn:1"]


SECTIONS = "Title: Old story\nDate: 2023-05-01\n\nIntro.\n\n## Background\n\nOld text.\n\n## الخلفيّة\n\nنص.\n"
LINKING = (
    "Title: New story\nDate: 2024-05-01\n\n"
    "See [one](old.md#background), [two](old.md#Background), [three](old.md#الخلفية) and [four](#Section-Two).\n\n"
    "## Section two\n\nText.\n"
)


def test_links_to_sections_reach_their_headings_on_the_built_site(tmp_path, vnu):
    source = write_source(tmp_path, {"old.md": SECTIONS, "new.md": LINKING})
    out = build_site(source, tmp_path / "out")
    page = (out / "articles" / "new-story" / "index.html").read_text("utf-8")
    assert re.findall(r'<a href="([^"]*)">(?:one|two|three|four)</a>', page) == [
        "../old-story/#background",
        "../old-story/#background",
        "../old-story/#الخلفية",
        "#section-two",
    ]
    old = (out / "articles" / "old-story" / "index.html").read_text("utf-8")
    assert '<h2 id="background">Background</h2>' in old
    assert re.search(r'<h2 id="الخلفية" lang="ar" dir="rtl">الخلفيّة</h2>', old)
    assert sitecheck.broken_links(out) == []  # every #fragment is an id of its page
    assert sitecheck.vnu_errors(out) == []


def test_plain_text_subheadings_have_ids_on_the_built_page(tmp_path, vnu):
    linking = "Title: B\nDate: 2024-05-01\n\n[one](a.txt#الخلفيّة-التاريخية), [two](a.txt#الخلفية-التاريخية-1).\n"
    source = write_source(tmp_path, {"a.txt": PLAIN, "b.md": linking})
    out = build_site(source, tmp_path / "out")
    assert re.findall(r'<a href="[^"]*(#[^"]*)">', (out / "articles" / "b" / "index.html").read_text("utf-8")) == [
        "#الخلفية-التاريخية",
        "#الخلفية-التاريخية-1",
    ]
    plain = (out / "articles" / "علاقات-روسية-باكستانية" / "index.html").read_text("utf-8")
    assert '<h2 id="الخلفية-التاريخية">الخلفيّة التاريخية</h2>' in plain
    assert '<h2 id="content-1" lang="en" dir="ltr">Content</h2>' in plain
    assert plain.count('id="content"') == 1
    assert sitecheck.broken_links(out) == []
    assert sitecheck.vnu_errors(out) == []


def test_a_post_that_opens_with_a_third_level_heading_is_valid_on_its_page(tmp_path, vnu):
    hugo = "---\ntitle: Floods\ndate: 2022-10-03\n---\n\nText.\n\n### Damage\n\nMore.\n\n##### Homes\n\nEnd.\n"
    source = write_source(
        tmp_path, {"floods.md": hugo, "b.md": "Title: B\nDate: 2024-05-01\n\nSee [it](floods.md#damage).\n"}
    )
    out = build_site(source, tmp_path / "out")
    page = (out / "articles" / "floods" / "index.html").read_text("utf-8")
    assert '<h2 id="damage">Damage</h2>' in page and '<h3 id="homes">Homes</h3>' in page
    assert sitecheck.broken_links(out) == []
    assert sitecheck.vnu_errors(out) == []


def test_an_incremental_build_follows_a_renamed_heading_of_a_linked_article(tmp_path, monkeypatch):
    """new.md is not edited: its link to old.md#Background must follow old.md's headings."""
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    source = write_source(tmp_path, {"old.md": SECTIONS, "new.md": LINKING})
    out = tmp_path / "out"

    def link() -> str:
        build_site(source, out)
        page = (out / "articles" / "new-story" / "index.html").read_text("utf-8")
        found = re.search(r'<a href="([^"]*)">two</a>', page)
        assert found is not None
        return found.group(1)

    assert link() == "../old-story/#background"
    old = source / "old.md"
    old.write_text(SECTIONS.replace("## Background", "## Background {#Background}"), "utf-8")
    st = old.stat()
    os.utime(old, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    assert link() == "../old-story/#Background"
    full = tmp_path / "full"
    build_site(source, full, "--no-cache")
    assert (full / "articles" / "new-story" / "index.html").read_bytes() == (
        out / "articles" / "new-story" / "index.html"
    ).read_bytes()


def test_a_renamed_id_is_warned_about_by_the_build_with_its_line(tmp_path, capsys):
    source = write_source(tmp_path, {"a.md": "Title: T\nDate: 2024-01-01\n\nText.\n\n## Main {#content}\n"})
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "out")]) == 0
    assert "a.md:6: the id 'content' is the page's own; this one is 'content-1'" in capsys.readouterr().err


def test_a_link_to_a_section_the_article_does_not_have_is_warned_with_its_line() -> None:
    text = (
        "---\ntitle: T\ndate: 2024-04-19\n---\n"
        "See [a](#background), [b](#Background), [top](#top), [note](#fn:1).\n\n"
        "And [c](#nowhere), [again](#nowhere).\n\n## Background\n\nText[^1].\n\n[^1]: A note.\n"
    )
    article = parse_article(SourceText("a.md", text, "utf-8"), lambda label: Tag(label, label, label), lambda t, b: ())
    (note,) = article.diagnostics
    assert (note.file, note.line) == ("a.md", 7)
    assert note.message.startswith("the link to '#nowhere' leads to no heading or id of this article")


def test_a_link_to_a_heading_whose_id_stepped_aside_for_the_pages_leads_to_it():
    body, ids, _ = heading_ids('<p><a href="#content">jump</a></p>\n<h2>Content</h2>\n<h2 id="toString">x</h2>')
    assert ids == ("content-1", "toString-1")
    assert '<a href="#content-1">jump</a>' in body and dangling(body, ids) == []
    assert resolve("content", ids) == "content-1" and resolve("toString", ids) == "toString-1"


# --- links to a #fragment of another article's page ----------------------------------------------

TARGET = (
    "Title: Old story\nDate: 2023-05-01\n\nIntro[^1].\n\n## Background\n\nOld text.\n\n## Content\n\n"
    '<a id="quote">Quoted.</a>\n\n[^1]: A note.\n'
)
FRAGMENT_LINKS = (
    "Title: New story\nDate: 2024-05-01\n\n"  # line 4 onwards: the links
    "[a](old.md#background) [b](old.md#Background) [c](old.md#content) [d](old.md#fn:1) [e](old.md#quote)\n\n"
    "[f](../old-story/#background) [g](../old-story/#content) [h](../old-story/#fnref:1) [i](../old-story/#top)\n\n"
    "[j](old.md#nowhere)\n\n"
    "[k](../old-story/#missing)\n\n"
    "[l](../old-story/#Background)\n\n"
    "[m](gone.md#x) [n](../no-such-story/#x)\n"
)


def fragment_warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if "leads to no heading or id" in line]


def test_a_link_to_a_section_another_article_does_not_have_is_warned_with_its_line_and_the_article(tmp_path, capsys):
    source = write_source(tmp_path, {"old.md": TARGET, "new.md": FRAGMENT_LINKS})
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "out")]) == 0
    warnings = fragment_warnings(capsys.readouterr().err)
    assert len(warnings) == 3, warnings
    assert "new.md:8: the link 'old.md#nowhere' leads to no heading or id of the article 'old.md'" in warnings[0]
    missing = "new.md:10: the link '../old-story/#missing' leads to no heading or id of the article 'old.md'"
    assert missing in warnings[1]
    # a browser matches a fragment letter for letter: only a link to an article file is pointed at its heading
    assert "new.md:12: the link '../old-story/#Background'" in warnings[2]
    assert "write '#background'" in warnings[2]


def test_a_link_to_a_section_of_a_plain_text_article_that_it_has_is_not_warned_about(tmp_path, capsys):
    linking = "Title: B\nDate: 2024-05-01\n\n[one](a.txt#الخلفيّة-التاريخية), [two](a.txt#الخلفية-التاريخية-1).\n"
    source = write_source(tmp_path, {"a.txt": PLAIN, "b.md": linking})
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "out")]) == 0
    assert fragment_warnings(capsys.readouterr().err) == []


def test_a_rebuild_after_the_linked_article_changed_warns_about_its_missing_section(tmp_path, monkeypatch, capsys):
    """new.md is not edited: the warning follows old.md's headings, on incremental builds too."""
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    linking = "Title: New story\nDate: 2024-05-01\n\n[a](old.md#background)\n\n[b](../old-story/#background)\n"
    source = write_source(tmp_path, {"old.md": SECTIONS, "new.md": linking})

    def warnings() -> list[str]:
        capsys.readouterr()
        assert main(["build", "--source", str(source), "--output", str(tmp_path / "out")]) == 0
        return fragment_warnings(capsys.readouterr().err)

    assert warnings() == []
    old = source / "old.md"
    old.write_text(SECTIONS.replace("## Background", "## History"), "utf-8")
    st = old.stat()
    os.utime(old, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    found = warnings()
    assert [w.split(": the link ")[0].split()[-1] for w in found] == ["new.md:4", "new.md:6"]
    assert warnings() == found  # a build with nothing to do says it again
    old.write_text(SECTIONS, "utf-8")
    os.utime(old, ns=(st.st_atime_ns, st.st_mtime_ns + 4_000_000_000))
    assert warnings() == []


def test_an_articles_links_to_fragments_of_other_pages_are_kept_with_their_lines():
    article = parse(
        "Title: T\nDate: 2024-01-01\n\n[a](#own) [b](other.md#Part-2)\n\n[c](../x/#sec) [d](../x/) [e](https://e.org/#x)\n\n"
        "[f](2023/story.md#الخلفية) [g](../x/#sec)\n"
    )
    assert article.fragments == (
        ("sitegen:article/other.md#Part-2", 4),
        ("../x/#sec", 6),
        ("sitegen:article/2023/story.md#الخلفية", 8),
    )


def test_a_paragraph_or_span_keeps_the_id_its_author_gave_and_links_reach_it():
    html = render_markdown('Intro.\n{: #intro }\n\n<p>See <span id="quote-1">the quote</span>.</p>\n\n[up](#intro)')
    body, ids, renamed = heading_ids(html)
    assert ids == ("intro", "quote-1") and not renamed
    assert '<p id="intro">Intro.</p>' in body and '<span id="quote-1">the quote</span>' in body
    # the page's own id is still renamed wherever it is given
    assert heading_ids(render_markdown('<div id="content">x</div>'))[1] == ("content-1",)


def test_an_id_the_author_gives_that_a_footnote_makes_is_renamed_and_the_footnotes_links_still_work():
    html = render_markdown('<span id="fn:1">a</span> <span id="fnref:1">b</span>\n\nText[^1].\n\n[^1]: The note.')
    body, ids, renamed = heading_ids(html)
    assert ids == ("fn:1-1", "fnref:1-1", "fnref:1", "fn:1")
    assert renamed == (("fn:1", "fn:1-1"), ("fnref:1", "fnref:1-1"))  # the author's, at their line
    assert '<span id="fn:1-1">a</span> <span id="fnref:1-1">b</span>' in body
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">' in body
    assert '<li id="fn:1">' in body and 'href="#fnref:1"' in body
