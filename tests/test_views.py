"""views: what templates show of an article's text."""

from __future__ import annotations

import re

import pytest
from complexity import assert_linear

from sitegen.markup import render_markdown
from sitegen.model import Block
from sitegen.views import (
    body_html,
    counted_in_digits,
    labelled_footnotes,
    lead_text,
    linkify,
    make_pager,
    plain_text,
    title_view,
)


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("انظر https://en.wikipedia.org/wiki/Python_(programming_language) هنا", "Python_(programming_language)"),
        ("(https://en.wikipedia.org/wiki/Python_(programming_language)).", "Python_(programming_language)"),
        ("انظر (https://example.org/a).", "example.org/a"),
        ("المصدر: https://example.org/a، ثم", "example.org/a"),
        ("تغريدة مقتطعة https://t.co/abc…", "t.co/abc"),
    ],
)
def test_a_url_keeps_its_own_parentheses_and_leaves_the_sentences_punctuation(text, url):
    html = str(linkify(text))
    href = html.split('href="', 1)[1].split('"', 1)[0]
    assert href.endswith(url)
    assert html.replace(f'<a href="{href}" dir="ltr" rel="noopener noreferrer">{href}</a>', href) == text


@pytest.mark.parametrize(
    ("text", "href", "shown"),
    [
        ("المصدر: HTTPS://Example.org/News/1.", "https://Example.org/News/1", "HTTPS://Example.org/News/1"),
        ("See Http://example.org/a, then", "http://example.org/a", "Http://example.org/a"),
        ("انظر www.example.gov.eg/ar، ثم", "https://www.example.gov.eg/ar", "www.example.gov.eg/ar"),
        ("Visit WWW.Example.org.", "https://WWW.Example.org", "WWW.Example.org"),
        ("(www.example.org/wiki/A_(b)).", "https://www.example.org/wiki/A_(b)", "www.example.org/wiki/A_(b)"),
        ("www.example.org/r?to=https://other.org", "https://www.example.org/r?to=https://other.org", None),
    ],
)
def test_a_url_with_a_capital_scheme_or_a_bare_www_address_is_linked_as_typed(text, href, shown):
    """Only lowercase http(s):// was linked: archives typed on phones have HTTPS:// and
    www.example.org without a scheme. The text stays as typed; www. links to https://."""
    shown = shown or text
    html = str(linkify(text))
    assert f'<a href="{href}" dir="ltr" rel="noopener noreferrer">{shown}</a>' in html
    assert html.count("<a ") == 1
    assert html.replace(f'<a href="{href}" dir="ltr" rel="noopener noreferrer">{shown}</a>', shown) == text


def test_a_picture_or_caption_the_author_gave_a_language_keeps_it():
    """An author's own lang (an alt text in French) is not overruled; an alt text in the article's
    language, or only figures, gets none."""
    fragment = (
        '<figure><img alt="Carte du Caire" src="a.png" lang="fr"><figcaption lang="fr">Le Caire</figcaption></figure>\n'
        '<p><img alt="خريطة القاهرة" src="b.png"></p>\n<p><img alt="2024" src="c.png"></p>'
    )
    assert str(body_html([Block("html", fragment)], "ar")) == fragment


IN_ENGLISH = "The minister told reporters that the talks had gone well and would go on tomorrow."


@pytest.mark.parametrize(
    ("fragment", "marked"),
    [
        # an Arabic picture in an English paragraph of an Arabic article: the paragraph's lang
        # would have its alt text read as English
        (
            f'<p>{IN_ENGLISH} <img alt="صورة الوزير في المؤتمر" src="a.png"></p>',
            f'<p lang="en" dir="ltr">{IN_ENGLISH} '
            '<img alt="صورة الوزير في المؤتمر" src="a.png" lang="ar" dir="rtl"></p>',
        ),
        # an English one there is in the paragraph's language: unmarked
        (
            f'<p>{IN_ENGLISH} <img alt="The minister" src="a.png"></p>',
            f'<p lang="en" dir="ltr">{IN_ENGLISH} <img alt="The minister" src="a.png"></p>',
        ),
        # in a quotation the author wrote in English (its region too), and after it the article's own again
        (
            '<blockquote lang="en-GB"><img alt="صورة الوزير" src="a.png"></blockquote>'
            '<p><img alt="صورة" src="b.png"></p>',
            '<blockquote lang="en-GB"><img alt="صورة الوزير" src="a.png" lang="ar" dir="rtl"></blockquote>'
            '<p><img alt="صورة" src="b.png"></p>',
        ),
    ],
)
def test_a_pictures_alt_text_is_marked_against_the_language_of_the_element_around_it(fragment, marked):
    assert str(body_html([Block("html", fragment)], "ar")) == marked


