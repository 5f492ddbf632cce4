"""Unit tests for sitegen.markup and sitegen.sanitize: Markdown rendered to sanitized HTML."""

from __future__ import annotations

import re

import pytest
import sitecheck
from conftest import build_site, must_match, write_source
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.cli import main
from sitegen.markup import (
    headings_in_order,
    markdown_in_blocks,
    nested_lists_by_four,
    render_body,
    render_markdown,
)
from sitegen.sanitize import Changed, changed_diagnostics

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


# --- "1)" lists: CommonMark's other ordered-list marker ------------------------------------------


def test_items_numbered_with_a_closing_bracket_are_an_ordered_list() -> None:
    """GitHub, Hugo and CommonMark read "1)" as "1." is read; Python-Markdown did not, and an
    archive moved from them showed its list as one paragraph, its items run together."""
    assert render_markdown("1) first point\n2) second point\n") == (
        "<ol>\n<li>first point</li>\n<li>second point</li>\n</ol>"
    )


def test_a_bracket_numbered_list_in_arabic_indic_or_persian_digits_is_a_list_starting_at_its_number() -> None:
    html = render_markdown("البنود:\n\n١) أ\n٢) ب\n")
    assert "<ol>\n<li>أ</li>\n<li>ب</li>\n</ol>" in html
    assert '<ol start="3">\n<li>أ</li>\n<li>ب</li>\n</ol>' in render_markdown("٣) أ\n٤) ب\n")
    assert '<ol start="12">' in render_markdown("۱۲) أ\n۱۳) ب\n")  # Persian digits


def test_a_bracket_numbered_list_starts_at_the_number_it_was_typed_with() -> None:
    assert render_markdown("3) c\n4) d\n").startswith('<ol start="3">\n<li>c</li>')


def test_bracket_numbered_lists_nest_by_two_or_four_spaces_under_either_kind_of_item() -> None:
    expected = "<ol>\n<li>a<ol>\n<li>a1</li>\n<li>a2</li>\n</ol>\n</li>\n<li>b</li>\n</ol>"
    assert render_markdown("1) a\n   1) a1\n   2) a2\n2) b\n") == expected  # under the text, as CommonMark
    assert render_markdown("1) a\n    1) a1\n    2) a2\n2) b\n") == expected
    assert render_markdown("1. a\n    1) a1\n    2) a2\n2. b\n") == expected
    assert render_markdown("- a\n  1) a1\n  2) a2\n- b\n") == (
        "<ul>\n<li>a<ol>\n<li>a1</li>\n<li>a2</li>\n</ol>\n</li>\n<li>b</li>\n</ul>"
    )
    assert render_markdown("1) a\n    - a1\n2) b\n") == (
        "<ol>\n<li>a<ul>\n<li>a1</li>\n</ul>\n</li>\n<li>b</li>\n</ol>"
    )


def test_a_bracket_numbered_list_and_a_dot_numbered_list_after_it_are_two_lists() -> None:
    """CommonMark: a change of delimiter starts a new list, as sane_lists' change of - to 1. does."""
    html = render_markdown("1) a\n2) b\n\n1. c\n2. d\n")
    assert html == "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n<ol>\n<li>c</li>\n<li>d</li>\n</ol>"
    html = render_markdown("1. a\n\n1) c\n")
    assert html == "<ol>\n<li>a</li>\n</ol>\n<ol>\n<li>c</li>\n</ol>"
    assert render_markdown("1) a\n\n2) b\n").count("<ol>") == 1  # a loose list stays one list
    assert render_markdown("- a\n\n1) b\n") == "<ul>\n<li>a</li>\n</ul>\n<ol>\n<li>b</li>\n</ol>"


def test_a_line_opening_with_a_number_and_bracket_inside_a_paragraph_stays_its_text() -> None:
    html = render_markdown("The vote was held on\n2) March and the count followed.\n")
    assert html == "<p>The vote was held on\n2) March and the count followed.</p>"
    assert render_markdown("ينص البند\n٢) على ما يلي.\n") == "<p>ينص البند\n٢) على ما يلي.</p>"
    assert render_markdown("1)no space\n") == "<p>1)no space</p>"


