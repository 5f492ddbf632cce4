"""Unit tests for sitegen.markup: metadata headers and sanitized Markdown."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.arabic import split_tags
from sitegen.errors import SourceError
from sitegen.markup import (
    Changed,
    Metadata,
    changed_diagnostics,
    headings_in_order,
    markdown_in_blocks,
    nested_lists_by_four,
    render_body,
    render_markdown,
    split_metadata,
)

# --- split_metadata: YAML front matter ----------------------------------------------------------


def test_yaml_front_matter_gives_fields_body_and_body_line() -> None:
    meta = split_metadata("---\nTitle: Hello\nLang: en\n---\nFirst paragraph.\n")
    assert meta.fields == {"title": "Hello", "lang": "en"}
    assert meta.body == "First paragraph.\n"
    assert meta.body_line == 5


def test_yaml_front_matter_can_close_with_three_dots() -> None:
    meta = split_metadata("---\ntitle: A\n...\nbody")
    assert meta.fields == {"title": "A"}
    assert meta.body == "body"


def test_yaml_keys_are_lowercased_and_lines_are_one_based_file_lines() -> None:
    meta = split_metadata("---\nTitle: A\n\nDATE: 2024-04-19\n---\n")
    assert meta.lines == {"title": 2, "date": 4}


def test_yaml_date_stays_the_string_typed() -> None:
    meta = split_metadata("---\ndate: 2024-04-19\nupdated: 2024-04-19 10:30:00\n---\n")
    assert meta.fields["date"] == "2024-04-19"
    assert meta.fields["updated"] == "2024-04-19 10:30:00"


@pytest.mark.parametrize("typed", ["no", "yes", "off", "true", "1.10", "0755", "'null'", '"~"'])
def test_yaml_scalars_are_never_converted_to_bool_or_number_and_quoted_null_is_text(typed: str) -> None:
    assert split_metadata(f"---\nx: {typed}\n---\n").fields["x"] == typed.strip("'\"")


@pytest.mark.parametrize("null", ["~", "null", "Null", "NULL"])
def test_yaml_plain_null_is_no_value_as_jekyll_and_hugo_read_it(null: str) -> None:
    meta = split_metadata(f"---\ndescription: {null}\ntags: {null}\nauthors: [a, {null}]\n---\n")
    assert meta.fields == {"description": "", "tags": (), "authors": ("a",)}


def test_yaml_empty_value_is_empty_string() -> None:
    assert split_metadata("---\nsummary:\n---\n").fields["summary"] == ""


def test_yaml_list_becomes_tuple_of_strings() -> None:
    meta = split_metadata("---\ntags:\n  - روسيا\n  - 2024\n  - no\nauthors: [a, b]\n---\n")
    assert meta.fields["tags"] == ("روسيا", "2024", "no")
    assert meta.fields["authors"] == ("a", "b")


def test_yaml_tags_given_as_text_are_split_on_commas() -> None:
    assert split_metadata("---\ntags: روسيا، باكستان, UN\n---\n").fields["tags"] == (
        "روسيا",
        "باكستان",
        "UN",
    )


def test_yaml_syntax_error_raises_source_error_with_file_line() -> None:
    with pytest.raises(SourceError) as caught:
        split_metadata("---\ntitle: ok\nbad: [unclosed\n---\nbody")
    assert caught.value.line is not None
    assert caught.value.line >= 3
    assert "YAML" in caught.value.reason


def test_yaml_mapping_value_in_wrong_place_reports_its_line() -> None:
    with pytest.raises(SourceError) as caught:
        split_metadata("---\ntitle: a\nsummary: b: c\n---\n")
    assert caught.value.line == 3


def test_yaml_list_document_is_not_a_header() -> None:
    with pytest.raises(SourceError, match="mapping"):
        split_metadata("---\n- a\n- b\n---\n")


def test_yaml_nested_mapping_value_is_rejected() -> None:
    with pytest.raises(SourceError, match="nested") as caught:
        split_metadata("---\ntitle: a\nsummary: {name: b}\n---\n")
    assert caught.value.line == 3


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: a\nparams:\n  image: x.jpg\n  alt: b\nmenu:\n  main:\n    weight: 2\n---\nBody.",
        '+++\ntitle = "a"\n[params]\nimage = "x.jpg"\n[menu.main]\nweight = 2\n+++\nBody.',
        '{\n  "title": "a",\n  "params": {"image": "x.jpg"},\n  "menu": [{"main": 1}]\n}\nBody.',
    ],
)
def test_a_nested_value_under_a_key_that_is_not_read_is_kept_empty_not_an_error(text: str) -> None:
    meta = split_metadata(text, read={"title"})
    assert meta.fields == {"title": "a", "params": "", "menu": ""}
    assert meta.lines["params"] == 3 and meta.body == "Body."


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("---\ntitle: a\ncover:\n  image: x.jpg\n  Alt: b\n---\nBody.", {"cover.image": 4, "cover.alt": 5}),
        ('+++\ntitle = "a"\n[cover]\nimage = "x.jpg"\nalt = "b"\n+++\nBody.', {"cover.image": 4, "cover.alt": 5}),
        ('+++\ntitle = "a"\ncover = { image = "x.jpg", alt = "b" }\n+++\nBody.', {"cover.image": 3, "cover.alt": 3}),
        (
            '{\n  "title": "a",\n  "cover": {"image": "x.jpg",\n  "alt": "b"}\n}\nBody.',
            {"cover.image": 3, "cover.alt": 4},
        ),
    ],
)
def test_a_lead_image_table_is_read_as_key_dot_subkey_fields_with_their_lines(text: str, lines: dict[str, int]) -> None:
    """Hugo's PaperMod writes cover: {image, alt, caption}, Jekyll's Chirpy image: {path, alt}."""
    meta = split_metadata(text, read={"title"})
    assert meta.fields == {"title": "a", "cover.image": "x.jpg", "cover.alt": "b"}
    assert {key: meta.lines[key] for key in lines} == lines and meta.body == "Body."


def test_a_repeated_key_in_a_lead_image_table_is_an_error_with_its_line() -> None:
    with pytest.raises(SourceError, match=r"'image\.path' appears twice") as caught:
        split_metadata("---\ntitle: a\nimage:\n  path: x.jpg\n  path: y.jpg\n---\n")
    assert caught.value.line == 5


def test_a_nested_value_under_a_key_that_is_read_is_still_an_error_with_its_line() -> None:
    with pytest.raises(SourceError, match="nested") as caught:
        split_metadata("---\ntitle: a\nsummary: {name: b}\n---\n", read={"title", "summary"})
    assert caught.value.line == 3


def test_yaml_front_matter_never_closed_is_an_error_on_line_1() -> None:
    with pytest.raises(SourceError, match="never closed") as caught:
        split_metadata("---\ntitle: a\nbody text\n")
    assert caught.value.line == 1


def test_yaml_python_tags_build_no_objects() -> None:
    meta = split_metadata("---\nx: !!python/object/apply:os.system ['true']\n---\n")
    assert meta.fields["x"] == ("true",)


def test_empty_yaml_front_matter_gives_no_fields() -> None:
    meta = split_metadata("---\n---\nbody")
    assert meta == Metadata(fields={}, lines={}, body="body", body_line=3)


def test_duplicate_key_is_an_error_naming_both_lines() -> None:
    with pytest.raises(SourceError, match="line 2") as caught:
        split_metadata("---\ntitle: a\nTitle: b\n---\n")
    assert caught.value.line == 3


# --- split_metadata: Pelican / MultiMarkdown header ---------------------------------------------


def test_pelican_header_ends_at_first_blank_line() -> None:
    meta = split_metadata("Title: Hello\nDate: 2024-04-19\n\nBody line.\n")
    assert meta.fields == {"title": "Hello", "date": "2024-04-19"}
    assert meta.lines == {"title": 1, "date": 2}
    assert meta.body == "Body line.\n"
    assert meta.body_line == 4


def test_pelican_continuation_line_belongs_to_previous_key() -> None:
    meta = split_metadata("Summary: first half\n    second half\nLang: ar\n\nbody")
    assert meta.fields["summary"] == "first half second half"
    assert meta.lines["lang"] == 3


def test_pelican_tags_split_on_arabic_comma_semicolon_and_continuation() -> None:
    meta = split_metadata("Tags: روسيا، باكستان; الأمم المتحدة,\n  مجلس الأمن\n  بوتين\n\nx")
    assert meta.fields["tags"] == ("روسيا", "باكستان", "الأمم المتحدة", "مجلس الأمن", "بوتين")


@pytest.mark.parametrize("key", ["tag", "keywords", "Tags"])
def test_every_tag_key_is_split(key: str) -> None:
    assert split_metadata(f"{key}: a, b\n\nx").fields[key.lower()] == ("a", "b")


def test_tags_drop_empty_items() -> None:
    assert split_tags(" a ,, ،b ;") == ("a", "b")


def test_pelican_header_may_end_the_file() -> None:
    meta = split_metadata("Title: Only a header")
    assert meta.fields == {"title": "Only a header"}
    assert meta.body == ""


def test_pelican_non_header_line_ends_the_header_early() -> None:
    meta = split_metadata("Title: A\nThis line is text.\n\nMore.")
    assert meta.fields == {"title": "A"}
    assert meta.body == "This line is text.\n\nMore."
    assert meta.body_line == 2


def test_pelican_key_allows_digits_dash_and_underscore() -> None:
    assert split_metadata("Modified-Date_2: x\n\n").fields == {"modified-date_2": "x"}


def test_crlf_line_endings_are_tolerated() -> None:
    meta = split_metadata("Title: A\r\nLang: en\r\n\r\nbody")
    assert meta.fields == {"title": "A", "lang": "en"}


def test_note_colon_then_blank_line_is_a_header_by_the_pelican_rule() -> None:
    # Documented ambiguity: a single ASCII word, a colon and a space on the first line is a key.
    meta = split_metadata("Note: something\n\nThe article.")
    assert meta.fields == {"note": "something"}
    assert meta.body == "The article."


@pytest.mark.parametrize(
    "text",
    [
        "Breaking: Earthquake hits southern Turkey\n\nThe quake struck at dawn.",
        "Note: read this\nSource: Reuters\n\nText.",
    ],
)
def test_a_header_without_one_known_key_is_the_body(text: str) -> None:
    meta = split_metadata(text, known={"title", "date"})
    assert (meta.fields, meta.body, meta.body_line) == ({}, text, 1)


def test_a_header_with_a_known_key_keeps_its_unknown_ones_as_metadata() -> None:
    meta = split_metadata("Title: A\nColour: red\n\nText.", known={"title", "date"})
    assert meta.fields == {"title": "A", "colour": "red"} and meta.body == "Text."


# --- split_metadata: no header ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "الجمعة - 19 أبريل 2024\n\nعنوان\n\nنص",  # the seeds' layout
        "Friday - 19 April 2024\n\nTitle",
        "العنوان: خبر\n\nنص",  # Arabic key: not a header (ASCII keys only)
        "Two words: no\n\nbody",  # a key has no spaces
        "http://example.com\n\nbody",  # no space after the colon
        "12:30 meeting\n\nbody",  # keys start with a letter
        "\nTitle: after a blank line\n",  # the header must be at the very top
        "",
        "{\nnot a key\n}\n\nbody",  # braces without a JSON key under them
    ],
)
def test_text_without_a_header_is_all_body(text: str) -> None:
    meta = split_metadata(text)
    assert meta.fields == {}
    assert meta.lines == {}
    assert meta.body == text
    assert meta.body_line == 1


# --- split_metadata: TOML and JSON front matter (Hugo) ---------------------------------------------


def test_toml_front_matter_gives_the_fields_as_the_yaml_header_would() -> None:
    text = (
        '+++\ntitle = "محادثات في الدوحة"\ndate = 2024-04-19T10:30:00+03:00\ntags = ["قطر", "Gaza Strip"]\n'
        'draft = false\nweight = 3\n"lastmod" = 2024-04-20\n+++\n\nBody.\n'
    )
    meta = split_metadata(text)
    assert meta.fields == {
        "title": "محادثات في الدوحة",
        "date": "2024-04-19T10:30:00+03:00",
        "tags": ("قطر", "Gaza Strip"),
        "draft": "false",
        "weight": "3",
        "lastmod": "2024-04-20",
    }
    assert meta.lines == {"title": 2, "date": 3, "tags": 4, "draft": 5, "weight": 6, "lastmod": 7}
    assert (meta.body, meta.body_line) == ("\nBody.\n", 9)


def test_json_front_matter_gives_the_fields_as_the_yaml_header_would() -> None:
    text = '{\n  "title": "Talks resume in Doha",\n  "date": "2024-04-19",\n  "tags": ["qatar", "gaza"]\n}\n\nBody.'
    meta = split_metadata(text)
    assert meta.fields == {"title": "Talks resume in Doha", "date": "2024-04-19", "tags": ("qatar", "gaza")}
    assert meta.lines == {"title": 2, "date": 3, "tags": 4}
    assert (meta.body, meta.body_line) == ("\nBody.", 6)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('+++\ntitle = "a"\ndate = 19 April\n+++\n', 3, "not valid TOML"),
        ('+++\ntitle = "a"\n', 1, "never closed"),
        ('+++\ntitle = "a"\n[params]\nx = 1\n+++\n', 3, "nested structure"),
        ('{\n  "title": "a",\n  "date": 2024-04-19\n}\n', 3, "not valid JSON"),
        ('+++\ntitle = "a"\nTitle = "b"\n+++\n', 3, "appears twice"),
        # a text or list never closed: the line that opened it, not the end of the header
        ('+++\ntitle = "x\n+++\n', 2, "Unterminated string"),
        ('+++\nt = "a"\ntags = ["a",\nx = 1\n+++\n', 3, "not valid TOML"),
        ("---\ntitle: T\ntags: [a, b\ndate: 2024-01-01\n---\n", 3, "flow sequence opened on this line"),
        ('---\ntitle: "unclosed\ndate: x\n---\n', 2, "quoted scalar opened on this line"),
        ("---\ntitle: [broken\n---\n", 2, "not valid YAML"),
        ("---\ntitle: x\n bad: y\n---\n", 3, "not valid YAML"),
    ],
)
def test_broken_front_matter_is_an_error_with_its_line(text: str, line: int, words: str) -> None:
    with pytest.raises(SourceError) as info:
        split_metadata(text)
    assert info.value.line == line and words in str(info.value)


# --- render_markdown: sanitization --------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>text", "alert"),
        ('<iframe src="https://evil.example">fallback</iframe>', "iframe"),
        ('<iframe src="https://evil.example">fallback</iframe>', "fallback"),
        ('<img src="x.png" alt="a" onerror="alert(1)">', "onerror"),
        ("[x](javascript:alert(1))", "javascript"),
        ("[x](JaVaScRiPt:alert(1))", "alert"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "alert"),
        ('<a href="java&#x09;script:alert(1)">x</a>', "alert"),
        ('<a href="vbscript:msgbox(1)">x</a>', "vbscript"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
        ("![x](data:image/png;base64,AAAA)", "data:"),
        ('<p style="color:red">x</p>', "style"),
        ('para\n{: style="color:red" onclick="x()" }', "onclick"),
        ('<object data="x.swf"></object><embed src="x.swf">', "swf"),
        ('<form action="/x"><input name="q"></form>', "input"),
        ("<style>body{display:none}</style>", "display"),
        ("<!-- secret -->", "secret"),
        ('<span dir="evil" lang="ar">x</span>', "evil"),
    ],
)
def test_dangerous_html_is_removed(source: str, forbidden: str) -> None:
    assert forbidden.lower() not in render_markdown(source).lower()


def test_link_with_dangerous_scheme_keeps_its_text_as_plain_text() -> None:
    """An <a> without href is a link search engines cannot follow (Lighthouse SEO flags it)."""
    assert render_markdown("[click](javascript:alert(1)) [x](data:text/html,hi)") == "<p>click x</p>"


def test_a_link_without_address_becomes_text_and_an_anchor_target_keeps_its_id() -> None:
    html = render_markdown('<a>bare</a> [ok](https://x.org) <a id="n" title="t">here</a> [to](#n)')
    assert html == (
        '<p>bare <a href="https://x.org" rel="noopener noreferrer">ok</a> '
        '<span id="n" title="t">here</span> <a href="#n">to</a></p>'
    )


def test_external_links_get_noopener_noreferrer() -> None:
    html = render_markdown("[a](https://example.com) [b](//example.com/x)")
    assert html.count('rel="noopener noreferrer"') == 2


def test_internal_and_mailto_links_get_no_rel() -> None:
    html = render_markdown("[a](/articles/x/) [b](../y) [c](#top) [d](mailto:a@example.com)")
    assert "rel=" not in html
    assert 'href="/articles/x/"' in html
    assert 'href="mailto:a@example.com"' in html


def test_author_rel_is_replaced_not_kept() -> None:
    html = render_markdown('<a href="https://example.com" rel="opener">x</a>')
    assert "opener" not in html.replace("noopener", "")


# --- render_markdown: what survives -------------------------------------------------------------


def test_h1_is_demoted_to_h2() -> None:
    html = render_markdown("# Heading\n\n<h1>Raw</h1>")
    assert "<h1" not in html
    assert "<h2>Heading</h2>" in html
    assert "<h2>Raw</h2>" in html


def test_lower_headings_are_kept() -> None:
    assert render_markdown("### Sub") == "<h3>Sub</h3>"


def test_a_body_skips_no_heading_level_under_the_page_title() -> None:
    html = render_markdown("### Damage\n\n#### Homes\n\n## Aid\n\n#### Food {#food}\n\n<h6>raw</h6>\n\n## End")
    assert re.findall(r"<(h\d)[^>]*>(\w+)</\1>", headings_in_order(html)) == [
        ("h2", "Damage"), ("h3", "Homes"), ("h2", "Aid"), ("h3", "Food"), ("h4", "raw"), ("h2", "End"),
    ]  # fmt: skip
    assert 'id="food"' in headings_in_order(html)
    in_order = "<h2>A</h2>\n<h3>B</h3>\n<h2>C</h2>"
    assert headings_in_order(in_order) == in_order


def test_markdown_after_a_blank_line_inside_an_html_block_is_read_as_markdown() -> None:
    html = render_markdown(
        "<details>\n<summary>More</summary>\n\nHidden *details* and [a link](https://x.org).\n\n- one\n\n</details>\n\n"
        '<div class="note"><summary>x</summary>\n\n**Note:** text\n\n</div>\n\n'
        "```\n<div>\n\n*code*\n```\n"
    )
    assert "<summary>More</summary>\n<p>Hidden <em>details</em> and <a href=" in html
    assert "<li>one</li>" in html and "<p><strong>Note:</strong> text</p>" in html
    assert "&lt;div&gt;\n\n*code*" in html  # code stays as typed
    assert 'markdown="1"' not in html


def test_an_html_block_without_a_blank_line_stays_raw_html() -> None:
    assert markdown_in_blocks("<div>\n*raw*\n</div>\n\ntext") == "<div>\n*raw*\n</div>\n\ntext"
    assert markdown_in_blocks('<div markdown="0">\n\n*x*\n</div>') == '<div markdown="0">\n\n*x*\n</div>'


def test_lists_survive() -> None:
    html = render_markdown("- one\n- two\n\n1. first\n2. second")
    assert "<ul>" in html
    assert "<ol>" in html
    assert html.count("<li>") == 4


def test_a_list_numbered_in_arabic_indic_digits_starts_at_the_number_it_was_typed_with() -> None:
    """Python-Markdown reads "٣." as an item and keeps its number as typed, start="٣", which the
    sanitizer took for a bad value and dropped: the list the author began at ٣ showed 1, 2. A
    list typed in plain text shows ٣ as typed; the Markdown one now starts there too."""
    assert '<ol start="3">' in render_markdown("البنود:\n\n٣. أ\n٤. ب\n")
    assert '<ol start="12">' in render_markdown("البنود:\n\n۱۲. أ\n۱۳. ب\n")  # Persian digits
    assert '<li value="5">' in render_markdown('<ol><li value="٥">أ</li></ol>')


def test_tables_survive_without_obsolete_or_style_attributes() -> None:
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert '<table tabindex="0">' in html
    assert "<th>a</th>" in html
    assert "<td>2</td>" in html
    assert "style" not in html
    assert "align" not in html


def test_fenced_code_keeps_language_class_and_escapes_content() -> None:
    html = render_markdown("```python\nx = '<b>'\n```")
    assert '<code class="language-python">' in html
    assert "&lt;b&gt;" in html


def test_inline_code_survives() -> None:
    assert render_markdown("use `<script>` here") == "<p>use <code>&lt;script&gt;</code> here</p>"


def test_links_and_images_with_alt_survive() -> None:
    html = render_markdown('[site](https://example.com "T") ![خريطة](map.png)')
    assert 'href="https://example.com"' in html
    assert 'title="T"' in html
    assert '<img alt="خريطة" src="map.png">' in html


def test_image_without_alt_gets_empty_alt() -> None:
    assert render_markdown('<img src="a.png">') == '<p><img src="a.png" alt=""></p>'


def test_image_whose_src_was_removed_is_dropped() -> None:
    assert "<img" not in render_markdown("![x](javascript:alert(1))")


def test_dir_and_lang_are_kept() -> None:
    html = render_markdown('<div dir="ltr" lang="en">\n\nx\n\n</div>\n\n<span dir="rtl">ع</span>')
    assert '<div dir="ltr" lang="en">' in html
    assert '<span dir="rtl">' in html


def test_emphasis_blockquote_and_hr_survive() -> None:
    html = render_markdown("> *a* **b**\n\n---")
    assert "<blockquote>" in html
    assert "<em>a</em>" in html
    assert "<strong>b</strong>" in html
    assert "<hr>" in html


def test_footnotes_survive_without_english_backlink_title() -> None:
    html = render_markdown("text[^1]\n\n[^1]: note")
    assert 'href="#fn:1"' in html
    assert 'id="fn:1"' in html
    assert "Jump back" not in html


def test_output_uses_html5_void_elements_not_xhtml() -> None:
    html = render_markdown("a  \nb\n\n---")
    assert "<br>" in html
    assert "/>" not in html


def test_arabic_quotes_are_not_smartened() -> None:
    html = render_markdown('قال "نعم"')
    assert "\u201c" not in html
    assert "&ldquo;" not in html


def test_reused_converter_leaks_nothing_between_articles():
    first = "Text[^1] with *ABC* and [a link][ref].\n\n[^1]: A footnote.\n[ref]: https://example.org/\n*[ABC]: Alphabet"
    render_markdown(first)
    second = render_markdown("Plain [ref] and ABC and [^1].")
    assert "footnote" not in second and "example.org" not in second and "<abbr" not in second
    assert render_markdown("Plain [ref] and ABC and [^1].") == second


_FEATURES = {
    "fenced code": "Text\n\n```\ncode <b>\n```\n",
    "tilde fence": "~~~\nx = 1\n~~~\n",
    "footnote": "A claim[^1].\n\n[^1]: The source.\n",
    "attribute list": "# Title {: #top .big }\n\nPara {: lang=ar }\n",
    "definition list": "Term\n:   The definition\n\nOther\n: another\n",
    "table": "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "abbreviation": "The UN met.\n\n*[UN]: United Nations\n",
    "markdown in html": '<div markdown="1">\n*emphasis* inside\n</div>\n',
    "raw html": "<p>para</p>\n\n<aside>note</aside>\n",
    "plain": "## عنوان\n\n* one\n* two\n\n1. first\n3. second\n\n> quote with **bold** and [a link](https://example.org)\n",
    "colon in prose": "Note: not a definition\n\nA line\n: but this one is\n",
    "code span and escapes": "Use `x < y` and \\*not emphasis\\* or \\\\`\n",
    "image and reference": "![alt](/a.png) and [ref][r] and [r]\n\n[r]: https://example.org\n",
    "autolink, mail, inline html, entity": "<https://example.org> <a@b.org> <b>bold</b> &amp; &#39;\n",
    "emphasis": "*em* _em_ **strong** __strong__\n",
    "line break by spaces and by tab": "one  \ntwo\t\nthree\n",
    # Found by fuzzing: raw HTML, quote markers and indentation are taken off before some syntax
    # is looked for, so characters apart in the file may meet.
    "definition after a comment": "<!-- c -->:  \n    ",
    "definition indented in a footnote": "[^1]: note  \n    :  x\n\nText[^1]\n",
    "abbreviation across a comment": 'x\n<!-- c -->>*<!-- c -->[^1]]`[a <div markdown="1">`\n|~~~\t~~~``\t\na',
}


@pytest.mark.parametrize("name", sorted(_FEATURES))
def test_only_the_extensions_a_body_uses_give_the_same_html_as_all_of_extra(name: str) -> None:
    import markdown

    from sitegen import markup

    body = _FEATURES[name]
    everything = markdown.Markdown(
        extensions=list(markup._EXTENSIONS), extension_configs=markup._EXTENSION_CONFIGS, output_format="html"
    )
    assert markup._converter_for(body).reset().convert(body) == everything.convert(body)


_PIECES = ["*", "**", "_", "[", "]", "(", ")", "!", "<", ">", "&", "&#39;", "\\", "`", " ", "  ", "\n", "\n\n", "\t"]
_PIECES += ["word", "كلمة", "http://x.org", "<b>", "</b>", "<http://a.b>", "<a@b.c>", "[x]: http://y", "[^1]"]
_PIECES += ["[^1]: note", "{: .c}", "|", "---", "# ", "> ", "- ", "1. ", ":", "    ", "```", "~~~", "*[x]: y"]
_PIECES += ['<div markdown="1">', "</div>", "<!-- c -->"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_any_text_gives_the_same_html_as_with_every_extension_and_pattern(body: str) -> None:
    import markdown

    from sitegen import markup

    everything = markdown.Markdown(
        extensions=list(markup._EXTENSIONS), extension_configs=markup._EXTENSION_CONFIGS, output_format="html"
    )
    assert markup._converter_for(body).reset().convert(body) == everything.convert(body)


def test_a_body_without_extension_syntax_is_converted_without_extensions() -> None:
    from sitegen import markup

    news = "## عنوان\n\nفقرة عادية فيها **خط عريض**.\n\n- أ\n- ب\n"
    assert markup._extensions_for(news) == ()
    assert markup._extensions_for(_FEATURES["table"]) == ("tables",)
    assert "backtick" in markup._unused_inline(news) and "link" in markup._unused_inline(news)
    assert "em_strong" not in markup._unused_inline(news)
    assert "<dl>" in render_markdown(_FEATURES["definition list"])
    assert '<table tabindex="0">' in render_markdown(_FEATURES["table"])
    assert 'class="footnote' in render_markdown(_FEATURES["footnote"])


def _blocks_inside_inline(html: str) -> list[str]:
    """Block elements opened while an inline element is open: invalid HTML (the Nu checker's
    "Element p not allowed as child of element b")."""
    from html.parser import HTMLParser

    inline = {"a", "b", "code", "em", "i", "s", "small", "span", "strong", "sub", "sup", "u"}
    blocks = {"p", "ul", "ol", "li", "blockquote", "pre", "table", "h2", "h3", "div", "hr"}
    found: list[str] = []
    stack: list[str] = []

    class Walker(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag in blocks and any(t in inline for t in stack):
                found.append(f"{tag} in {stack}")
            if tag != "hr":
                stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if tag in stack:
                del stack[len(stack) - 1 - stack[::-1].index(tag) :]

    Walker().feed(html)
    return found


def test_an_inline_tag_left_open_in_raw_html_does_not_wrap_the_blocks_after_it() -> None:
    html = render_markdown("If a<b and c>d then.\n\nNext para.\n\n* one\n* two\n\n> quote\n\nThird.")
    assert _blocks_inside_inline(html) == []
    for text in ("d then.", "Next para.", "one", "two", "quote", "Third."):
        assert text in html


def test_well_formed_markdown_keeps_its_line_breaks_between_blocks() -> None:
    assert (
        render_markdown("Normal **bold** text.\n\nSecond.")
        == "<p>Normal <strong>bold</strong> text.</p>\n<p>Second.</p>"
    )


def test_yaml_tag_list_items_are_split_on_the_arabic_comma_but_not_on_a_quoted_comma() -> None:
    meta = split_metadata('---\ntags: [روسيا، باكستان, "Washington, D.C."]\n---\n')
    assert meta.fields["tags"] == ("روسيا", "باكستان", "Washington, D.C.")
    meta = split_metadata("---\ntags:\n  - روسيا؛ باكستان\n  - اقتصاد\n---\n")
    assert meta.fields["tags"] == ("روسيا", "باكستان", "اقتصاد")


@pytest.mark.parametrize(
    "header",
    [
        "categories: سياسة، اقتصاد\n\n",
        "---\ncategories: سياسة، اقتصاد\n---\n",
        "---\ncategories: [سياسة، اقتصاد]\n---\n",
    ],
)
def test_categories_are_a_list_like_tags(header: str) -> None:
    """Jekyll and Hugo sites keep their topics under `categories`; sitegen reads them as tags."""
    assert split_metadata(header + "body").fields["categories"] == ("سياسة", "اقتصاد")


@pytest.mark.parametrize(
    ("header", "tags"),
    [
        ("---\ntags: news cairo\n---\n", ("news", "cairo")),  # Jekyll: a space-separated string
        ('+++\ntags = "news cairo"\n+++\n', ("news", "cairo")),  # Hugo splits such text at spaces too
        ("---\ntags: Middle East, Gulf\n---\n", ("Middle East", "Gulf")),  # a comma: split there only
        ("---\ntags: الأمم المتحدة\n---\n", ("الأمم المتحدة",)),  # Arabic: one two-word name
        ("Tags: climate change\n\n", ("climate change",)),  # Pelican splits at commas only
    ],
)
def test_a_tag_text_without_commas_is_split_at_spaces_as_jekyll_and_hugo_did(header: str, tags: tuple) -> None:
    """`tags: news cairo` was one tag, "news cairo", where the old Jekyll or Hugo site had two."""
    assert split_metadata(header + "body").fields["tags"] == tags


def test_code_blocks_and_tables_that_may_scroll_can_be_reached_by_keyboard() -> None:
    """On a phone they scroll sideways inside their box; axe: scrollable-region-focusable."""
    html = render_markdown('    wide code\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<pre tabindex="-1">x</pre>\n')
    assert html.count('<pre tabindex="0">') == 2 and html.count('<table tabindex="0">') == 1
    assert 'tabindex="-1"' not in html


def test_lists_nested_by_two_spaces_as_github_writes_them_are_nested():
    html = render_markdown("- one\n  - nested\n- two\n  1. sub a\n  2. sub b\n\nAfter.")
    assert html == (
        "<ul>\n<li>one<ul>\n<li>nested</li>\n</ul>\n</li>\n"
        "<li>two<ol>\n<li>sub a</li>\n<li>sub b</li>\n</ol>\n</li>\n</ul>\n<p>After.</p>"
    )
    # three levels, and a numbered list with its items' text at column three
    deep = render_markdown("1. one\n   - two\n     - three\n2. four\n")
    assert deep.count("<ul>") == 2 and deep.index("three") > deep.index("two") > deep.index("one")
    assert deep.endswith("<li>four</li>\n</ol>")


def test_lists_nested_by_four_spaces_and_code_are_left_as_they_are():
    four = "- one\n    - nested\n- two\n"
    assert nested_lists_by_four(four) == four
    fenced = "- one\n  - two\n\n```\n  - not a list\n```\n"
    assert "  - not a list" in nested_lists_by_four(fenced).split("```")[1]
    assert "<code>  - not a list\n</code>" in render_markdown(fenced)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Example configuration:\n\n    items:\n      - one\n      - two\n    done: true\n",
            '<pre tabindex="0"><code>items:\n  - one\n  - two\ndone: true\n</code></pre>',
        ),
        ("<pre>\nmenu:\n  - home\n</pre>\n\n- a\n  - b", '<pre tabindex="0">menu:\n  - home\n</pre>'),
        ("- a\n\t- tab child\n  - two-space child", "<li>a<ul>\n<li>tab child</li>\n<li>two-space child</li>\n</ul>"),
    ],
)
def test_indented_code_pre_and_tabs_are_not_taken_for_nested_lists(text: str, expected: str) -> None:
    assert expected in render_markdown(text)


def test_an_unindented_line_going_on_an_items_text_does_not_end_a_list_nested_by_two_spaces():
    html = render_markdown("- one\n  - nested a\nlazy line of nested a\n  - nested b\n- two\n")
    assert html == (
        "<ul>\n<li>one<ul>\n<li>nested a\nlazy line of nested a</li>\n<li>nested b</li>\n</ul>\n</li>\n"
        "<li>two</li>\n</ul>"
    )
    # a heading is no continuation: the list ends there, as before
    ended = render_markdown("- one\n  - nested\n# Heading\n  - after\n")
    assert ended.index("</ul>") < ended.index("<h2>Heading</h2>") < ended.index("<li>after</li>")


# --- raw HTML the sanitizer cannot keep as written: its text stays, and it is noted ---------------


def tags_of(changed: tuple[Changed, ...]) -> list[str]:
    return [c.tag for c in changed]


def test_the_text_of_a_textarea_is_kept_as_preformatted_text() -> None:
    html, changed = render_body("<textarea rows=3>a <b>x</b>\nline two &amp; y</textarea>\n")
    assert html == '<pre tabindex="0">a &lt;b&gt;x&lt;/b&gt;\nline two &amp; y</pre>'
    assert tags_of(changed) == ["textarea"]


def test_a_textarea_never_closed_keeps_the_rest_of_the_article_as_text() -> None:
    html, changed = render_body("Before.\n\n<textarea>never closed\n\nThe rest of the article.\n")
    assert "Before." in html and "never closed" in html and "The rest of the article." in html
    assert tags_of(changed) == ["textarea"]


def test_the_label_of_a_button_is_kept_as_plain_text() -> None:
    html, changed = render_body('Press <button type="submit" onclick="go()">Send now</button> please.')
    assert html == "<p>Press Send now please.</p>"
    assert tags_of(changed) == ["button"]


def test_the_text_of_an_svg_drawing_is_kept_without_its_scripts_and_styles() -> None:
    html, changed = render_body(
        "Chart: <svg viewBox='0 0 9 9'><title>Sales</title><g><text x='1'>North <tspan>2019</tspan></text>"
        "<text>South</text></g><style>.a{fill:red}</style><script>alert(1)</script></svg> end."
    )
    assert html == "<p>Chart: Sales North 2019 South end.</p>"
    assert tags_of(changed) == ["svg", "style", "script"]


def test_mathml_is_kept_as_mathml() -> None:
    source = (
        '<math display="block"><mi>x</mi><mo>=</mo><mfrac><mn>1</mn><msup><mi>e</mi><mn>2</mn></msup></mfrac></math>'
    )
    html, changed = render_body(source)
    assert html == source
    assert changed == ()


@pytest.mark.parametrize(
    "source",
    [
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<math><mi href="javascript:alert(1)" onclick="alert(2)">x</mi></math>',
        '<math><maction actiontype="statusline"><mtext>x</mtext><mtext>javascript:alert(1)</mtext></maction></math>',
    ],
)
def test_mathml_carries_no_script(source: str) -> None:
    html = render_markdown(source).lower()
    assert "onerror" not in html and "onclick" not in html and "href" not in html and "maction" not in html


def test_the_options_of_a_select_are_kept_as_separate_words() -> None:
    html, changed = render_body("Pick: <select name=s><option>One</option><option>Two</option></select> now.")
    assert "One" in html and "Two" in html and "OneTwo" not in html
    assert tags_of(changed) == ["select"]


def test_the_text_of_a_form_is_kept_and_its_fields_are_noted() -> None:
    html, changed = render_body('<form action="/x"><label>Your name</label> <input name="q" value="v"></form>\n')
    assert "Your name" in html and "<input" not in html and "<form" not in html
    assert tags_of(changed) == ["form", "input"]


def test_noscript_content_is_shown_as_html_not_as_escaped_markup() -> None:
    html, changed = render_body('<noscript><p>No JS <img src="https://x.org/a.png" alt="pic"></p></noscript>\n')
    assert html == '<p>No JS <img src="https://x.org/a.png" alt="pic"></p>'
    assert tags_of(changed) == ["noscript"]


@pytest.mark.parametrize("tag", ["object", "video", "audio", "canvas"])
def test_the_fallback_text_of_embedded_media_is_kept(tag: str) -> None:
    html, changed = render_body(f'<{tag} data="x.swf" src="v.mp4"><p>Fallback words</p></{tag}>\n')
    assert html.strip() == "<p>Fallback words</p>"
    assert tags_of(changed) == [tag]


def test_an_embedded_page_becomes_a_link_to_its_address() -> None:
    html, changed = render_body(
        '<iframe src="https://www.youtube.com/embed/abc" title="The speech">old text</iframe>\n'
    )
    assert html == '<a href="https://www.youtube.com/embed/abc" rel="noopener noreferrer">The speech</a>'
    assert tags_of(changed) == ["iframe"]
    assert changed[0].detail == "https://www.youtube.com/embed/abc"


def test_an_embedded_page_without_a_web_address_is_dropped_and_noted() -> None:
    html, changed = render_body('Text.\n\n<iframe src="javascript:alert(1)"></iframe>\n')
    assert html.strip() == "<p>Text.</p>"
    assert tags_of(changed) == ["iframe"]


def test_scripts_styles_and_templates_are_dropped_and_noted() -> None:
    html, changed = render_body(
        "Kept.\n\n<script>alert(1)</script>\n\n<style>p{}</style>\n\n<template><p>Never shown</p></template>\n"
    )
    assert html.strip() == "<p>Kept.</p>"
    assert tags_of(changed) == ["script", "style", "template"]


def test_details_and_summary_keep_their_words_apart() -> None:
    html, changed = render_body("<details open><summary>Summary</summary>Details</details>\n")
    assert html == '<details open=""><summary>Summary</summary>Details</details>'
    assert changed == ()


def test_html_in_code_is_text_and_not_noted() -> None:
    html, changed = render_body("`<button>x</button>`\n\n```\n<script>x</script>\n```\n")
    assert "&lt;button&gt;" in html and "&lt;script&gt;" in html
    assert changed == ()


def test_each_noted_element_is_warned_about_at_its_line_of_the_file() -> None:
    body = "Intro.\n\n<button>One</button>\n\n```\n<button>\n```\n\n<button>Two</button> <svg><text>t</text></svg>\n"
    _, changed = render_body(body)
    notes = changed_diagnostics(changed, body, "a.md", 5)
    assert [(n.file, n.line) for n in notes] == [("a.md", 7), ("a.md", 13), ("a.md", 13)]
    assert notes[0].message.startswith("the button (<button>) does nothing on a static page")
    assert "svg" in notes[2].message


@pytest.mark.parametrize(
    "element",
    [
        "<textarea>{}</textarea>",
        "<button>{}</button>",
        "<svg><text>{}</text></svg>",
        "<math><mtext>{}</mtext></math>",
        "<select><option>{}</option></select>",
        "<form><label>{}</label></form>",
        "<noscript>{}</noscript>",
        "<object>{}</object>",
        "<video>{}</video>",
        "<audio>{}</audio>",
        "<canvas>{}</canvas>",
        "<noembed>{}</noembed>",
        "<details><summary>{}</summary>{}</details>",
        "<fieldset><legend>{}</legend></fieldset>",
    ],
)
def test_no_readable_word_of_raw_html_is_lost(element: str) -> None:
    words = ["alpha", "beta"]
    text = element.format(*words) if element.count("{}") == 2 else element.format(" ".join(words))
    html = render_markdown(f"Before {text} after.") + "\n" + render_markdown(f"{text}\n")
    plain = re.sub(r"<[^>]*>", " ", html)
    for word in ("Before", "after", *words):
        assert word in plain.split() or f"{word}." in plain.split(), (word, html)


def test_bare_web_addresses_in_markdown_are_links_as_in_plain_text_but_not_in_code_or_links():
    html = render_markdown(
        "See https://example.org/a?x=1&y=2, and www.bbc.co.uk/news. [A link](https://x.org) to "
        "https://in-text.org.\n\n`https://code.org` <https://auto.org>\n\n    https://indented.code\n"
    )
    assert (
        '<a href="https://example.org/a?x=1&amp;y=2" dir="ltr" rel="noopener noreferrer">'
        "https://example.org/a?x=1&amp;y=2</a>, and "
        '<a href="https://www.bbc.co.uk/news" dir="ltr" rel="noopener noreferrer">www.bbc.co.uk/news</a>.'
    ) in html
    assert '<a href="https://x.org" rel="noopener noreferrer">A link</a>' in html
    assert "<code>https://code.org</code>" in html and "<code>https://indented.code\n</code>" in html
    assert html.count("<a ") == 5  # none nested, none in code
    assert render_markdown("[https://x.org/a](https://x.org/a)").count("<a ") == 1


def test_a_link_whose_words_are_its_address_is_left_to_right_as_a_bare_address_is():
    # The print stylesheet prints no address after such a link (style.css, @media print), and an
    # address reads left to right in an Arabic sentence too.
    html = render_markdown(
        "<https://x.org/a> [x.org/b](https://x.org/b/) [https://x.org/%D9%85](https://x.org/م) "
        "[**https://x.org/c**](https://x.org/c) [words](https://x.org/d) [x.org/e](https://x.org/f) "
        "[x.org/g](https://x.org/g){dir=rtl}"
    )
    links = re.findall(r"<a [^>]*>", html)
    assert [' dir="ltr"' in link for link in links] == [True, True, True, True, False, False, False]
    assert [link.count("dir=") for link in links] == [1, 1, 1, 1, 0, 0, 1]


def test_text_without_a_bare_address_is_left_byte_for_byte():
    text = 'Quotes "as typed" & <em>marks</em> with a <a href="https://x.org">link</a>: https://x.org is linked once.'
    html = render_markdown(text)
    assert html.count("<a ") == 2 and '"as typed" &amp; <em>marks</em>' in html


def test_the_text_around_a_bare_address_keeps_its_non_breaking_spaces_as_written():
    html, _ = render_body("10&nbsp;كم عن https://example.com")
    assert html.startswith("<p>10&nbsp;كم عن <a ")


def test_an_html_block_laid_out_by_indentation_stays_raw_html_after_a_blank_line():
    # Read as Markdown, the indented tags were a code block: the page showed '<p>One</p>' as code.
    html = "<div class='box'>\n    <p>One</p>\n\n    <p>Two</p>\n</div>\n\nAfter."
    assert markdown_in_blocks(html) == html
    assert "<p>One</p>" in render_body(html)[0] and "&lt;p&gt;" not in render_body(html)[0]


def test_tags_written_as_objects_with_a_name_are_read_by_their_names() -> None:
    # Ghost's export (and converters from it) write each tag as {name, slug}: the post was skipped.
    yaml_header = "---\ntags:\n  - name: News\n    slug: news\n  - name: الأمم المتحدة\n    slug: un\n  - Cairo\n---\n"
    json_header = '{\n"tags": [{"name": "News", "slug": "news"}, "Cairo"]\n}\n'
    assert split_metadata(yaml_header).fields["tags"] == ("News", "الأمم المتحدة", "Cairo")
    assert split_metadata(json_header).fields["tags"] == ("News", "Cairo")


def test_a_tag_object_without_a_name_is_still_a_mistake_on_its_line() -> None:
    with pytest.raises(SourceError, match="'tags' must be text or a list of text") as caught:
        split_metadata("---\ntitle: T\ntags:\n  - slug: news\n---\n")
    assert caught.value.line == 3


@pytest.mark.parametrize("text", ["\n---", "\n\n+++", " \n\t\n---\n"])
def test_a_rule_under_blank_lines_at_the_end_of_the_file_is_body_text_not_an_internal_error(text):
    """Blank lines and a fence as the last line: looking for a key after the fence read past
    the end of the file (IndexError), and the build skipped the file as an internal error."""
    assert split_metadata(text).body == text


def test_an_image_whose_alt_is_only_spaces_gets_an_empty_alt():
    """alt=" " (from ![ ](map.png), or written so) is no description, nor HTML's mark of decoration."""
    assert render_markdown("![ ](map.png)") == '<p><img alt="" src="map.png"></p>'
    assert render_markdown('<img src="map.png" alt="  " width="2">') == '<p><img src="map.png" alt="" width="2"></p>'
    assert render_markdown("![ map ](map.png)") == '<p><img alt=" map " src="map.png"></p>'  # words: kept as written