@pytest.mark.parametrize(
    "text",
    [
        "اكتب إلى info@www.example.org اليوم",
        "www.info@example.org",
        "www.example.org@mail.example.com",
        "awww.example.org and the_www.example.org and e-www.example.org and a.www.example.org",
        "www.example without a dot, and www. alone",
        "xhttps://example.org",
    ],
)
def test_www_inside_a_word_or_an_email_address_is_not_linked(text):
    assert "<a " not in str(linkify(text))


def test_a_markdown_lead_is_its_first_paragraph_not_the_whole_body():
    """Excerpts and descriptions of Markdown articles showed the body run together: headings,
    table cells and footnote numbers ('a footnote 1 and a second one 2 .')."""
    body = render_markdown(
        "## عنوان فرعي\n\nفقرة أولى فيها حاشية[^1] وكلمة **مهمة**.\n\n"
        "| البند | 2023 |\n|---|---|\n| الدعم | 5 |\n\n[^1]: الحاشية."
    )
    assert lead_text([Block("html", body)]) == "فقرة أولى فيها حاشية وكلمة مهمة."


def test_a_markdown_lead_picture_is_passed_over_for_the_first_paragraph_with_text():
    """An article that opens with its photo had no excerpt, and its description fell back to the
    site's own."""
    body = render_markdown("![قاعة القمة](hall.png)\n\nافتتح القادة القمة.\n\nفقرة ثانية.")
    assert lead_text([Block("html", body)]) == "افتتح القادة القمة."
    assert lead_text([Block("html", render_markdown("![a](a.png)\n\n![b](b.png)"))]) == ""


def test_plain_text_puts_no_space_where_only_inline_markup_was():
    html = "<p>Leaders met in <strong>Cairo</strong>, then <a href='x'>Riyadh</a>.</p><ul><li>a</li><li>b</li></ul>"
    assert plain_text(html) == "Leaders met in Cairo, then Riyadh. a b"


def test_a_markdown_body_without_a_paragraph_leads_with_all_its_text():
    assert lead_text([Block("html", render_markdown("- one\n- two"))]) == "one two"


def test_a_paragraph_in_the_other_language_reads_in_its_own_direction():
    """An Arabic statement quoted in an English report (and the reverse) was laid out in the
    article's direction: its closing quote and full stop were drawn at the start of the line."""
    quote = "قال المتحدث: «لن نتراجع عن هذا القرار»."
    english = str(body_html([Block("p", "The spokesman spoke."), Block("p", quote)], "en"))
    assert english == f'<p>The spokesman spoke.</p>\n<p lang="ar" dir="rtl">{quote}</p>'
    markdown = render_markdown(f"Opening.\n\n> {quote}\n\n| Term | Arabic |\n|---|---|\n| GDP | الناتج المحلي |")
    html = str(body_html([Block("html", markdown)], "en"))
    assert f'<p lang="ar" dir="rtl">{quote}</p>' in html
    assert '<td lang="ar" dir="rtl">الناتج المحلي</td>' in html and "<td>GDP</td>" in html
    arabic = str(body_html([Block("html", render_markdown("- بند\n- We will not back down."))], "ar"))
    assert '<li>بند</li>\n<li lang="en" dir="ltr">We will not back down.</li>' in arabic


@pytest.mark.parametrize(
    "text",
    [
        "The minister said «الاقتصاد المصري يتعافى» in his speech.",  # mixed: the article's
        "الرابط: https://www.example.gov.eg/ar/ministry-of-finance/reports/2024/final-statement.pdf",
        "الرابط: www.example.gov.eg/ar/ministry-of-finance/reports/2024/final-statement.pdf",
        "الرابط: HTTPS://www.example.gov.eg/ar/ministry-of-finance/reports/2024/final-statement.pdf",
        "شركة Apple تطلق iPhone 16",
    ],
)
def test_mixed_text_urls_and_names_keep_the_article_direction(text):
    lang = "en" if text.startswith("The") else "ar"
    assert str(body_html([Block("p", text)], lang)).startswith("<p>")
    assert 'lang="' not in str(body_html([Block("html", render_markdown(text))], lang))