def test_bracket_numbers_in_code_blocks_and_code_spans_are_left_as_code() -> None:
    fenced = render_markdown("```\n1) a\n2) b\n```\n")
    assert "<ol" not in fenced and "1) a\n2) b" in fenced
    indented = render_markdown("Text.\n\n    1) a\n    2) b\n")
    assert "<ol" not in indented and "<code>1) a\n2) b\n</code></pre>" in indented
    assert render_markdown("`1) a`\n") == "<p><code>1) a</code></p>"


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


# A raw <pre> or <code> typed in a sentence and never closed: the HTML parser put every paragraph
# after it inside the <pre> (which may hold no paragraph: the page was not valid HTML), or
# reopened the <code> in each of them (the rest of the article in code type).
UNCLOSED_CODE = {
    "pre": "Intro.\n\nSee b<pre>elow the plan.\n\nNext paragraph.\n\n## Heading\n\n* an item\n\n> a quote\n",
    "code": "Intro.\n\nRun <code>make and wait.\n\nNext paragraph.\n\n## Heading\n",
    "PRE with attributes": 'Intro.\n\nSee <PRE class="x">below.\n\nNext paragraph.\n',
    "inside another": "Intro.\n\nSee <pre>a <pre>b</pre> c.\n\nNext paragraph.\n",
}


@pytest.mark.parametrize("body", UNCLOSED_CODE.values(), ids=UNCLOSED_CODE.keys())
def test_a_pre_or_code_never_closed_loses_its_start_tag_and_the_rest_of_the_article_is_shown(body: str) -> None:
    html, changed = render_body(body)
    assert re.search(r"<(pre|code)\b[^>]*>(?:(?!</\1>).)*<(p|h2|ul|blockquote)\b", html, re.S) is None, html
    assert "<p>Next paragraph.</p>" in html
    assert [(c.tag, c.closed) for c in changed] == [(must_match(r"(?i)<(pre|code)\b", body)[1].lower(), False)]
    plain = re.sub(r"<[^>]*>", "", html)
    for word in re.sub(r"<[^>]*>|[#*>]", "", body).split():
        assert word in plain, word


def test_a_pre_never_closed_is_warned_about_at_its_line_and_closed_ones_are_not() -> None:
    body = "Intro.\n\n```\n<pre>in a code block\n```\n\n<pre>\nclosed\n</pre>\n\nSee <pre>below.\n\nEnd.\n"
    _, changed = render_body(body)
    notes = changed_diagnostics(changed, body, "a.md", 3)
    assert [(n.file, n.line) for n in notes] == [("a.md", 13)]
    assert notes[0].message.startswith("a <pre> is never closed, so it would take the rest of the article")


@pytest.mark.parametrize(
    "body",
    [
        "Intro.\n\nSee <pre>the table\n\nNext paragraph.</pre> and more.\n",
        "Run <code>make\n\nNext paragraph.</code> now.\n",
    ],
    ids=["pre", "code"],
)
def test_a_pre_or_code_starting_in_a_sentence_and_ending_paragraphs_later_is_shown_as_paragraphs(body: str) -> None:
    """Markdown closes a paragraph at a blank line: the paragraphs between were inside the <pre>
    (not valid HTML) or in code type."""
    html, changed = render_body(body)
    assert "<pre" not in html and "<code" not in html and "<p>Next paragraph. " in html
    notes = changed_diagnostics(changed, body, "a.md", 1)
    assert len(notes) == 1 and "starts in a sentence and ends paragraphs later" in notes[0].message
    assert notes[0].line == body.count("\n", 0, body.index("<")) + 1


def test_a_pre_on_a_line_of_its_own_keeps_its_blank_lines() -> None:
    html, changed = render_body("<pre>\nline one\n\nline three\n</pre>\n\nAfter.\n")
    assert html.startswith('<pre tabindex="0">line one\n\nline three\n</pre>') and changed == ()


@pytest.mark.parametrize(
    ("body", "tag"),
    [
        ("<h2>Background\n\nFirst paragraph.\n\nSecond paragraph.\n", "h2"),  # every paragraph inside the heading
        ("<b>Note: read this\n\nSecond paragraph.\n", "b"),  # the rest of the article in bold
        ("A footnote<sup>1\n\nSecond paragraph.\n", "sup"),
        ('See <a href="https://x.org">the report\n\nSecond paragraph.\n', "a"),  # the rest of the article one link
    ],
)
def test_any_raw_element_never_closed_loses_its_start_tag_with_a_warning(body: str, tag: str) -> None:
    html, changed = render_body(body)
    assert f"<{tag}" not in html and "<p>Second paragraph.</p>" in html
    notes = changed_diagnostics(changed, body, "a.md", 1)
    assert [(n.line, n.message.split(",")[0]) for n in notes] == [(1, f"a <{tag}> is never closed")]


