"""The catalogue of bad inputs (docs/robustness.md): each is named, nothing else is touched.

Every case builds a small archive of two sound articles plus one bad input with the real CLI,
in-process, and checks three things: the exit code, that stderr names the file (with the line
where it helps), and that both sound articles are still published in full.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import pytest
from terminal import signals_as_in_a_terminal

from sitegen import errors, read, write
from sitegen.cli import main

GOOD = {
    "good-ar.txt": (
        "الجمعة 19 أبريل 2024\n\nخبر سليم أول\n\nنص الخبر السليم الأول يبقى كاملا في الصفحة.\n\nفقرة ثانية من الخبر.\n"
    ),
    "good-en.md": (
        "---\ntitle: A sound English report\ndate: 2024-04-20\nlang: en\n---\n"
        "The sound English body stays complete.\n\nA second **paragraph** of it.\n"
    ),
}
GOOD_PAGES = {
    "خبر-سليم-أول": ["نص الخبر السليم الأول يبقى كاملا في الصفحة.", "فقرة ثانية من الخبر."],
    "a-sound-english-report": ["The sound English body stays complete.", "paragraph</strong> of it."],
}
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def archive(tmp_path: Path, files: Mapping[str, bytes | str] | None = None) -> Path:
    source = tmp_path / "src"
    source.mkdir(exist_ok=True)
    for name, content in {**GOOD, **(files or {})}.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes(data)
    return source


def build(capsys, source: Path, output: Path, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["build", "--source", str(source), "--output", str(output), *extra])
    return code, capsys.readouterr().err


def assert_good_published(output: Path) -> None:
    for slug, texts in GOOD_PAGES.items():
        html = (output / "articles" / slug / "index.html").read_text("utf-8")
        for text in texts:
            assert text in html, (slug, text)


def article_pages(output: Path) -> dict[str, str]:
    """The article pages, without the redirects from earlier addresses (a title's typed slug)."""
    pages = {p.parent.name: p.read_text("utf-8") for p in (output / "articles").glob("*/index.html")}
    return {slug: html for slug, html in pages.items() if '<meta http-equiv="refresh"' not in html}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# --- bad article files: skipped with an error naming the file; the rest is published --------

SKIPPED = [
    ("empty.txt", b"", "empty.txt: skipped: empty file"),
    ("blank.txt", " \n\t\n\u200f\u200b \n".encode(), "blank.txt: skipped: empty file"),
    ("blank.md", b"\n\n   \n", "blank.md: skipped: empty file"),
    ("binary.txt", b"GIF89a\x00\x01\x02\x00", "binary.txt:1: skipped: binary file"),
    (
        "garbage.txt",
        bytes(range(128, 256)) * 4,
        "garbage.txt:1: skipped: not valid UTF-8, UTF-16, Windows-1256 or Windows-1252",
    ),
    (
        "mixed.txt",
        "عنوان\n\nسطر سليم.\n".encode() + "سطر بترميز آخر".encode("cp1256") + b"\n",
        "mixed.txt:4: skipped: mixed encodings: line 1 is UTF-8 but line 4 is not",
    ),
    ("bad-bom.txt", b"\xef\xbb\xbf\xff\xfe", "bad-bom.txt: skipped: the file starts with a utf-8 byte-order mark"),
    ("only-date.txt", "19 أبريل 2024\n".encode(), "only-date.txt: skipped: the file holds only a date line"),
    ("unclosed.md", b"---\ntitle: x\n\nbody\n", "unclosed.md:1: skipped: the front matter opened with '---'"),
    ("bad-yaml.md", b"---\ntags: [a, b\n---\nbody\n", "bad-yaml.md:2: skipped: front matter is not valid YAML"),
    ("twice.md", b"title: a\ntitle: b\n\nbody\n", "twice.md:2: skipped: 'title' appears twice"),
    ("nested.md", ("- " * 2000 + "x\n").encode(), "nested.md: skipped: the Markdown nests lists or quotes too deeply"),
    ("nbsp.txt", b"&nbsp;\n&nbsp;&#160;\n", "nbsp.txt: skipped: no visible text (only spaces written as HTML"),
    ("dots.txt", b"...\n", "dots.txt: skipped: no letters or digits"),
    ("tatweel.txt", "ـــــ\n\n— ! —\n".encode(), "tatweel.txt: skipped: no letters or digits"),
    ("empty-header.md", b"---\n---\n", "empty-header.md: skipped: no title and no text"),
    ("empty-title.md", b'---\ntitle: ""\ndate: 2024-04-19\n---\n\n', "empty-title.md: skipped: no title and no text"),
    # Word processors and PDF writers that save plain ASCII: published as articles titled
    # '{\rtf1\ansi...' and '%PDF-1.4', their control words and objects as the text.
    (
        "wordpad.txt",
        b"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n\\pard Cairo summit opens\\par\n}\n",
        "wordpad.txt: skipped: an RTF document (a word processor's file), not plain text; open it in the word "
        "processor and save it as plain text (.txt)",
    ),
    (
        "scan.txt",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
        "scan.txt: skipped: a PDF document, not a text article; copy its text into a .txt or .md file",
    ),
    # A browser's "Save as" under .txt: published titled '<!DOCTYPE html>', its markup as paragraphs.
    (
        "saved-page.txt",
        b"\xef\xbb\xbf\r\n\r\n<!DOCTYPE html>\r\n<html lang='en'><head><title>Cairo summit opens</title></head>\r\n"
        b"<body><nav>Home</nav><h1>Cairo summit opens</h1><p>Leaders met.</p></body></html>\r\n",
        "saved-page.txt:3: skipped: a web page (HTML) titled 'Cairo summit opens', not plain text; its markup would "
        "be published as the article. Open it in a browser and save the article's own text as .txt",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), SKIPPED, ids=[case[0] for case in SKIPPED])
def test_bad_file_is_skipped_named_and_the_rest_published(tmp_path, capsys, name, content, message):
    source = archive(tmp_path, {name: content})
    code, err = build(capsys, source, tmp_path / "out")
    assert code == 0
    assert f"ERROR: {message}" in err
    assert "Traceback" not in err
    assert_good_published(tmp_path / "out")
    assert set(article_pages(tmp_path / "out")) == set(GOOD_PAGES)
    code, err = build(capsys, source, tmp_path / "out", "--strict")
    assert code == 1 and name in err


# --- odd but valid articles: published, with a warning naming the file where it helps --------

HTML_TITLE = "<b>x</b> <script>alert(1)</script> \"q\" 'q' {{ 7*7 }} {% if true %}y{% endif %} &amp;"


def published(tmp_path, capsys, files: Mapping[str, bytes | str]) -> tuple[dict[str, str], str]:
    code, err = build(capsys, archive(tmp_path, files), tmp_path / "out")
    assert code == 0
    assert "Traceback" not in err
    assert_good_published(tmp_path / "out")
    pages = article_pages(tmp_path / "out")
    assert len(pages) == len(GOOD_PAGES) + len(files)
    return pages, err


def test_a_zwnj_inside_a_title_word_is_shown_and_the_other_invisible_characters_are_not(tmp_path, capsys):
    """A title's ZWNJ (Persian می‌خواهم) was removed with the bidi marks: its letters joined wrong."""
    text = "19 أبريل 2024\n\n\u200fمی\u200cخواهم\u200b بروم\u200d\n\nاین متن کتاب\u200cها است.\n"
    pages, err = published(tmp_path, capsys, {"want.txt": text})
    page = pages["میخواهم-بروم"]
    assert "<h1>می\u200cخواهم بروم</h1>" in page and "این متن کتاب\u200cها است." in page
    assert "WARNING" not in err


def test_a_zwj_inside_a_title_is_shown_so_an_emoji_family_stays_one_and_the_slug_ignores_it(tmp_path, capsys):
    """A title's ZWJ was removed with the bidi marks: 👨‍👩‍👧 (one family) showed as three faces."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    text = f"19 April 2024\n\n\u200f\u200dFamily day {family}\u200d\n\nA day out for the whole {family}.\n"
    pages, err = published(tmp_path, capsys, {"family.txt": text})
    page = pages["family-day"]
    assert f"<h1>Family day {family}</h1>" in page and f"A day out for the whole {family}." in page
    assert "WARNING" not in err


def test_title_of_punctuation_only_is_published_with_a_warning_and_a_slug_from_the_file_name(tmp_path, capsys):
    pages, err = published(tmp_path, capsys, {"punct.txt": "!!! ... ؟؟\n\nنص بعنوان من علامات فقط.\n"})
    assert "punct.txt:1: the title has no letters or digits" in err
    assert "نص بعنوان من علامات فقط." in pages["punct"]


def test_title_of_digits_only_is_published_as_is(tmp_path, capsys):
    pages, _ = published(tmp_path, capsys, {"digits.txt": "٢٠٢٤ 1234\n\nنص بعنوان من أرقام.\n"})
    assert "نص بعنوان من أرقام." in pages["2024-1234"]


@pytest.mark.parametrize("name", ["html-title.txt", "html-title.md"])
def test_title_with_html_and_template_syntax_is_shown_literally(tmp_path, capsys, name):
    content = (
        f"{HTML_TITLE}\n\nBody of the tricky title.\n"
        if name.endswith(".txt")
        else (f"---\ntitle: '{HTML_TITLE.replace(chr(39), chr(39) * 2)}'\nlang: en\n---\nBody of the tricky title.\n")
    )
    pages, _ = published(tmp_path, capsys, {name: content})
    page = next(html for slug, html in pages.items() if slug.startswith("b-x-b"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "{% if true %}y{% endif %}" in page  # not evaluated
    # '&amp;' is the character reference a web page (or its export's metadata) wrote: '&', escaped once
    assert "&amp;amp;" not in page and "{% endif %} &amp;" in page
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt"):
            assert "<script>alert" not in path.read_text("utf-8"), path


def test_markdown_scripts_frames_handlers_and_script_urls_are_removed(tmp_path, capsys):
    hostile = (
        "---\ntitle: Hostile markup\nlang: en\n---\nKept text one.\n\n<script>alert(1)</script>\n\n"
        '<iframe src="https://evil.example/"></iframe>\n\n<p onclick="alert(2)" onmouseover="x">Kept text two.</p>\n\n'
        "[js](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.org/)\n\n"
        '<img src="x.png" onerror="alert(4)">\n\n<a href="JaVaScRiPt:alert(5)">caps</a>\n\nKept text three.\n'
    )
    pages, _ = published(tmp_path, capsys, {"hostile.md": hostile})
    page = pages["hostile-markup"]
    for kept in ("Kept text one.", "Kept text two.", "Kept text three.", 'href="https://example.org/"'):
        assert kept in page
    lowered = page.lower()
    for gone in ("alert(", "<iframe", "onclick", "onmouseover", "onerror", "javascript:", "data:text"):
        assert gone not in lowered, gone


RAW_HTML = (
    "---\ntitle: Raw HTML elements\nlang: en\n---\n"  # the body starts on line 5
    "Press <button>the red button</button> to vote.\n\n"
    "<textarea>Typed answer, first line\nsecond line</textarea>\n\n"
    "A chart: <svg viewBox='0 0 9 9'><text x='1'>Votes counted</text><script>alert(1)</script></svg>\n\n"
    '<math display="block"><mi>x</mi><mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac></math>\n\n'
    "<details><summary>Sources</summary>The election office.</details>\n\n"
    '<iframe src="https://www.youtube.com/embed/abc" title="The speech"></iframe>\n\n'
    "<select><option>Yes</option><option>No</option></select>\n\n"
    "<script>alert(2)</script>\n\nLast paragraph.\n"
)


def test_raw_html_elements_keep_their_text_on_a_valid_page_and_are_each_warned_about(tmp_path, capsys, vnu):
    import sitecheck

    pages, err = published(tmp_path, capsys, {"raw.md": RAW_HTML})
    page = pages["raw-html-elements"]
    for kept in (
        "the red button",
        "Typed answer, first line\nsecond line</pre>",
        "Votes counted",
        "<mfrac><mn>1</mn><mn>2</mn></mfrac>",
        "<summary>Sources</summary>The election office.",
        '<a href="https://www.youtube.com/embed/abc" rel="noopener noreferrer">The speech</a>',
        "Yes",
        "No",
        "Last paragraph.",
    ):
        assert kept in page, kept
    assert "alert(" not in page
    for line, element in [(5, "<button>"), (7, "<textarea>"), (10, "<svg>"), (16, "<iframe src="), (18, "<select>")]:
        assert f"raw.md:{line}: " in err and element in err.split(f"raw.md:{line}: ", 1)[1].split("\n", 1)[0], element
    assert "raw.md:10: a <script> is left out" in err and "raw.md:20: a <script> is left out" in err
    assert sitecheck.vnu_errors(tmp_path / "out") == []


def test_impossible_date_in_metadata_is_a_warning_with_the_line(tmp_path, capsys):
    pages, err = published(
        tmp_path, capsys, {"feb31.md": "---\ntitle: Leap trouble\ndate: 2023-02-31\nlang: en\n---\nBody text.\n"}
    )
    assert "feb31.md:3: impossible date '2023-02-31'" in err
    assert "Body text." in pages["leap-trouble"]


@pytest.mark.parametrize(
    ("line", "slug"),
    [
        ("title: Breaking: Q&A with the minister", "breaking-q-a-with-the-minister"),
        ("title: [Draft] New plan", "draft-new-plan"),
        ("title: @home with Sara", "home-with-sara"),
        ("title: `code` talk", "code-talk"),
        ("title: 50% off: sale", "50-off-sale"),
        ("title: #1 story of the year", "1-story-of-the-year"),
    ],
)
def test_a_title_typed_without_the_quotes_yaml_needs_is_published_with_a_warning_naming_its_line(
    tmp_path, capsys, line, slug
):
    """Each article was skipped with an error (or, '#1 ...', titled by its file name)."""
    pages, err = published(tmp_path, capsys, {"typed.md": f"---\n{line}\ndate: 2024-03-05\n---\n\nBody text.\n"})
    assert "WARNING: typed.md:2: title: YAML" in err and "put it in quotes so that YAML reads it so too" in err
    assert "ERROR" not in err and "no 'title:'" not in err
    title = line.removeprefix("title: ").replace("&", "&amp;")
    assert f">{title}</h1>" in pages[slug] and "Body text." in pages[slug]


@pytest.mark.parametrize(
    ("line", "slug", "said"),
    [
        ("title: {{ page.title }}", "page-title", "title: YAML reads this value as a table: it is template code"),
        ("title: !important news", "important-news", "title: YAML reads this value as a tagged value"),
        ("title: [Video]", "video", "title: YAML reads this value as a list"),
    ],
)
def test_a_title_yaml_reads_as_a_table_tag_or_list_is_published_as_typed_and_fails_a_strict_build(
    tmp_path, capsys, line, slug, said
):
    """Template code left in an export was titled by the file name; '!important news' was 'news'."""
    text = f"---\n{line}\nlayout: {{% if x %}}wide{{% endif %}}\ndate: 2024-03-05\n---\n\nBody text.\n"
    pages, err = published(tmp_path, capsys, {"typed.md": text})
    assert f"WARNING: typed.md:2: {said}" in err and "read as text as typed" in err
    assert "WARNING: typed.md:3: 'layout' is template code of another generator, '{% if x %}wide{% endif %}'" in err
    assert "ERROR" not in err and "no 'title:'" not in err
    assert f">{line.removeprefix('title: ')}</h1>" in pages[slug] and "Body text." in pages[slug]
    code, err = build(capsys, tmp_path / "src", tmp_path / "strict", "--strict")
    assert code == 1 and "--strict: 0 errors and 2 warnings" in err and not (tmp_path / "strict").exists()


def test_a_local_yaml_tag_under_a_read_key_is_ignored_with_a_warning_and_its_value_read(tmp_path, capsys):
    """'date: !x 2024-01-01' (a tag only the writer's program knew): the date was read and the
    tag dropped without a word."""
    text = "---\ntitle: Tagged\ndate: !x 2024-01-05\ntags: !list [Cairo]\nlang: !l ar\n---\n\nBody text.\n"
    pages, err = published(tmp_path, capsys, {"tagged.md": text})
    for line, key, tag in ((3, "date", "!x"), (4, "tags", "!list"), (5, "lang", "!l")):
        assert f"WARNING: tagged.md:{line}: {key}: the YAML tag '{tag}' means nothing to sitegen" in err
    page = pages["tagged"]
    assert 'datetime="2024-01-05"' in page and 'lang="ar"' in page and "tags/egypt/" in page  # each read
    code, err = build(capsys, tmp_path / "src", tmp_path / "strict", "--strict")
    assert code == 1 and "--strict: 0 errors and 3 warnings" in err and not (tmp_path / "strict").exists()


def test_a_local_yaml_tag_under_draft_is_ignored_with_a_warning_and_the_article_kept_a_draft(tmp_path, capsys):
    """'draft: !yes true': the value is 'true' with or without the tag, and the article unpublished."""
    text = "---\ntitle: Tagged draft\ndate: 2024-01-05\ndraft: !yes true\n---\n\nBody text.\n"
    source = archive(tmp_path, {"tagged-draft.md": text})
    code, err = build(capsys, source, tmp_path / "out")
    assert code == 0 and "WARNING: tagged-draft.md:4: draft: the YAML tag '!yes' means nothing to sitegen" in err
    assert "tagged-draft.md: draft: not published" in err
    assert set(article_pages(tmp_path / "out")) == set(GOOD_PAGES)  # a draft: not published
    code, err = build(capsys, source, tmp_path / "strict", "--strict")
    assert code == 1 and "--strict: 0 errors and 1 warning" in err and not (tmp_path / "strict").exists()


def test_a_local_yaml_tag_on_an_item_of_a_list_is_ignored_with_a_warning_and_the_item_read(tmp_path, capsys):
    """'tags: [!x Cairo]', or '- !x Cairo' on its own line: the tag was dropped without a word."""
    text = "---\ntitle: Tagged item\ntags:\n  - !x Cairo\n---\n\nBody text.\n"
    pages, err = published(tmp_path, capsys, {"tagged-item.md": text})
    assert "WARNING: tagged-item.md:4: tags: the YAML tag '!x' means nothing to sitegen" in err
    assert "tags/egypt/" in pages["tagged-item"]


def test_impossible_dateline_is_reported_and_not_taken_for_the_title(tmp_path, capsys):
    pages, err = published(tmp_path, capsys, {"feb31.txt": "31 فبراير 2024\n\nعنوان صحيح\n\nنص الخبر.\n"})
    assert "feb31.txt:1: impossible date '31 فبراير 2024'" in err
    assert "نص الخبر." in pages["عنوان-صحيح"]


def test_an_impossible_utc_offset_is_a_warning_with_the_line_and_the_date_and_time_stay(tmp_path, capsys):
    """+25:00 was dropped without a word, and +03:75 read as +04:15."""
    pages, err = published(
        tmp_path,
        capsys,
        {
            "offset.md": "---\ntitle: Offset trouble\ndate: 2024-04-19T10:30:00+25:00\nlang: en\n---\nBody text.\n",
            "offset.txt": "الجمعة 19 أبريل 2024 - 10:30 +03:75\n\nعنوان الخبر\n\nنص الخبر.\n",
        },
    )
    assert "WARNING: offset.md:3: the UTC offset '+25:00' in '2024-04-19T10:30:00+25:00' is impossible" in err
    assert "WARNING: offset.txt:1: the UTC offset '+03:75' in 'الجمعة 19 أبريل 2024 - 10:30 +03:75'" in err
    assert 'datetime="2024-04-19T10:30:00"' in pages["offset-trouble"]
    assert 'datetime="2024-04-19T10:30:00"' in pages["عنوان-الخبر"]


def test_a_title_naming_an_event_with_its_date_is_published_whole_and_undated_with_a_warning(tmp_path, capsys):
    """The article was dated 6 October 1973 without a word, its title cut to "حرب أكتوبر"."""
    pages, err = published(tmp_path, capsys, {"october.txt": "حرب أكتوبر - 6 أكتوبر 1973\n\nنص عن ذكرى العبور.\n"})
    assert "WARNING: october.txt:1: no date found; the article is listed as undated (the date in the title" in err
    (page,) = [html for html in pages.values() if "نص عن ذكرى العبور." in html]
    assert "حرب أكتوبر - 6 أكتوبر 1973</h1>" in page and "1973-10-06" not in page


def test_a_first_line_opening_with_a_dateline_is_published_as_the_first_paragraph_with_a_warning(tmp_path, capsys):
    """The whole sentence, dateline and all, was the title, and the article undated."""
    first = "القاهرة في 19 أبريل 2024 (أ ش أ) - أعلن وزير الخارجية أن المحادثات ستستأنف الأسبوع المقبل."
    pages, err = published(tmp_path, capsys, {"wire.txt": f"{first}\n\nفقرة ثانية.\n"})
    assert "WARNING: wire.txt:1: no title line: the first line opens with a dateline" in err
    (page,) = [html for html in pages.values() if "فقرة ثانية." in html]
    assert f"<p>{first}</p>" in page and 'datetime="2024-04-19' in page
    assert "أعلن وزير الخارجية أن المحادثات ستستأنف الأسبوع المقبل</h1>" in page


def test_a_wire_dateline_alone_on_the_first_line_is_published_as_the_dateline_with_a_warning(tmp_path, capsys):
    """The dateline was the title, and the article undated."""
    text = "أعلن وزير الخارجية أن المحادثات ستستأنف الأسبوع المقبل."
    files = {"wire.txt": f"القاهرة في 19 أبريل 2024 (أ ش أ) -\n{text}\n\nفقرة ثانية.\n"}
    pages, err = published(tmp_path, capsys, files)
    assert "WARNING: wire.txt:1: no title line: the first line is a dateline" in err
    (page,) = [html for html in pages.values() if "فقرة ثانية." in html]
    assert f"<p>{text}</p>" in page and 'datetime="2024-04-19' in page and "القاهرة في 19 أبريل 2024 (أ ش أ) -" in page
    assert "أعلن وزير الخارجية أن المحادثات ستستأنف الأسبوع المقبل</h1>" in page


def test_a_title_date_unlike_the_path_date_is_published_under_the_path_date_with_a_warning(tmp_path, capsys):
    """The path's date was used without a word."""
    files = {"2024/04/19/x.txt": "علاقات روسية باكستانية - 20 أبريل 2024\n\nنص عن العلاقات.\n"}
    pages, err = published(tmp_path, capsys, files)
    assert "WARNING: 2024/04/19/x.txt:1: the date in the title line ('20 أبريل 2024') is not the date in the" in err
    (page,) = [html for html in pages.values() if "نص عن العلاقات." in html]
    assert 'datetime="2024-04-19' in page and "علاقات روسية باكستانية - 20 أبريل 2024</h1>" in page


def test_a_plain_text_article_that_mentions_html_tags_is_published_not_taken_for_a_web_page(tmp_path, capsys):
    text = "Writing a page by hand\n\nEvery web page starts with <!DOCTYPE html> and then <html>.\n"
    pages, err = published(tmp_path, capsys, {"by-hand.txt": text})
    assert "skipped" not in err
    assert "Every web page starts with &lt;!DOCTYPE html&gt; and then &lt;html&gt;." in pages["writing-a-page-by-hand"]


def test_unknown_metadata_keys_are_warnings_with_the_line(tmp_path, capsys):
    pages, err = published(
        tmp_path, capsys, {"keys.md": "---\ntitle: Extra keys\ncolour: red\nlang: en\n---\nBody text.\n"}
    )
    assert "keys.md:3: unknown metadata key 'colour' ignored" in err
    assert "Body text." in pages["extra-keys"]


def test_same_title_and_same_slug_get_distinct_urls(tmp_path, capsys):
    pages, _ = published(
        tmp_path,
        capsys,
        {
            "twin-1.txt": "عنوان مكرر\n\nالنص الأول.\n",
            "twin-2.txt": "عنوان مكرر\n\nالنص الثاني.\n",
            "slug.md": "---\ntitle: Other\nslug: عنوان-مكرر\n---\nالنص الثالث.\n",
            "case.md": "---\ntitle: Case\nslug: A-B\n---\nupper.\n",
            "case2.md": "---\ntitle: a b\n---\nlower.\n",
        },
    )
    bodies = ["النص الأول.", "النص الثاني.", "النص الثالث.", "upper.", "lower."]
    for body in bodies:
        assert sum(body in html for html in pages.values()) == 1, body
    assert len({slug.casefold() for slug in pages}) == len(pages)


def test_a_file_copied_by_mistake_is_published_and_said_with_its_original(tmp_path, capsys):
    story = "19 أبريل 2024\n\nعنوان الخبر\n\nنص الخبر كاملا.\n"
    pages, err = published(
        tmp_path,
        capsys,
        {
            "a.txt": story,
            "old/copy of a.txt": story,
            "z/a (1).txt": story,
            "column-1.txt": "عمود يومي\n\nنص اليوم الأول.\n",  # a repeated title is no copy
            "column-2.txt": "عمود يومي\n\nنص اليوم الثاني.\n",
        },
    )
    assert sum("نص الخبر كاملا." in html for html in pages.values()) == 3  # nothing dropped
    said = [line for line in err.splitlines() if "the same file as" in line]
    assert len(said) == 2
    assert said[0].startswith("WARNING: old/copy of a.txt: the same file as a.txt: the story is published twice")
    assert said[1].startswith("WARNING: z/a (1).txt: the same file as a.txt:")
    code, err = build(capsys, tmp_path / "src", tmp_path / "strict", "--strict")
    assert code == 1 and "the same file as a.txt" in err


def test_a_copy_saved_in_another_encoding_is_said_as_the_same_story(tmp_path, capsys):
    # Windows-1256 with CRLF: other bytes, the same story; a daily column's issues are not copies.
    story = "19 أبريل 2024\n\nعنوان الخبر\n\nنص الخبر كاملا في فقرته الأولى.\n\nوفقرة ثانية.\n"
    files: dict[str, bytes | str] = {
        "a.txt": story,
        "windows/a.txt": story.replace("\n", "\r\n").encode("cp1256"),
        "column-1.txt": "19 أبريل 2024\n\nعمود يومي\n\nنص اليوم.\n",
        "column-2.txt": "19 أبريل 2024\n\nعمود يومي\n\nنص آخر.\n",
    }
    pages, err = published(tmp_path, capsys, files)
    assert sum("وفقرة ثانية." in html for html in pages.values()) == 2  # nothing dropped
    said = [line for line in err.splitlines() if "published twice" in line]
    assert len(said) == 1 and said[0].startswith("WARNING: windows/a.txt: the same story as a.txt (title, date,"), said


@pytest.mark.parametrize("name", ["with space.txt", "خبر عربي.txt", "\u200frtl-mark.txt", "a..b.txt", "end...txt"])
def test_odd_file_names_are_published(tmp_path, capsys, name):
    pages, _ = published(tmp_path, capsys, {name: "عنوان ملف غريب\n\nنص الملف الغريب.\n"})
    assert "نص الملف الغريب." in pages["عنوان-ملف-غريب"]
    assert list((tmp_path / "out").rglob("*..*")) == []


def test_hidden_files_are_ignored_like_editor_and_system_files(tmp_path, capsys):
    code, err = build(
        capsys, archive(tmp_path, {"._mac-resource.txt": b"\x00\x05", "..dots.txt": "x\n\ny\n"}), tmp_path / "o"
    )
    assert code == 0 and "dots" not in err and "mac-resource" not in err
    assert set(article_pages(tmp_path / "o")) == set(GOOD_PAGES)


def test_jekyll_drafts_and_hugo_section_pages_are_not_published_and_are_said(tmp_path, capsys):
    files = {
        "_drafts/unfinished.md": "---\ntitle: مسودة لم تكتمل\n---\n\nنص المسودة.\n",
        "2024/_drafts/note.txt": "مسودة نصية\n\nنص.\n",
        "posts/_index.md": "---\ntitle: Posts\n---\n\nAll our posts.\n",
        "_index.md": "---\ntitle: Home\n---\n",
    }
    code, err = build(capsys, archive(tmp_path, files), tmp_path / "o", "-v")
    assert code == 0
    assert set(article_pages(tmp_path / "o")) == set(GOOD_PAGES)
    assert "_drafts/unfinished.md: draft: not published" in err and "2024/_drafts/note.txt: draft: not published" in err
    assert "posts/_index.md: a Hugo section page" in err and "\n_index.md: a Hugo section page" in "\n" + err.replace(
        "INFO: ", ""
    )


def test_articles_under_another_text_or_markdown_extension_are_reported_not_dropped_silently(tmp_path, capsys):
    files: dict[str, bytes | str] = {
        "story.text": "خبر\n\nنص.\n",
        "notes.mdown": "# Notes\n\nText.\n",
        "photo.jpg": b"\xff\xd8\xff",
    }
    code, err = build(capsys, archive(tmp_path, files), tmp_path / "o")
    assert code == 0
    assert "story.text: not read: only .txt, .md and .markdown files are articles" in err
    assert "notes.mdown: not read" in err and "photo.jpg" not in err
    assert set(article_pages(tmp_path / "o")) == set(GOOD_PAGES)


NOT_READ = "not read: only .txt, .md and .markdown files are articles; "


@pytest.mark.parametrize(
    ("name", "content", "advice"),
    [
        ("old/page.html", "<html><body><p>خبر قديم</p></body></html>", "if this web page is an article, save its text"),
        ("PAGE.HTM", "<p>خبر</p>", "if this web page is an article, save its text as .txt or .md"),
        ("report.docx", b"PK\x03\x04\x14\x00", "if this document is an article, export it as plain text (.txt)"),
        ("report.doc", b"\xd0\xcf\x11\xe0", "if this document is an article, export it as plain text (.txt)"),
        ("report.rtf", r"{\rtf1\ansi news}", "if this document is an article, export it as plain text (.txt)"),
        ("report.odt", b"PK\x03\x04", "if this document is an article, export it as plain text (.txt)"),
        ("notes.rst", "Title\n=====\n\nText.\n", "if this file is an article, convert it to Markdown (.md)"),
        ("2024/19-04-2024", "خبر بلا لاحقة\n\nنص الخبر.\n", "if this file is an article, add .txt to its name"),
        ("utf16", "خبر\n".encode("utf-16"), "if this file is an article, add .txt to its name"),
        ("cp1256", "خبر قديم\n\nنص.\n".encode("cp1256"), "if this file is an article, add .txt to its name"),
        ("story.text", "خبر\n\nنص.\n", "rename it to .txt (plain text) or .md (Markdown)"),
        # A space or a dot after the suffix (a script's or a Mac user's typo): dropped without a word.
        ("story.txt ", "خبر\n\nنص.\n", "remove the space or dot after .txt at the end of its name"),
        ("notes.MD.", "# Notes\n\nText.\n", "remove the space or dot after .MD at the end of its name"),
    ],
)
def test_a_document_sitegen_does_not_read_is_named_with_what_to_do(tmp_path, capsys, name, content, advice):
    """Web pages, word-processor files, other markup and text files without a suffix were
    left out of the site without a word: old archives keep articles in all of these."""
    source = archive(tmp_path)
    (source / name).parent.mkdir(parents=True, exist_ok=True)
    (source / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    code, err = build(capsys, source, tmp_path / "o")
    assert code == 0
    assert f"WARNING: {name}: {NOT_READ}{advice}" in err
    assert set(article_pages(tmp_path / "o")) == set(GOOD_PAGES)
    assert build(capsys, source, tmp_path / "o", "--strict")[0] == 1


def test_inspect_names_a_file_not_read_and_strict_fails_on_it_as_a_build_does(tmp_path, capsys):
    """inspect showed only the articles' own warnings: an archive with a web page not read
    passed `sitegen inspect --strict` (exit 0) and failed `sitegen build --strict` (exit 1)."""
    source = archive(tmp_path, {"page.html": "<p>خبر</p>", "link.txt": "x"})
    (source / "link.txt").unlink()
    (source / "link.txt").symlink_to(source / "good-ar.txt")
    capsys.readouterr()
    assert main(["inspect", "--source", str(source)]) == 0
    err = capsys.readouterr().err
    assert f"WARNING: page.html: {NOT_READ}" in err and "WARNING: link.txt: symbolic link not followed" in err
    assert main(["inspect", "--source", str(source), "--strict"]) == 1
    assert build(capsys, source, tmp_path / "o", "--strict")[0] == 1
    (source / "page.html").unlink()
    (source / "link.txt").unlink()
    assert main(["inspect", "--source", str(source), "--strict", "--json"]) == 0


def test_files_beside_the_articles_that_are_not_articles_are_not_reported(tmp_path, capsys):
    files: dict[str, bytes | str] = {
        "photo.jpg": b"\xff\xd8\xff\xe0",
        "images/map.png": b"\x89PNG\r\n",
        "report.pdf": b"%PDF-1.4\n",
        "style.css": "body { color: red }\n",
        "data.json": "{}\n",
        ".hidden.html": "<p>x</p>",
        ".draft": "خبر مخفي\n",
        "README": "About this archive.\n",
        "LICENSE": "Copyright.\n",
        "CNAME": "news.example.org\n",
        "Makefile": "all:\n\tsitegen build\n",
        "readme.html": "<p>about</p>",
        "CHANGELOG.rst": "Changes\n=======\n",
        "deploy": "#!/bin/sh\nsitegen build\n",
        "blob": b"\x00\x01\x02\x03binary",
        "empty": b"",
        "article.txt~": "backup\n",
    }
    source = archive(tmp_path)
    for name, content in files.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    code, err = build(capsys, source, tmp_path / "o", "--strict")
    assert code == 0, err
    assert "not read" not in err


def test_a_repositorys_readme_and_license_are_not_published_as_articles(tmp_path, capsys):
    """An archive kept in a repository, built with source = ".": its README.md would have opened
    the site as the newest "article". Such documents are left out with a note, not a warning."""
    site = archive(
        tmp_path,
        {
            "README.md": "# أرشيف الأخبار\n\nكيف يُبنى هذا الموقع.\n",
            "README.ar.md": "# الأرشيف\n\nشرح.\n",
            "LICENSE.txt": "Copyright 2024 the archive.\n",
            "CONTRIBUTING.md": "Send articles as .txt files.\n",
        },
    )
    (site / "sitegen.toml").write_text('source = "."\noutput = "../out"\n', "utf-8")
    capsys.readouterr()
    assert main(["build", "--strict", "--config", str(site / "sitegen.toml")]) == 0
    err = capsys.readouterr().err
    assert "README.md: a repository's document, not published as an article" in err
    assert "LICENSE.txt: a repository's document" in err
    assert set(article_pages(tmp_path / "out")) == set(GOOD_PAGES)


def test_an_article_whose_name_only_begins_like_readme_is_published(tmp_path, capsys):
    source = archive(tmp_path, {"readmission.txt": "19 أبريل 2024\nإعادة قبول الطلاب\n\nنص الخبر عن إعادة القبول.\n"})
    code, err = build(capsys, source, tmp_path / "o", "--strict")
    assert code == 0, err
    assert set(article_pages(tmp_path / "o")) == {*GOOD_PAGES, "إعادة-قبول-الطلاب"}


def test_the_theme_of_a_site_whose_root_is_the_source_folder_is_not_reported(tmp_path, capsys):
    """With source = "." the site's templates/ and static/ (a search engine's verification page,
    a robots.txt, the theme's notes) are in the source folder: they are the site's own files, not
    articles, in another format or in the formats sitegen reads."""
    site = archive(tmp_path)
    (site / "sitegen.toml").write_text('source = "."\noutput = "../out"\n', "utf-8")
    (site / "tags.toml").write_text("", "utf-8")
    (site / "templates").mkdir()
    (site / "templates" / "extra.html").write_text("{{ site }}\n", "utf-8")
    (site / "static").mkdir()
    (site / "static" / "google0123.html").write_text("google-site-verification\n", "utf-8")
    (site / "static" / "robots.txt").write_text("User-agent: *\nDisallow: /drafts/\n", "utf-8")
    (site / "templates" / "notes.md").write_text("# How the theme is built\n\nNotes.\n", "utf-8")
    (site / "locales").mkdir()
    (site / "locales" / "ar.toml").write_text('home = "الرئيسية"\n', "utf-8")
    (site / "2024").mkdir()
    (site / "2024" / "old.html").write_text("<p>خبر قديم</p>\n", "utf-8")
    capsys.readouterr()
    assert main(["build", "--config", str(site / "sitegen.toml")]) == 0
    err = capsys.readouterr().err
    assert f"2024/old.html: {NOT_READ}" in err
    assert err.count("not read") == 1
    assert set(article_pages(tmp_path / "out")) == set(GOOD_PAGES)


def test_many_files_not_read_are_summed_up_not_listed_one_by_one(tmp_path, capsys):
    source = archive(tmp_path, {f"page-{n:02}.html": "<p>خبر</p>" for n in range(30)})
    (source / "report.docx").write_bytes(b"PK\x03\x04")
    code, err = build(capsys, source, tmp_path / "o")
    assert code == 0
    assert err.count(NOT_READ) == 10
    assert f"... and 21 more warnings like '{NOT_READ.split(';')[0]}' (run with -v to list them all)" in err
    code, err = build(capsys, source, tmp_path / "o", "-v")
    assert err.count(NOT_READ) == 31 and "report.docx: " + NOT_READ in err


def test_control_characters_are_removed_with_a_warning_naming_the_line(tmp_path, capsys):
    pages, err = published(tmp_path, capsys, {"ctrl.txt": "عنوان\n\nسطر أول.\nسطر\x07 ثان\x1b.\n"})
    assert "ctrl.txt:4: 2 control character(s) such as U+0007 removed" in err
    assert "سطر ثان." in pages["عنوان"]


def test_first_line_too_long_for_a_title_is_kept_whole_as_the_first_paragraph(tmp_path, capsys):
    line = "كلمة " * 100 + "نهاية."
    pages, err = published(tmp_path, capsys, {"long.txt": line + "\n"})
    assert "long.txt:1: the first line is 506 characters long, too long for a title" in err
    (page,) = [html for slug, html in pages.items() if slug.startswith("كلمة")]
    assert line.strip() in page


# --- the file system: links, permissions, odd files, names -----------------------------------


def test_symlink_to_outside_is_not_followed_and_is_reported(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("سر\n\nمعلومة سرية لا تنشر.\n", "utf-8")
    source = archive(tmp_path)
    (source / "link.txt").symlink_to(outside / "secret.txt")
    (source / "folder").symlink_to(outside, target_is_directory=True)
    code, err = build(capsys, source, tmp_path / "out")
    assert code == 0
    assert "link.txt: symbolic link not followed" in err
    assert "folder: symbolic link to a folder not followed" in err
    assert_good_published(tmp_path / "out")
    assert not any("معلومة سرية" in p.read_text("utf-8") for p in (tmp_path / "out").rglob("*.html"))


def test_a_symbolic_link_in_static_is_not_published_and_is_reported(tmp_path, capsys, monkeypatch):
    # A link committed into static/ published whatever it pointed to (/etc/passwd on the machine
    # that builds); GitHub Pages' Jekyll does not follow such links either.
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.css").write_text("/* secret */\n", "utf-8")
    site = tmp_path / "site"
    (site / "static" / "fonts").mkdir(parents=True)
    (site / "static" / "own.css").write_text("a{}\n", "utf-8")
    (site / "static" / "fonts" / "face.woff2").write_bytes(b"wOF2")
    (site / "static" / "secret.css").symlink_to(outside / "secret.css")
    (site / "static" / "shared").symlink_to(outside, target_is_directory=True)
    monkeypatch.chdir(site)
    code, err = build(capsys, archive(tmp_path), tmp_path / "out")
    assert code == 0
    published = {
        p.relative_to(tmp_path / "out" / "static").as_posix() for p in (tmp_path / "out" / "static").rglob("*")
    }
    assert {"own.css", "fonts/face.woff2"} <= published
    assert not {"secret.css", "shared", "shared/secret.css"} & published
    assert "static/secret.css: symbolic link not followed, so not published; copy the file" in err
    assert "static/shared: symbolic link not followed, so not published; copy the folder" in err


def test_a_site_folder_that_is_a_file_is_reported_not_ignored(tmp_path, capsys, monkeypatch):
    # 'templates' saved as a file (a stray export, a name without its folder): the site was
    # built with the default theme and nothing said why the own templates were not used.
    site = tmp_path / "site"
    site.mkdir()
    for name in ("templates", "static", "locales"):
        (site / name).write_text("x\n", "utf-8")
    monkeypatch.chdir(site)
    code, err = build(capsys, archive(tmp_path), tmp_path / "out")
    assert code == 0
    for name in ("templates", "static", "locales"):
        assert f"WARNING: {name}: is a file, not a folder, so nothing in it is used; make it a folder of" in err


def test_unreadable_file_is_skipped_and_named(tmp_path, capsys, monkeypatch):
    source = archive(tmp_path, {"locked.txt": "عنوان\n\nنص.\n"})
    if IS_ROOT:  # root reads mode-000 files anyway, so simulate the refusal at the opening itself
        real = os.open

        def refuse(path, flags, *args, **kwargs):
            if os.path.basename(path) == "locked.txt":
                raise PermissionError(errno.EACCES, "Permission denied", path)
            return real(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    else:
        (source / "locked.txt").chmod(0)
    code, err = build(capsys, source, tmp_path / "out")
    (source / "locked.txt").chmod(0o644)
    assert code == 0
    assert "locked.txt: skipped: permission denied; make the file readable (chmod +r)" in err
    assert_good_published(tmp_path / "out")


def test_unreadable_folder_is_reported_not_skipped_silently(tmp_path, capsys, monkeypatch):
    source = archive(tmp_path)
    (source / "locked").mkdir()
    (source / "locked" / "inside.txt").write_text("عنوان\n\nنص.\n", "utf-8")
    real = os.scandir

    def refuse(path=".", *args):
        if Path(path).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args)

    monkeypatch.setattr(os, "scandir", refuse)  # root could read a mode-000 folder anyway
    code, err = build(capsys, source, tmp_path / "out")
    assert code == 0
    assert "ERROR: locked: cannot read this folder (Permission denied); make it readable" in err
    assert_good_published(tmp_path / "out")


def test_named_pipe_is_skipped_without_blocking(tmp_path, capsys):
    source = archive(tmp_path)
    os.mkfifo(source / "pipe.txt")
    code, err = build(capsys, source, tmp_path / "out")
    assert code == 0
    assert "pipe.txt: skipped: not a regular file" in err
    assert_good_published(tmp_path / "out")


def test_file_name_that_is_not_utf8_is_skipped_and_named(tmp_path, capsys):
    source = archive(tmp_path)
    try:
        with open(os.path.join(os.fsencode(source), b"bad-\xff.txt"), "wb") as f:
            f.write("عنوان\n\nنص.\n".encode())
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    code, err = build(capsys, source, tmp_path / "out")
    assert code == 0
    assert "bad-\\xff.txt: file name is not valid UTF-8; skipped (rename the file)" in err
    assert_good_published(tmp_path / "out")


# --- the output folder ------------------------------------------------------------------------


def test_output_whose_parent_is_a_file_is_refused(tmp_path, capsys):
    (tmp_path / "afile").write_text("keep me")
    code, err = build(capsys, archive(tmp_path), tmp_path / "afile" / "out")
    assert code == 2
    assert "afile is a file, so the output folder" in err and "pass another --output" in err
    assert (tmp_path / "afile").read_text() == "keep me"
    assert "Traceback" not in err


def test_output_in_a_read_only_folder_is_refused_and_nothing_is_left(tmp_path, capsys, monkeypatch):
    parent = tmp_path / "readonly"
    parent.mkdir()
    if IS_ROOT:  # root may write into mode-555 folders; simulate the refusal where the folder is made
        real = os.mkdir

        def refuse(path, *args, **kwargs):
            if os.path.basename(path).startswith(write.STAGE_PREFIX):
                raise PermissionError(errno.EACCES, "Permission denied")
            real(path, *args, **kwargs)

        monkeypatch.setattr(os, "mkdir", refuse)
    else:
        parent.chmod(0o555)
    code, err = build(capsys, archive(tmp_path), parent / "out")
    parent.chmod(0o755)
    assert code == 2  # an output folder that cannot be used, as the README says
    assert "cannot create a folder beside the output (Permission denied)" in err
    assert "make" in err and "writable" in err
    assert list(parent.iterdir()) == []


@pytest.mark.parametrize("after", [0, 3])
def test_disk_full_midway_keeps_the_previous_output_byte_for_byte(tmp_path, capsys, monkeypatch, after):
    source = archive(tmp_path)
    out = tmp_path / "site" / "out"
    code, _ = build(capsys, source, out)
    assert code == 0
    before = snapshot(out)
    (source / "new.txt").write_text("خبر جديد\n\nنص جديد.\n", "utf-8")
    real = write.write_file
    calls = 0

    def fill_disk(path: str, data: bytes) -> None:
        nonlocal calls
        calls += 1
        if calls > after:
            raise OSError(errno.ENOSPC, "No space left on device", path)
        real(path, data)

    monkeypatch.setattr(write, "write_file", fill_disk)
    code, err = build(capsys, source, out)
    monkeypatch.undo()
    assert code == 1
    assert "(No space left on device); the disk is full; free some space and build again" in err
    assert "The previous output is unchanged" in err
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]  # no temp folder left behind


# --- size ---------------------------------------------------------------------------------


def paragraphs(count: int, words: int, seed: int = 1) -> list[str]:
    vocabulary = ["الرئيس", "الوزير", "القاهرة", "الاقتصاد", "السياسة", "العلاقات", "التعاون", "الحكومة"]
    rng = random.Random(seed)
    return [" ".join(rng.choice(vocabulary) for _ in range(words)) + f" فقرة {n}." for n in range(count)]


def test_a_20_mb_article_builds_in_full(tmp_path, capsys):
    body = paragraphs(30_000, 60)
    text = "الجمعة 19 أبريل 2024\n\nمقال ضخم جدا\n\n" + "\n\n".join(body) + "\n"
    assert len(text.encode("utf-8")) > 20 * 1024 * 1024
    source = archive(tmp_path, {"huge.txt": text})
    started = time.perf_counter()
    code, err = build(capsys, source, tmp_path / "out")
    seconds = time.perf_counter() - started
    assert code == 0, err
    page = (tmp_path / "out" / "articles" / "مقال-ضخم-جدا" / "index.html").read_text("utf-8")
    assert body[0] in page and body[-1] in page and page.count("<p>") >= len(body)
    assert_good_published(tmp_path / "out")
    print(f"20 MB article: {seconds:.1f} s")  # shown with pytest -s; docs/robustness.md records it
    assert seconds < 120


@pytest.mark.parametrize("where", ["body", "title"])
def test_a_200000_character_line_builds_in_full(tmp_path, capsys, where):
    line = " ".join(paragraphs(4000, 8, seed=2))[:200_000].rstrip() + "."
    assert len(line) >= 199_000
    text = f"عنوان قصير\n\n{line}\n" if where == "body" else line + "\n"
    source = archive(tmp_path, {"long-line.txt": text})
    started = time.perf_counter()
    code, err = build(capsys, source, tmp_path / "out")
    seconds = time.perf_counter() - started
    assert code == 0, err
    pages = article_pages(tmp_path / "out")
    assert sum(line in html for html in pages.values()) == 1
    if where == "title":
        assert "long-line.txt:1: the first line is" in err
    print(f"200,000-character line as {where}: {seconds:.2f} s")
    assert seconds < 30


def test_files_over_the_size_limit_are_skipped_and_named(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 1024)
    source = archive(tmp_path, {"toolarge.txt": "عنوان\n\n" + "كلمة " * 1000})
    code, err = build(capsys, source, tmp_path / "out")
    assert code == 0
    assert "toolarge.txt: skipped: file is larger than" in err and "split it" in err
    assert_good_published(tmp_path / "out")


def wait_until_gone(pattern_parent: Path, timeout: float = 20.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while True:
        left = sorted(p.name for p in pattern_parent.glob(".sitegen-old-*"))
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def test_a_full_rebuild_over_an_existing_output_leaves_no_old_folder_behind(tmp_path, capsys):
    source = archive(tmp_path)
    out = tmp_path / "site" / "out"
    assert build(capsys, source, out)[0] == 0
    before = snapshot(out)
    assert build(capsys, source, out, "--no-cache")[0] == 0  # a full build: the folders are swapped
    assert snapshot(out) == before
    assert wait_until_gone(out.parent) == []  # deleted by a detached process, soon after


def test_an_old_output_left_by_an_interrupted_deletion_is_removed_by_the_next_build(tmp_path, capsys):
    source = archive(tmp_path)
    out = tmp_path / "site" / "out"
    leftover = tmp_path / "site" / ".sitegen-old-abc123"
    (leftover / "articles").mkdir(parents=True)
    (leftover / "articles" / "index.html").write_text("old", "utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(leftover, (an_hour_ago, an_hour_ago))
    assert build(capsys, source, out)[0] == 0
    assert wait_until_gone(out.parent) == []


# --- the output folder: whose it is, where it is, and a build stopped from outside -----------


def test_a_folder_with_another_tools_nojekyll_is_not_taken_for_a_sitegen_output(tmp_path, capsys):
    source = archive(tmp_path)
    docs = tmp_path / "docs"  # what Sphinx's githubpages extension or MkDocs leave
    (docs / "_static").mkdir(parents=True)
    (docs / ".nojekyll").write_bytes(b"")
    (docs / "_static" / "notes.txt").write_text("precious", "utf-8")
    (docs / "CNAME").write_text("example.org\n", "utf-8")
    before = snapshot(docs)
    code, err = build(capsys, source, docs)
    assert code == 2 and "not made by sitegen (if an older sitegen made it" in err
    assert snapshot(docs) == before
    # A folder sitegen made is still its own to replace.
    out = tmp_path / "out"
    assert build(capsys, source, out)[0] == 0
    assert build(capsys, source, out, "--no-cache")[0] == 0
    assert_good_published(out)


@pytest.mark.parametrize("second", ["incremental", "full"])
def test_an_output_that_is_a_symbolic_link_is_built_where_it_points(tmp_path, capsys, second):
    source = archive(tmp_path)
    served = tmp_path / "www"
    served.mkdir()
    link = tmp_path / "out"
    link.symlink_to(served, target_is_directory=True)
    assert build(capsys, source, link)[0] == 0
    (source / "later.txt").write_text("20 أبريل 2024\n\nخبر لاحق\n\nنص الخبر اللاحق.\n", "utf-8")
    assert build(capsys, source, link, *(["--no-cache"] if second == "full" else []))[0] == 0
    assert link.is_symlink() and link.resolve() == served.resolve()
    assert_good_published(served)
    assert "نص الخبر اللاحق." in "".join(p.read_text("utf-8") for p in (served / "articles").rglob("index.html"))
    assert wait_until_gone(tmp_path) == []  # no replaced folder (or link) left beside it


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["sigterm", "sighup"])
def test_sigterm_or_sighup_stops_a_build_without_touching_the_previous_output(tmp_path, sig):
    """A stopped CI job or `timeout` sends SIGTERM, a closed terminal or SSH session SIGHUP: like
    Ctrl-C, the staged files go away and the previous site stays as it was."""
    source = archive(tmp_path)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sitegen", "build", "--source", str(source), "--output", str(out), "-q"]
    subprocess.run(command, check=True, timeout=120)
    before = snapshot(out)
    for n in range(400):  # enough to be still rendering when the signal comes
        (source / f"bulk-{n:03d}.txt").write_text(
            f"{n % 28 + 1} مارس 2020\n\nخبر رقم {n}\n\n" + "نص طويل عن الاقتصاد. " * 200 + "\n", "utf-8"
        )
    process = subprocess.Popen(
        [*command, "--no-cache", "--jobs", "1"],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=signals_as_in_a_terminal,  # also when the tests run under nohup
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".sitegen-tmp-*")) and time.monotonic() < deadline:  # the stage is made
        time.sleep(0.01)
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted; the previous output is unchanged" in err
    assert snapshot(out) == before
    assert list(tmp_path.glob(".sitegen-tmp-*")) == []


def test_an_interrupt_while_the_stage_is_being_made_leaves_no_stage_behind(tmp_path, monkeypatch):
    """The signal can come right after the stage folder exists and before `with` could clean up."""

    def interrupted(parent: Path, age: float = 60.0) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(write, "remove_leftovers", interrupted)
    with pytest.raises(KeyboardInterrupt), write.Stage(tmp_path / "out"):
        pass
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_the_moment_the_stage_folder_appears_leaves_no_stage_behind(tmp_path, monkeypatch):
    """What a signal sent as soon as the folder is seen does (as a stopped CI job's may): with
    tempfile.mkdtemp, an interrupt inside it, after its mkdir, left a stage nobody knew of."""
    real = os.mkdir

    def made_then_interrupted(path, *args, **kwargs):
        real(path, *args, **kwargs)
        if os.path.basename(path).startswith(write.STAGE_PREFIX):
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "mkdir", made_then_interrupted)
    stage = write.Stage(tmp_path / "out")
    with pytest.raises(KeyboardInterrupt), stage:
        pass
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(os, "mkdir", real)
    with write.Stage(tmp_path / "out") as made:  # an interrupt in the block: __exit__ removes it
        assert made.root.is_dir() and made.root.name.startswith(write.STAGE_PREFIX)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("incremental", [False, True])
@pytest.mark.parametrize("put", ["file", "folder"])
def test_an_output_replaced_by_the_users_file_or_folder_during_the_build_is_left_as_it_is(tmp_path, put, incremental):
    """The commit swapped the new site in and deleted the file (or folder) put where the output
    was while the build ran; into a folder of someone else's it moved its pages, and deleted the
    last site's files from it. check_output had looked before the build, not at its end."""
    output = tmp_path / "out"
    output.mkdir()
    (output / write.MARKER).write_bytes(write.MARKER_TEXT)
    with write.Stage(output, incremental=incremental) as stage:
        stage.write("index.html", b"<p>new</p>")
        shutil.rmtree(output)
        if put == "file":
            output.write_text("the user's notes", "utf-8")
        else:
            output.mkdir()
            (output / "index.html").write_text("the user's page", "utf-8")
        with pytest.raises(errors.OutputError, match="during the build"):
            stage.commit(keep={"index.html"}, previous={"index.html", "old.html"})
    assert (output.read_text("utf-8") if put == "file" else (output / "index.html").read_text("utf-8")).startswith(
        "the user's"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no stage or old folder left beside it


def test_a_build_removes_what_a_killed_build_left_beside_the_output(tmp_path, capsys):
    """SIGKILL or a power cut leaves a stage (a whole site) or a replaced output behind; the next
    build removes them once they are old enough not to belong to a build still running."""
    source = archive(tmp_path)
    day_old = time.time() - 2 * 86400
    left = {}
    for name in (".sitegen-tmp-killed", ".sitegen-old-killed", ".sitegen-tmp-running", ".sitegen-old-fresh"):
        folder = tmp_path / name
        (folder / "articles").mkdir(parents=True)
        (folder / "articles" / "index.html").write_text("x", "utf-8")
        left[name] = folder
    for name in (".sitegen-tmp-killed", ".sitegen-old-killed"):
        os.utime(left[name], (day_old, day_old))
    assert build(capsys, source, tmp_path / "out")[0] == 0
    deadline = time.monotonic() + 30  # the deletion runs detached
    while any(left[n].exists() for n in (".sitegen-tmp-killed", ".sitegen-old-killed")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".sitegen-old-fresh", ".sitegen-tmp-running", "out", "src"]


def test_a_build_started_under_nohup_keeps_ignoring_sighup(tmp_path):
    """nohup (or a shell's disown) makes SIGHUP ignored: the build must not turn it back on."""
    source = archive(tmp_path)
    out = tmp_path / "out"
    script = (
        "import signal, sys\n"
        "signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
        "from sitegen import cli, write\n"
        "stage = write.Stage.__enter__\n"
        "def hang_up(self):\n"
        "    entered = stage(self)\n"
        "    signal.raise_signal(signal.SIGHUP)  # ignored: the build goes on\n"
        "    return entered\n"
        "write.Stage.__enter__ = hang_up\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "build", "--source", str(source), "--output", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "index.html").is_file()


def test_signals_wait_while_files_are_moved_into_the_output():
    """Cut short, the move would leave a site half old, half new."""
    received: list[int] = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: received.append(signum))
    try:
        with write._no_interrupt():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
        assert received == []
        os.kill(os.getpid(), signal.SIGTERM)  # and afterwards they are heard again
        time.sleep(0.05)
        assert received == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_an_empty_source_does_not_empty_a_published_site(tmp_path, capsys):
    """An unmounted drive or a mistyped --source looks like an empty folder."""
    source = archive(tmp_path)
    out = tmp_path / "out"
    assert build(capsys, source, out)[0] == 0
    before = snapshot(out)
    empty = tmp_path / "mnt"
    empty.mkdir()
    code, err = build(capsys, empty, out)
    assert code == 1 and "nothing to publish, but the site in" in err and "pass another --source" in err
    assert snapshot(out) == before
    # A new site may well start empty.
    assert build(capsys, empty, tmp_path / "new")[0] == 0
    assert (tmp_path / "new" / "index.html").exists()


def test_a_cache_folder_that_cannot_be_written_does_not_fail_the_build(tmp_path, capsys, monkeypatch):
    """Jinja raised when it could not save a compiled template into a read-only (or full)
    .sitegen-cache: 'template article.html failed: PermissionError', exit 1. As root, modes do
    not stop writes, so the refusal is simulated where every cache file is made."""
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, err = build(capsys, archive(tmp_path), tmp_path / "out")
    assert code == 0, err
    assert_good_published(tmp_path / "out")
    assert "Traceback" not in err


def test_a_cache_that_cannot_be_written_says_what_to_do(tmp_path, monkeypatch, caplog):
    """Each build repeats the warning: it must say how to stop it, not only that it happened."""
    import tempfile

    from sitegen import articles, cache
    from sitegen.config import load

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    entry = cache.Entry(size=1, mtime_ns=1, digest="d", result=("a.txt", "bad", None))
    cache.save(tmp_path / "cache" / "articles", cache.ArticleCache("k", {"a.txt": entry}))
    articles.cached_vocabulary(load(None, cwd=tmp_path), "k")
    warnings = [r.getMessage() for r in caplog.records if "could not write the cache" in r.getMessage()]
    assert len(warnings) == 2
    assert all("make its folder writable or pass --no-cache" in w for w in warnings)


def test_a_file_given_as_the_source_folder_is_called_a_file(tmp_path, capsys):
    source = archive(tmp_path)
    one = next(source.iterdir())
    code, err = build(capsys, one, tmp_path / "out")
    assert code == 2 and f"{one}: is a file, not a folder" in err


def test_a_second_build_into_the_same_output_waits_for_the_first(tmp_path, monkeypatch):
    """Two builds swapping files into one folder at once failed with 'File exists'."""
    source = archive(tmp_path)
    out = tmp_path / "out"
    cache = tmp_path / "cache"
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(cache))
    command = [sys.executable, "-m", "sitegen", "build", "--source", str(source), "--output", str(out)]
    with write.output_lock(out, cache):  # a first build, still writing
        process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        assert process.stderr is not None
        line = ""
        deadline = time.monotonic() + 60
        while "waiting" not in line and time.monotonic() < deadline:
            line = process.stderr.readline()
        assert f"another sitegen build is writing to {out}; waiting for it to finish" in line
        time.sleep(0.3)
        assert process.poll() is None and not out.exists()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert_good_published(out)


def test_an_article_dated_after_tomorrow_is_published_with_a_warning(tmp_path, capsys):
    """A year typed wrong (2042 for 2024) would head the home page for years without a word."""
    import datetime as dt

    source = archive(
        tmp_path,
        {
            "typo.txt": "19 أبريل 2042\nخبر بتاريخ خاطئ\n\nنص الخبر كاملا.\n",
            "zz-typo.txt": "3 مايو 2031\nخبر آخر بتاريخ خاطئ\n\nنص الخبر كاملا.\n",
        },
    )
    code, err = build(capsys, source, tmp_path / "o")
    assert code == 0 and "خبر-بتاريخ-خاطئ" in article_pages(tmp_path / "o")
    today = dt.date.today().isoformat()
    assert f"typo.txt: dated 2042-04-19, after today ({today}); it is listed first until then" in err
    assert f"zz-typo.txt: dated 2031-05-03, after today ({today})" in err
    assert err.count("after today") == 2  # the archive's other articles are from the past
    assert build(capsys, source, tmp_path / "o2", "--strict")[0] == 1
    assert main(["inspect", "--source", str(source), "--strict"]) == 1


def test_tomorrow_is_not_the_future_in_every_time_zone():
    import datetime as dt

    from sitegen.diagnostics import future_diagnostics
    from sitegen.model import Article, Site

    today = dt.date(2026, 12, 1)
    dated = [
        Article(source=f"{d}.txt", title="t", lang="ar", body=(), date=dt.date.fromisoformat(d), slug=d)
        for d in ("2026-12-04", "2026-12-03", "2026-12-02", "2026-12-01")
    ]
    undated = Article(source="undated.txt", title="t", lang="ar", body=(), slug="u")
    site = Site(articles=(*dated, undated))  # in listing order, as collect() makes it: newest first, undated last
    assert [d.file for d in future_diagnostics(site, today)] == ["2026-12-04.txt", "2026-12-03.txt"]


def test_a_long_first_line_that_ends_a_sentence_is_the_first_paragraph_not_the_title(tmp_path, capsys):
    line = "قال وزير الخارجية في مؤتمر صحفي عقده اليوم، بحضور نظيره الروسي، إن المحادثات " * 3 + "كانت مثمرة."
    assert 150 < len(line) <= 300
    pages, err = published(tmp_path, capsys, {"sentence.txt": line + "\n\nفقرة ثانية.\n"})
    assert f"sentence.txt:1: the first line is {len(line)} characters long, and it ends a sentence" in err
    (page,) = [html for slug, html in pages.items() if slug.startswith("قال")]
    assert f"<p>{line}</p>" in page and "<p>فقرة ثانية.</p>" in page
    short = "عنوان طويل بعض الشيء لكنه لا ينتهي بنقطة " * 4
    pages, err = published(tmp_path, capsys, {"sentence.txt": short + "\n\nفقرة.\n"})
    assert "too long for a title" not in err


@pytest.mark.parametrize(
    ("header", "said"),
    [
        ("date: 1875-05-27", "1875-05-27 is before 1900"),
        ("date = 1875-05-27", "1875-05-27 is before 1900"),  # TOML's own date
        ("date: 2150-01-01", "2150-01-01 is after 2100"),
    ],
)
def test_a_metadata_date_outside_the_years_sitegen_reads_is_not_called_impossible(tmp_path, capsys, header, said):
    """1875-05-27 exists: 'impossible date (no such month or day)' sent the user looking for a
    typo in a date that has none (an archive of old newspapers has such dates)."""
    fence = "+++" if " = " in header else "---"
    text = f"{fence}\ntitle{' = ' if fence == '+++' else ': '}'Old news'\n{header}\n{fence}\nThe body of old news.\n"
    pages, err = published(tmp_path, capsys, {"old.md": text})
    assert "The body of old news." in pages["old-news"]
    assert "no such month or day" not in err
    assert f"WARNING: old.md:3: {said}: sitegen reads dates from 1900 to 2100; the article is listed as undated" in err


def test_a_metadata_slug_without_letters_or_digits_is_said_to_be_ignored_not_replaced_by_nothing(tmp_path, capsys):
    """The warning said "slug '!!!' is not a safe URL segment; using ''": the article got the
    address of its title, not an empty one."""
    text = "---\ntitle: Exclaimed\nslug: '!!!'\ndate: 2024-04-19\n---\nThe body.\n"
    pages, err = published(tmp_path, capsys, {"bang.md": text})
    assert "The body." in pages["exclaimed"]
    assert "using ''" not in err
    assert "WARNING: bang.md:3: slug '!!!' has no letters or digits; ignored: the URL is made from the title" in err


def test_a_warning_about_a_toml_array_of_tables_names_the_line_of_its_key(tmp_path, capsys):
    """[[tags]] (a TOML array of tables, as Hugo exports write it) was looked for with one '['
    at most: its warnings named line 1 of the file."""
    text = (
        '+++\ntitle = "Tables of tags"\ndate = 2024-04-20\nlang = "en"\n\n[[images]]\nsrc = "lead.jpg"\n'
        'alt = "The harbour"\n\n[[tags]]\nname = "!!!"\n\n[[ tags ]]\nname = "Harbours"\n+++\nThe body stays.\n'
    )
    pages, err = published(tmp_path, capsys, {"tables.md": text})
    assert "The body stays." in pages["tables-of-tags"]
    assert "WARNING: tables.md:10: tag '!!!' has no letters or digits; ignored" in err
    assert "tables.md:7: the referenced file 'lead.jpg' does not exist" in err


@pytest.mark.parametrize("fence", ["---", "+++"])
def test_front_matter_after_blank_lines_is_read_as_the_header_with_its_lines_counted(tmp_path, capsys, fence):
    """Blank lines over the front matter (an export's, a copy-paste's) made it body text: the
    page showed 'title: ...' under a rule, titled with the file name, and the article undated."""
    sep = ": " if fence == "---" else " = "
    text = f"\n  \n{fence}\ntitle{sep}'Blank lines above'\ndate{sep}'2023-02-31'\n{fence}\nThe body stays.\n"
    pages, err = published(tmp_path, capsys, {"blank-top.md": text})
    page = pages["blank-lines-above"]
    assert "The body stays." in page and "title" not in page.split("<article", 1)[1].split("</article>")[0]
    assert "WARNING: blank-top.md:5: impossible date '2023-02-31'" in err


def test_a_file_name_with_a_line_break_or_a_direction_override_is_named_on_one_readable_line(tmp_path, capsys):
    """'x\\ny.txt' split its warning over two lines (a log reader saw 'y.txt: no date found'),
    and U+202E turned the rest of the line around on the terminal ('txt.etad-on: ...')."""
    files = {"x\ny.txt": "Undated one\n\nIts body.\n", "\u202eno-date.txt": "Undated two\n\nBody.\n"}
    source = archive(tmp_path, files)
    code, err = build(capsys, source, tmp_path / "o")
    assert code == 0
    assert "WARNING: x\\ny.txt: no date found" in err
    assert "WARNING: \\u202eno-date.txt: no date found" in err
    assert "\u202e" not in err and not any(line.startswith("y.txt") for line in err.splitlines())
    assert len(article_pages(tmp_path / "o")) == len(GOOD_PAGES) + 2


def test_an_output_folder_that_cannot_be_replaced_because_it_is_busy_is_said_to_be_busy(tmp_path, capsys, monkeypatch):
    """A bind mount on the same disk (which os.path.ismount cannot tell) or a folder a Windows
    program holds open refuses the rename with EBUSY: the advice was 'check that ... is
    writable', which it was."""
    source = archive(tmp_path)
    out = tmp_path / "site" / "out"
    assert build(capsys, source, out)[0] == 0
    before = snapshot(out)

    def busy(new: Path, output: Path) -> None:
        raise OSError(errno.EBUSY, "Device or resource busy", str(output))

    monkeypatch.setattr(write, "_swap", busy)
    code, err = build(capsys, source, out, "--no-cache")
    assert code == 1
    assert "(Device or resource busy); the output folder is in use: a mount point (a container's volume)" in err
    assert "writable" not in err and "The previous output is unchanged" in err
    assert snapshot(out) == before


@pytest.mark.parametrize("command", ["build", "inspect"])
def test_a_file_where_the_cache_folder_belongs_is_one_warning_and_the_site_is_built_without_a_cache(
    tmp_path, capsys, monkeypatch, command
):
    """A file named .sitegen-cache (a stray copy, a checkout) ended the build with a traceback
    (NotADirectoryError) after a warning for each of the 64 shards of the article cache."""
    source, out = archive(tmp_path), tmp_path / "o"
    blocked = tmp_path / ".sitegen-cache"
    blocked.write_text("not a folder")
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(blocked))
    capsys.readouterr()
    code = main([command, "--source", str(source), *(["--output", str(out)] if command == "build" else [])])
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err
    assert err.count(str(blocked)) == 1
    assert f"WARNING: {blocked}: is a file, not a folder: sitegen keeps its cache there" in err
    if command == "build":
        assert_good_published(out)
    assert blocked.read_text() == "not a folder"


def test_a_markdown_title_of_punctuation_only_is_warned_about_as_a_plain_text_one_is(tmp_path, capsys):
    """A plain-text title of punctuation was warned about (its URL comes from the file name); a
    Markdown one (title: '---', '؟؟؟') was published at the file name's address without a word."""
    pages, err = published(tmp_path, capsys, {"dashes.md": "---\ntitle: '---'\ndate: 2024-04-19\n---\nThe body.\n"})
    assert "The body." in pages["dashes"]
    assert "WARNING: dashes.md:2: the title has no letters or digits; the URL is made from the file name" in err


ISO_ARABIC = (
    "علاقات روسية باكستانية متنامية\n\nفي يومي 6 و7 أبريل الجاري، زار وزير الخارجية الروسي العاصمة "
    "الباكستانية، وقال إن العلاقات بين البلدين تشهد تطورا كبيرا في مجالات الطاقة والتجارة والنقل.\n"
)


def test_arabic_in_iso_8859_6_is_read_as_written_with_a_warning_naming_the_encoding(tmp_path, capsys):
    """ISO-8859-6, the Arabic of old Unix systems and web archives, was decoded as Windows-1256:
    'ظناâات رèسêة' for 'علاقات روسية', published with a warning that named Windows-1256."""
    pages, err = published(tmp_path, capsys, {"iso.txt": ISO_ARABIC.encode("iso8859_6")})
    page = pages["علاقات-روسية-باكستانية-متنامية"]
    assert "زار وزير الخارجية الروسي العاصمة الباكستانية" in page
    assert "WARNING: iso.txt: not UTF-8; decoded as ISO-8859-6 (Arabic) (re-save as UTF-8 to be sure)" in err


@pytest.mark.parametrize(
    "text",
    [ISO_ARABIC, "Le café de la gare ferme.\n\nمقهى المحطة يغلق أبوابه اليوم.\n", "الوضع\n\nكتب أحمد.\n"],
)
def test_windows_1256_text_is_not_taken_for_iso_8859_6(text):
    assert read.decode(text.encode("cp1256"), "w.txt")[:2] == (text, "windows-1256")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (ISO_ARABIC, "زار وزير الخارجية الروسي العاصمة الباكستانية"),
        ("Talks resume\n\nThe ministers don’t agree — yet. “We’ll see,” one said in the café.\n", "don’t agree"),
    ],
)
def test_text_encoded_as_utf_8_twice_is_read_as_the_text_it_stands_for_with_a_warning(tmp_path, capsys, text, shown):
    """Text saved as UTF-8 after being read as Windows-1252 (scraped pages, old CMS exports) was
    published as it looked: 'Ø¹Ù„Ø§Ù‚Ø§Øª' for 'علاقات', 'donâ€™t' for 'don’t', without a word."""
    # Read as Windows-1252 as browsers read it (a byte it leaves undefined is that C1 control).
    twice = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode()).encode()
    pages, err = published(tmp_path, capsys, {"twice.txt": twice})
    page = next(iter(p for slug, p in pages.items() if slug not in GOOD_PAGES))
    assert shown in page and "Ø" not in page and "â€" not in page
    assert "WARNING: twice.txt: the text was encoded as UTF-8 twice" in err