def test_the_listing_digest_follows_the_update_date_that_feeds_and_the_sitemap_show():
    import datetime as dt
    from dataclasses import replace

    from sitegen.model import Article
    from sitegen.views import light_digest

    article = Article(source="a.txt", title="t", lang="ar", body=(), date=dt.date(2024, 4, 19))
    updated = replace(article, updated=dt.date(2024, 4, 20))
    assert light_digest(updated) != light_digest(article)
    assert light_digest(replace(updated, updated=dt.date(2024, 4, 21))) != light_digest(updated)


def test_an_article_that_opens_with_a_list_item_has_that_item_as_its_lead():
    from sitegen.model import Block
    from sitegen.views import lead_text

    assert lead_text((Block("li", "- سؤال: ما رأيك؟"), Block("li", "- جواب."))) == "- سؤال: ما رأيك؟"


def test_footnote_links_are_named_with_the_number_their_mark_shows():
    """A note referred to twice has two arrows back, each named after the note's number; the
    arrow is drawn as text (U+FE0E), never as an emoji."""
    html = render_markdown("A[^n], again[^n] and B[^2].\n\n[^n]: first\n[^2]: second")
    named = labelled_footnotes(html, lambda n: f"mark {n}", lambda n: f"back {n}")
    assert re.findall(r'aria-label="(mark \d)">(\d)</a>', named) == [("mark 1", "1"), ("mark 1", "1"), ("mark 2", "2")]
    arrow = '<span aria-hidden="true">\u21a9\ufe0e</span>'
    back = rf'href="#(fnref\d*:\w+)">{arrow}<span class="visually-hidden">(back \d)<'
    assert re.findall(back, named) == [
        ("fnref:n", "back 1"),
        ("fnref2:n", "back 1"),
        ("fnref:2", "back 2"),
    ]
    assert labelled_footnotes("<p>no notes</p>", str, str) == "<p>no notes</p>"


def test_footnote_marks_and_the_notes_numbers_can_show_the_pages_digits():
    """Under the Arabic-Indic digit policy a mark `[^١]` that Python-Markdown numbers
    1 shows ١, its names say ١, and the list of notes counts ١, ٢ too (CSS: arabic-indic)."""
    html = render_markdown("أ[^١] وب[^2].\n\n[^١]: الأولى\n[^2]: الثانية")
    named = labelled_footnotes(html, lambda n: f"mark {n}", lambda n: f"back {n}", "arabic")
    assert re.findall(r'aria-label="(mark .)">(.)</a>', named) == [("mark ١", "١"), ("mark ٢", "٢")]
    assert re.findall(r'<span class="visually-hidden">(back .)<', named) == ["back ١", "back ٢"]
    assert '<ol class="digits-arabic">' in named and not re.search(r">[0-9]</a>", named)
    assert labelled_footnotes(html, str, str) == labelled_footnotes(html, str, str, "western")
    assert "<ol>" in labelled_footnotes(html, str, str) and ">1</a>" in labelled_footnotes(html, str, str)


def test_the_way_back_from_a_note_is_named_by_its_text_which_holds_the_arrow_it_shows():
    """axe's label-content-name-mismatch: the arrow was the link's text and its name an
    aria-label that did not hold it. Its name now comes from its text: the arrow, hidden from
    screen readers (it reads "leftwards arrow with hook"), then the label, hidden from the eye."""
    html = render_markdown("A[^n], again[^n] and B[^2].\n\n[^n]: first\n[^2]: second")
    named = labelled_footnotes(html, lambda n: f"mark {n}", lambda n: f"back {n}")
    arrow = '<span aria-hidden="true">\u21a9\ufe0e</span>'
    assert re.findall(r'<a class="footnote-backref" href="#(fnref\d*:\w+)">(.*?)</a>', named) == [
        ("fnref:n", f'{arrow}<span class="visually-hidden">back 1</span>'),
        ("fnref2:n", f'{arrow}<span class="visually-hidden">back 1</span>'),
        ("fnref:2", f'{arrow}<span class="visually-hidden">back 2</span>'),
    ]
    assert 'aria-label="back' not in named