def test_elements_whose_end_tag_html_lets_out_are_not_taken_for_elements_left_open() -> None:
    html, changed = render_body("<ul><li>one<li>two</ul>\n\nAfter.\n")
    assert html.startswith("<ul><li>one</li><li>two</li></ul>") and changed == ()


def test_code_in_a_code_block_or_span_is_left_as_typed() -> None:
    """A <pre> in code is text: shown as typed, never taken for an element left open."""
    html, changed = render_body("Type `<pre>` to start.\n\n    <pre>\n\nEnd.\n")
    assert "<code>&lt;pre&gt;</code>" in html and "<code>&lt;pre&gt;\n</code>" in html and changed == ()


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


def test_an_image_whose_alt_is_only_spaces_gets_an_empty_alt():
    """alt=" " (from ![ ](map.png), or written so) is no description, nor HTML's mark of decoration."""
    assert render_markdown("![ ](map.png)") == '<p><img alt="" src="map.png"></p>'
    assert render_markdown('<img src="map.png" alt="  " width="2">') == '<p><img src="map.png" alt="" width="2"></p>'
    assert render_markdown("![ map ](map.png)") == '<p><img alt=" map " src="map.png"></p>'  # words: kept as written


def test_a_markdown_article_with_bracket_numbered_lists_is_valid_on_its_page(tmp_path, vnu):
    post = (
        "---\ntitle: نقاط\ndate: 2024-05-01\n---\n\nالنقاط:\n\n١) الأولى\n   ١) فرعية\n٢) الثانية\n\nنص.\n\n"
        "3) third\n4) fourth\n\n1. dot\n"
    )
    out = build_site(write_source(tmp_path, {"points.md": post}), tmp_path / "out")
    page = (out / "articles" / "نقاط" / "index.html").read_text("utf-8")
    assert '<ol start="3" lang="en" dir="ltr">' in page and page.count("<ol") == 4  # English items
    assert sitecheck.vnu_errors(out) == []


def test_an_arabic_article_with_an_english_quotation_table_and_list_is_valid_on_its_page(tmp_path, vnu):
    post = (
        "---\ntitle: اقتباس\ndate: 2024-05-01\nlang: ar\n---\n\nقال الوزير في كلمته أمام البرلمان:\n\n"
        "> The minister said so.\n\n"
        "| Term | Value |\n|---|---|\n| GDP | 3% |\n\n1. Raise wages\n2. Cut prices\n"
    )
    out = build_site(write_source(tmp_path, {"quote.md": post}), tmp_path / "out")
    page = (out / "articles" / "اقتباس" / "index.html").read_text("utf-8")
    assert '<blockquote lang="en" dir="ltr">' in page and '<table tabindex="0" lang="en" dir="ltr">' in page
    assert '<ol lang="en" dir="ltr">' in page
    assert sitecheck.vnu_errors(out) == []


def test_a_reference_to_a_control_character_puts_none_in_the_page() -> None:
    """'&#129;' became U+0081 in the page, which the Nu Html Checker rejects ('Forbidden code
    point'), as it does a noncharacter; code shows the reference as typed."""
    html = render_markdown('a &#129; b &#x1; c &#xFFFE; d &#x7F; <span title="&#157;x">t</span> `&#129;` &#128; &#0;')
    assert html == '<p>a  b  c  d  <span title="x">t</span> <code>&amp;#129;</code> € \ufffd</p>'


def test_an_article_with_a_pre_never_closed_is_valid_on_its_page_and_the_line_is_warned(tmp_path, capsys, vnu):
    post = "---\ntitle: Plan\ndate: 2024-05-01\n---\n\nSee the table b<pre>elow.\n\n## Costs\n\nThe rest.\n\n* one\n"
    out = tmp_path / "out"
    assert main(["build", "--source", str(write_source(tmp_path, {"plan.md": post})), "--output", str(out)]) == 0
    page = (out / "articles" / "plan" / "index.html").read_text("utf-8")
    assert "<p>See the table below.</p>" in page and "<p>The rest.</p>" in page and "<li>one</li>" in page
    assert "plan.md:6: a <pre> is never closed, so it would take the rest of the article" in capsys.readouterr().err
    assert sitecheck.vnu_errors(out) == []