def encoded_twice(text: str) -> bytes:
    """text saved as UTF-8 after being read as Windows-1252, as browsers read it (a byte it leaves
    undefined is that C1 control)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode()).encode()


@pytest.mark.parametrize(
    "text",
    [
        "Talks resume\n\nThe minister said he doesn’t know.\n",  # one character, inside a word
        "Talks resume\n\nThe ministers met — and parted.\n",  # one dash, between spaces as a dash stands
        "Talks resume\n\nThe bill cost 5 €.\n",
    ],
)
def test_text_encoded_twice_with_a_single_character_in_its_place_is_still_read_as_the_text_it_stands_for(text):
    assert read.decode(encoded_twice(text), "twice.txt")[0] == text


@pytest.mark.parametrize(
    "text",
    [
        "Encodings\n\nOld pages show `â€™` where an apostrophe was meant.\n",
        'Encodings\n\nOld pages show "â€™" where an apostrophe was meant.\n',
        "Encodings\n\nOld pages show 'donâ€™t' for don't.\n",
        "Encodings\n\nOld pages show (Ã©) for an accented e.\n",
        "Encodings\n\nOld pages show `â€œ` and `â€™` for quotes, and `Ã©` for an accented e.\n",
        "# Encodings\n\nArabic turns into `Ø¹Ù„Ø§Ù‚Ø§Øª`.\n",
    ],
)
def test_a_quoted_sample_of_text_encoded_twice_in_clean_text_is_kept_as_written(text):
    """An article on encodings that quotes 'â€™' (its only characters beyond ASCII) was
    'repaired' to '’', with a warning that the whole file was encoded twice."""
    decoded, encoding, notes = read.decode(text.encode(), "encodings.md")
    assert (decoded, encoding, notes) == (text, "utf-8", [])


def test_a_lone_sequence_that_reads_as_text_encoded_twice_is_kept_and_noted_with_its_line():
    text = "Encodings\n\nThe apostrophe showed up as â€™ in the feed.\n"
    decoded, _, notes = read.decode(text.encode(), "encodings.txt")
    assert decoded == text
    (note,) = notes
    assert (note.file, note.line, note.level) == ("encodings.txt", 3, "info")
    assert note.message == (
        "'â€™' reads as '’' encoded as UTF-8 twice, but no other text around it is, so it is kept as written "
        "(if it is a mistake, write '’')"
    )


def test_an_article_quoting_a_sample_of_text_encoded_twice_is_published_as_written(tmp_path, capsys):
    text = "Why pages show odd letters\n\nA page read in the wrong encoding writes `â€™` for an apostrophe.\n"
    pages, err = published(tmp_path, capsys, {"encodings.txt": text})
    assert "writes `â€™` for an apostrophe." in pages["why-pages-show-odd-letters"]
    assert "encoded as UTF-8 twice" not in err


def test_nul_bytes_padding_the_end_of_a_text_file_are_removed_and_the_article_published(tmp_path, capsys):
    """A crash or a fixed-size export leaves NUL bytes after the text: the whole article was
    skipped as a binary file. A NUL inside the text still makes a file binary."""
    text = "الجمعة 19 أبريل 2024\n\nخبر بحشو في آخره\n\nنص الخبر كامل قبل الحشو.\n"
    pages, err = published(tmp_path, capsys, {"padded.txt": text.encode() + b"\x00" * 4096})
    assert "نص الخبر كامل قبل الحشو." in pages["خبر-بحشو-في-آخره"]
    assert "WARNING: padded.txt:5: 4096 NUL bytes after the end of the text removed" in err
    code, err = build(capsys, archive(tmp_path, {"inside.txt": b"Title\x00\n\nBody\n" + b"\x00" * 8}), tmp_path / "o2")
    assert code == 0 and "ERROR: inside.txt:1: skipped: binary file (contains NUL bytes)" in err


@pytest.mark.parametrize("opening", ["<!DOCTYPE html>", "<!doctype html>\n<html lang='ar'>", "<html>"])
def test_a_whole_web_page_saved_as_markdown_is_published_with_a_warning_that_says_so(tmp_path, capsys, opening):
    """A saved web page renamed .md was published with its menu and footer as text, titled with
    the file name though it has a <title>, and only warnings about its script and links said
    anything: none that it is a web page."""
    page = (
        f"{opening}\n<head><title>Cairo summit opens</title></head>\n<body><nav><a href='x.md'>Home</a></nav>\n"
        "<h1>Cairo summit opens</h1><p>The summit opened today.</p></body></html>\n"
    )
    pages, err = published(tmp_path, capsys, {"saved.md": page})
    assert "The summit opened today." in pages["saved"]
    assert (
        "WARNING: saved.md:1: the file is a whole web page, not Markdown: its menus and footer are published "
        "as text and its <title> is not the title; save the article's own text as .md (with 'title:') or .txt"
    ) in err


@pytest.mark.parametrize(
    "text",
    [
        "Talks go on\n\nThe minister spoke vis-\u00e0-vis the deal on Monday.\n",
        "A new menu\n\nThe restaurant now serves dishes \u00e0 la carte.\n",
    ],
)
def test_windows_1252_text_with_a_lone_a_grave_is_not_taken_for_iso_8859_6(text):
    """'vis-à-vis' and 'à la carte' hold the only non-ASCII byte of many an English text; as
    ISO-8859-6 that byte is a tatweel ('vis-ـ-vis'), beside no Latin letter."""
    assert read.decode(text.encode("cp1252"), "w.txt")[:2] == (text, "windows-1252")


@pytest.mark.parametrize(
    "text",
    [
        "\n\n---\nCorrection: an earlier version of this article gave the wrong date.\n---\n\n"
        "# Talks resume\n\nThe body.\n",
        "\n\n---\nUpdate: the talks resumed on Monday.\n\n# Talks resume\n\nThe body.\n",
    ],
)
def test_a_rule_under_blank_lines_over_a_line_of_prose_with_a_colon_stays_body_text(tmp_path, capsys, text):
    """'Correction: ...' or 'Update: ...' under a rule at the top of a Markdown article is prose,
    not a header: read as front matter, the line vanished (a key nobody reads) or the whole
    article was skipped as a header never closed."""
    pages, err = published(tmp_path, capsys, {"note.md": text})
    page = next(iter(p for slug, p in pages.items() if slug not in GOOD_PAGES))
    assert "the wrong date." in page or "the talks resumed on Monday." in page
    assert "ERROR: note.md" not in err


def test_nul_bytes_padding_a_utf_8_file_with_a_byte_order_mark_are_removed_too(tmp_path, capsys):
    """Notepad saved UTF-8 with a byte-order mark for years: such a file padded with NULs was
    still skipped as a binary file, where one without the mark is published."""
    text = "الجمعة 19 أبريل 2024\n\nخبر بحشو في آخره\n\nنص الخبر كامل قبل الحشو.\n"
    data = b"\xef\xbb\xbf" + text.encode() + b"\x00" * 512
    pages, err = published(tmp_path, capsys, {"padded.txt": data})
    assert "نص الخبر كامل قبل الحشو." in pages["خبر-بحشو-في-آخره"]
    assert "WARNING: padded.txt:5: 512 NUL bytes after the end of the text removed" in err


def test_text_encoded_as_utf_8_twice_behind_a_byte_order_mark_is_read_as_the_text_it_stands_for(tmp_path, capsys):
    """Such text re-saved in Notepad gets a UTF-8 byte-order mark: it was published as it looked
    ('Ø¹Ù„Ø§Ù‚Ø§Øª'), where the same bytes without the mark are read as the text they stand for."""
    twice = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in ISO_ARABIC.encode())
    pages, err = published(tmp_path, capsys, {"twice.txt": b"\xef\xbb\xbf" + twice.encode()})
    assert "زار وزير الخارجية الروسي العاصمة الباكستانية" in pages["علاقات-روسية-باكستانية-متنامية"]
    assert "WARNING: twice.txt: the text was encoded as UTF-8 twice" in err