def test_in_a_feed_the_way_back_from_a_note_keeps_its_label_out_of_sight(tmp_path):
    """A feed reader has no stylesheet to hide a label with: there the label stays an aria-label."""
    from sitegen.config import parse
    from sitegen.extract import parse_article
    from sitegen.model import Site, SourceText, Tag
    from sitegen.render import Renderer
    from sitegen.theme import make_environment

    html = render_markdown("A[^1].\n\n[^1]: first")
    named = labelled_footnotes(html, lambda n: f"mark {n}", lambda n: f"back {n}", styled=False)
    assert '<a class="footnote-backref" href="#fnref:1" aria-label="back 1">\u21a9\ufe0e</a>' in named
    assert "visually-hidden" not in named

    config = parse({"base_url": "https://example.org/"}, root=tmp_path, source=tmp_path, output=tmp_path / "out")
    text = "Title: T\nDate: 2024-04-19\nLang: en\n\nA[^1].\n\n[^1]: first\n"
    src = SourceText(source="a.md", text=text, encoding="utf-8")
    article = parse_article(src, lambda label: Tag(label, label, label), lambda title, body: ())
    messages = {"en": {"footnote_mark": "Footnote {n}", "footnote_back": "Back {n}"}, "ar": {}}
    renderer = Renderer(Site(()), config, make_environment(config), messages)
    assert 'aria-label="Back 1">\u21a9\ufe0e</a>' in str(renderer.body(article, absolute=True))
    assert '<span class="visually-hidden">Back 1</span></a>' in str(renderer.body(article))


def test_numbered_markdown_lists_count_in_the_pages_digits():
    """The numbers of a Markdown list are drawn by the browser, as the notes' are: under the
    Arabic-Indic digit policy they count ١، ٢ too (CSS: arabic-indic), from where the list starts.
    A list typed in plain text shows the numbers it was typed with, and a western policy or an
    English page changes nothing."""
    html = render_markdown("1. أ\n2. ب\n    1. ج\n\nنص\n\n3. د\n4. هـ")
    counted = counted_in_digits(html, "arabic")
    assert re.findall(r"<ol[^>]*>", counted) == [
        '<ol class="digits-arabic">',
        '<ol class="digits-arabic">',
        '<ol class="digits-arabic" start="3">',
    ]
    assert counted_in_digits(html, "western") == html
    typed = str(body_html((Block("li", "1. أ"), Block("li", "2. ب")), "ar"))
    assert counted_in_digits(typed, "arabic") == typed


def test_numbered_markdown_lists_follow_the_sites_digit_policy_on_arabic_articles_only(tmp_path):
    from jinja2 import Environment

    from sitegen.config import parse
    from sitegen.extract import parse_article
    from sitegen.model import Site, SourceText, Tag
    from sitegen.render import Renderer

    def body(digits: str, text: str) -> str:
        config = parse({"digits": digits}, root=tmp_path, source=tmp_path, output=tmp_path / "out")
        src = SourceText(source="a.md", text=f"Title: T\nDate: 2024-04-19\n\n{text}\n", encoding="utf-8")
        article = parse_article(src, lambda label: Tag(label, label, label), lambda title, body: ())
        return str(Renderer(Site(()), config, Environment(), {"ar": {}, "en": {}}).body(article))

    arabic = "المطالب:\n\n1. رفع الأجور\n2. خفض الأسعار\n"
    assert '<ol class="digits-arabic">' in body("arabic", arabic)
    assert "<ol>" in body("western", arabic) and "digits-arabic" not in body("western", arabic)
    english = "The demands:\n\n1. Raise wages\n2. Cut prices\n"
    assert "<ol>" in body("arabic", english) and "digits-arabic" not in body("arabic", english)


def test_footnote_numbers_follow_the_sites_digit_policy_on_arabic_articles_only(tmp_path):
    """`[^١]` was numbered 1 on Arabic pages that show every other number as ١٢٣ (digits = "arabic")."""
    from jinja2 import Environment

    from sitegen.config import parse
    from sitegen.extract import parse_article
    from sitegen.model import Site, SourceText, Tag
    from sitegen.render import Renderer

    messages = {
        "ar": {"footnote_mark": "الحاشية {n}", "footnote_back": "العودة إلى الحاشية {n}"},
        "en": {"footnote_mark": "Footnote {n}", "footnote_back": "Back to footnote {n}"},
    }

    def body(digits: str, text: str) -> str:
        config = parse({"digits": digits}, root=tmp_path, source=tmp_path, output=tmp_path / "out")
        src = SourceText(source="a.md", text=f"Title: T\nDate: 2024-04-19\n\n{text}\n", encoding="utf-8")
        article = parse_article(src, lambda label: Tag(label, label, label), lambda title, body: ())
        return str(Renderer(Site(()), config, Environment(), messages).body(article))

    arabic = "نص المقال[^١] هنا.\n\n[^١]: الحاشية."
    assert '">١</a>' in body("arabic", arabic) and 'aria-label="الحاشية ١"' in body("arabic", arabic)
    assert '">1</a>' in body("western", arabic) and "digits-arabic" not in body("western", arabic)
    english = "The text[^1] here.\n\n[^1]: The note."
    assert '">1</a>' in body("arabic", english) and "digits-arabic" not in body("arabic", english)


def test_a_long_list_all_numbered_1_is_written_in_time_linear_in_its_items():
    # Each item numbered 1 looked back over every item before it for a list of 1s that a list
    # counted from 1 might follow: 30,000 items took a quarter of a minute. Measured as the
    # growth of its time from 1,000 items to 8,000 (tests/complexity.py), not by the clock.
    def ones(count: int) -> list[Block]:
        return [Block("li", f"1. بند {n}") for n in range(count)] + [Block("li", "1. أ"), Block("li", "2. ب")]

    assert_linear(lambda count: body_html(ones(count)), 1_000)
    html = str(body_html(ones(30_000)))
    assert html.count('<ol class="typed">') == 2 and html.count("<li>") == 30_002


def test_a_sub_item_in_the_articles_language_under_an_item_in_the_other_reads_in_its_own():
    # Inside the English item's <li lang="en" dir="ltr">, the Arabic sub-item took its language
    # and direction: its punctuation drawn at the wrong end.
    blocks = [
        Block("li", "• Raise wages"),
        Block("li", "◦ الحد الأدنى للأجور.", depth=1),
        Block("li", "• رفع المعاشات"),
    ]
    html = str(body_html(blocks, "ar"))
    assert '<li lang="en" dir="ltr">• Raise wages\n<ul class="typed">\n<li lang="ar" dir="rtl">◦ الحد' in html
    assert "<li>• رفع المعاشات</li>" in html


def test_a_blockquote_or_table_wholly_in_the_other_language_reads_in_its_own_direction():
    """Only its paragraphs and cells were marked: an English quotation in an Arabic article kept
    its border on the right, an English table its columns right to left. A mixed one keeps the
    article's direction."""
    english = render_markdown(
        "نص.\n\n> The minister said so.\n>\n> He left.\n\n| Term | Value |\n|---|---|\n| GDP | 3% |\n\n"
        "> قال الوزير.\n>\n> He left.\n\n| البند | Value |\n|---|---|\n| GDP | ٣٪ |"
    )
    arabic = str(body_html([Block("html", english)], "ar"))
    assert '<blockquote lang="en" dir="ltr">\n<p lang="en" dir="ltr">The minister said so.</p>' in arabic
    assert re.search(
        r'<table tabindex="0" lang="en" dir="ltr">\s*<thead>\s*<tr>\s*<th lang="en" dir="ltr">Term</th>', arabic
    )
    assert arabic.count("<blockquote>") == 1 and arabic.count('<table tabindex="0">') == 1  # the mixed ones
    quote = "قال المتحدث: «لن نتراجع»."
    mirrored = render_markdown(f"Text.\n\n> {quote}\n\n| البند | القيمة |\n|---|---|\n| الناتج | نمو |")
    english_page = str(body_html([Block("html", mirrored)], "en"))
    assert f'<blockquote lang="ar" dir="rtl">\n<p lang="ar" dir="rtl">{quote}</p>' in english_page
    assert '<table tabindex="0" lang="ar" dir="rtl">' in english_page
    noted = render_markdown("نص عربي هنا[^1].\n\n[^1]: An English source note.")
    assert '<hr>\n<ol>\n<li id="fn:1">' in str(body_html([Block("html", noted)], "ar"))  # counts as its marks


def test_an_english_numbered_list_in_an_arabic_article_counts_as_its_text_reads(tmp_path):
    """Under the Arabic-Indic digit policy every Markdown list of an Arabic page counted ١، ٢:
    a list whose items are all English counts 1, 2, left to right; a mixed one keeps ١، ٢."""
    from sitegen.config import parse
    from sitegen.extract import parse_article
    from sitegen.model import Site, SourceText, Tag
    from sitegen.render import Renderer
    from sitegen.theme import make_environment

    config = parse({"digits": "arabic"}, root=tmp_path, source=tmp_path, output=tmp_path / "out")
    text = "المطالب:\n\n1. Raise wages\n2. Cut prices\n\nثم:\n\n1. رفع الأجور\n2. Cut prices\n"
    src = SourceText(source="a.md", text=f"Title: T\nDate: 2024-04-19\n\n{text}", encoding="utf-8")
    article = parse_article(src, lambda label: Tag(label, label, label), lambda title, body: ())
    body = str(Renderer(Site(()), config, make_environment(config), {"ar": {}, "en": {}}).body(article))
    assert re.findall(r"<ol[^>]*>", body) == ['<ol lang="en" dir="ltr">', '<ol class="digits-arabic">']


@pytest.mark.parametrize(
    ("n", "far"),
    [(5, {3, 7}), (4, {6}), (3, {5}), (1, {3}), (47, {45}), (48, {46}), (50, {48}), (2, {4})],
)
def test_a_phone_leaves_out_only_page_numbers_that_a_gap_already_stands_beside(n, far):
    """Left out, 4 of 50 read «1 3 4 5 … 50»: page 2 gone without a "…" in its place."""
    pager = make_pager("/", n, 50)
    shown = [k for k, _ in pager.links if k is not None]
    assert pager.far == far and far <= set(shown) - {1, 50}
    for k in far:
        assert k + (1 if k > n else -1) not in shown


@pytest.mark.parametrize(
    ("text", "isolated"),
    [
        ("اتصل على +20 2 1234 5678 للاستفسار", ["+20 2 1234 5678"]),
        ("الرقم 0100 123 4567 متاح", ["0100 123 4567"]),
        ("الهاتف ٠١٠٠ ١٢٣ ٤٥٦٧ الآن", ["٠١٠٠ ١٢٣ ٤٥٦٧"]),
        ("بلغ العدد 1 000 000 شخص", ["1 000 000"]),
        ("بلغ العدد 25\u00a0000 شخص", ["25\u00a0000"]),
        # a list of years, a score, a time and a paper size read in the paragraph's direction
        ("في الأعوام 2019 2020 2021 شهدت", []),
        ("فاز الفريق 3 1 أمس", []),
        ("الساعة 10:30 45 دقيقة وورق A4 123", []),
        ("عام 1990 و2000", []),
    ],
)
def test_a_grouped_number_in_an_arabic_paragraph_is_kept_left_to_right(text, isolated):
    """In a right-to-left paragraph the groups of "+20 2 1234 5678" were laid out right to left
    (a reader saw 5678 1234 2 +20); each such number is now a <bdo dir="ltr"> of its own."""
    html = str(body_html([Block("p", text)], "ar"))
    assert re.findall(r'<bdo dir="ltr">([^<]*)</bdo>', html) == isolated
    assert re.sub(r"</?bdo[^>]*>", "", html) == f"<p>{text}</p>"  # nothing else changed


def test_a_grouped_number_is_isolated_in_arabic_markdown_but_not_in_its_code_nor_in_english():
    markdown = render_markdown("اتصل على **+20 2 1234 5678** أو `0100 123 4567`\n\n    0100 123 4567\n")
    html = str(body_html([Block("html", markdown)], "ar"))
    assert '<strong><bdo dir="ltr">+20 2 1234 5678</bdo></strong>' in html
    assert "<code>0100 123 4567</code>" in html and "0100 123 4567\n</code></pre>" in html
    english = "Call +20 2 1234 5678 now."
    assert str(body_html([Block("p", english)], "en")) == f"<p>{english}</p>"  # left to right already
    arabic_in_english = "اتصل على 0100 123 4567 الآن، وهذا نص عربي طويل بما يكفي ليعد فقرة عربية."
    assert '<bdo dir="ltr">0100 123 4567</bdo>' in str(body_html([Block("p", arabic_in_english)], "en"))


def test_isolating_grouped_numbers_takes_linear_time():
    assert_linear(lambda n: body_html([Block("p", "1 " * n + "x")], "ar"), 2_000)


@pytest.mark.parametrize(
    ("text", "isolated"),
    [
        ("للتواصل Tel +20 2 1234 5678 أو البريد", []),
        ("سعر iPhone 15 128 جيجا", []),
        ("الشركة M&S: 0100 123 4567 ثم", []),
        ("الرقم Tel: 0100 123 4567 ثم الهاتف 0100 123 4567", ["0100 123 4567"]),
        ("الرقم '0100 123 4567' الآن", ["0100 123 4567"]),
        ("رقم Tel ٠١٠٠ ١٢٣ ٤٥٦٧ متاح", ["٠١٠٠ ١٢٣ ٤٥٦٧"]),  # Arabic-Indic digits: no left-to-right run to join
    ],
)
def test_a_grouped_number_after_a_latin_word_stays_in_that_words_left_to_right_run(text, isolated):
    """'Tel +20 2 1234 5678' in an Arabic paragraph was one left-to-right run (the bidirectional
    algorithm gives European digits after a Latin letter its direction); as a span of its own the
    number was laid out apart from it, to the left of 'Tel' (seen in headless Chromium)."""
    html = str(body_html([Block("p", text)], "ar"))
    assert re.findall(r'<bdo dir="ltr">([^<]*)</bdo>', html) == isolated


def test_a_grouped_number_after_a_latin_word_in_arabic_markdown_stays_in_its_run_but_not_after_a_link():
    markdown = render_markdown("للتواصل **Tel** +20 2 1234 5678 أو <https://example.com> 0100 123 4567 الآن\n")
    html = str(body_html([Block("html", markdown)], "ar"))
    assert "</strong> +20 2 1234 5678 أو" in html  # a link is isolated (dir): the Arabic before it counts
    assert '</a> <bdo dir="ltr">0100 123 4567</bdo> الآن' in html


@pytest.mark.parametrize(
    "text",
    [
        "في العامين الهجريين 1445 1446 ارتفع العدد",
        "الأعوام ١٤٤٤ ١٤٤٥ ١٤٤٦ شهدت",
        "صدر القرار في 19 4 2024 وأُعلن",
        "صدر القرار في 2024 4 19 وأُعلن",
        "الموافق 15 9 1445 هـ",
    ],
)
def test_hijri_years_and_a_days_date_a_space_apart_read_in_the_paragraphs_direction(text):
    """Like '2019 2020 2021', a list of Hijri years or the parts of a date are no one number: they
    were dir=ltr spans once they had 7 digits ('19 4 2024', but not '1 4 2024'), shown reversed."""
    assert "<bdo" not in str(body_html([Block("p", text)], "ar"))


@pytest.mark.parametrize(
    ("title", "lang", "shown", "other"),
    [
        ("خط ساخن ٠١٠٠ ١٢٣ ٤٥٦٧", "ar", 'خط ساخن <bdo dir="ltr">٠١٠٠ ١٢٣ ٤٥٦٧</bdo>', None),
        ("Apple WWDC 2024", "ar", "Apple WWDC 2024", "en"),
        # an Arabic headline of an English article is right to left: its number is isolated
        ("رقم الطوارئ +20 2 1234 5678", "en", 'رقم الطوارئ <bdo dir="ltr">+20 2 1234 5678</bdo>', "ar"),
        # after a left-to-right word, or in an English title, the number already reads in order
        ("Hotline +20 2 1234 5678 opens", "en", "Hotline +20 2 1234 5678 opens", None),
        ("شركة Apple تطلق iPhone 16 & 17", "ar", "شركة Apple تطلق iPhone 16 &amp; 17", None),
    ],
)
def test_a_title_is_shown_with_its_own_language_and_its_telephone_numbers_left_to_right(title, lang, shown, other):
    """The title as every page shows it (title_html: the <h1>, cards, neighbours' links), by the
    body's rules; the text as typed stays for <title>, meta tags and feeds."""
    view = title_view(title, lang)
    assert view["title"] == title
    assert str(view["title_html"]) == shown
    assert (view["title_lang"], view["title_dir"]) == (other, {"en": "ltr", "ar": "rtl", None: None}[other])
