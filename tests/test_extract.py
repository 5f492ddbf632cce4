"""Extraction of plain-text and Markdown articles: each layout has its own tiny input."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from complexity import assert_linear, growth

from sitegen.arabic import detect_lang
from sitegen.blocks import is_heading
from sitegen.bylines import is_byline
from sitegen.errors import SourceError
from sitegen.extract import parse_article
from sitegen.frontmatter import without_code_elements
from sitegen.model import Article, SourceText, Tag
from sitegen.read import normalize_text
from sitegen.views import body_html, lead_text

LONG_AR = (
    "وقال المتحدث باسم الوزارة إن المحادثات تناولت سبل تعزيز التعاون الاقتصادي بين البلدين "
    "في مجالات الطاقة والتجارة والنقل، وأكد أن الجانبين اتفقا على مواصلة الحوار."
)
LONG_EN = (
    "The ministry spokesman said the talks covered ways to strengthen economic cooperation "
    "between the two countries in energy, trade and transport, and that both sides agreed."
)


def no_tags(title: str, body: str) -> tuple[Tag, ...]:
    return ()


def resolve(label: str) -> Tag:
    return Tag(slug=label.lower(), label_ar=label, label_en=label)


def parse(text: str, source: str = "a.txt"):
    return parse_article(SourceText(source=source, text=text, encoding="utf-8"), resolve, no_tags)


def body_texts(article) -> list[str]:
    return [b.text for b in article.body]


# --- dates, title, byline -------------------------------------------------------------


def test_repeated_leading_date_line_is_collapsed_and_title_follows():
    a = parse(f"الجمعة - 19 أبريل 2024\nالجمعة - 19 أبريل 2024\n\nعنوان الخبر\n\n{LONG_AR}\n")
    assert a.title == "عنوان الخبر"
    assert a.date == dt.date(2024, 4, 19)
    assert body_texts(a) == [LONG_AR]


def test_first_line_is_the_title_when_there_is_no_date():
    a = parse(f"بوتين يبحث هاتفيا مع رئيس وزراء باكستان\n{LONG_AR}\n")
    assert a.title == "بوتين يبحث هاتفيا مع رئيس وزراء باكستان"
    assert a.date is None
    assert any("undated" in d.message for d in a.diagnostics)


@pytest.mark.parametrize(
    "layout",
    [
        "العنوان هنا\n19 أبريل 2024\n\n{body}",
        "العنوان هنا\n\n2024-04-19\n\n{body}",
        "19/04/2024\nالعنوان هنا\n{body}",
        "١٩ نيسان ٢٠٢٤\n\nالعنوان هنا\n\n{body}",
    ],
)
def test_date_before_or_right_after_the_title(layout):
    a = parse(layout.format(body=LONG_AR))
    assert a.title == "العنوان هنا"
    assert a.date == dt.date(2024, 4, 19)
    assert body_texts(a) == [LONG_AR]


@pytest.mark.parametrize(
    "byline",
    ["القاهرة - أ ش أ", "كتب: محمد علي", "كتبت - سارة أحمد", "بقلم: أحمد حسن", "موسكو (رويترز)", "By Jane Doe"],
)
def test_byline_after_the_title_is_kept_apart(byline):
    a = parse(f"العنوان هنا\n{byline}\n\n{LONG_AR}")
    assert a.byline == byline
    assert a.title == "العنوان هنا"
    assert body_texts(a) == [LONG_AR]


def test_byline_then_date_after_title():
    a = parse(f"العنوان\nكتب: محمد علي\nالخميس 18 أبريل 2024\n{LONG_AR}")
    assert (a.byline, a.date) == ("كتب: محمد علي", dt.date(2024, 4, 18))


def test_a_long_first_body_line_is_not_a_byline():
    a = parse(f"العنوان\n{LONG_AR}")
    assert a.byline is None
    assert body_texts(a) == [LONG_AR]


@pytest.mark.parametrize("line", [LONG_AR, "العلاقات الروسية الباكستانية", "وقال الرئيس: إن الأمر مهم."])
def test_sentences_and_headings_are_not_bylines(line):
    assert not is_byline(line)


def test_invisible_bidi_marks_are_removed_from_the_title():
    a = parse(f"\u200fعنوان\u200b الخبر\u202c\n{LONG_AR}")
    assert a.title == "عنوان الخبر"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (f"\u200fمی\u200cخواهم بروم\n\nاین متن کتاب\u200cها است. {LONG_AR}\n", "a.txt"),
        ("---\ntitle: می\u200cخواهم بروم\n---\n\nاین متن کتاب\u200cها است.\n", "a.md"),
    ],
)
def test_a_zwnj_inside_a_word_stays_in_the_title_and_the_body_and_not_in_the_slug(text, source):
    """Persian spelling (می‌خواهم, کتاب‌ها): the title showed میخواهم, its letters joined wrong."""
    a = parse(text, source)
    assert a.title == "می\u200cخواهم بروم" and a.slug == "میخواهم-بروم"
    assert "این متن کتاب\u200cها است." in body_texts(a)[0]


def test_date_mentioned_inside_a_paragraph_is_not_the_article_date():
    a = parse(
        "العنوان\nقال الرئيس يوم 23 ديسمبر 2021 إن المحادثات ناجحة وإن التعاون سيستمر بين البلدين في كل المجالات."
    )
    assert a.date is None


def test_only_a_date_line_is_an_error_naming_the_file():
    with pytest.raises(SourceError) as info:
        parse("19 أبريل 2024\n", source="x/only-date.txt")
    assert info.value.file == "x/only-date.txt"


PAGE = "<head><title>Cairo summit opens</title></head>\n<body><h1>Cairo summit opens</h1><p>Text.</p></body>\n</html>\n"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('<!DOCTYPE html>\n<html lang="en">\n' + PAGE, 1),
        ("<!doctype html><html>" + PAGE, 1),  # minified: one line
        ("<HTML>\n" + PAGE, 1),
        ("\n\n  <!DocType HTML>\n<html>\n" + PAGE, 3),  # under blank lines
        (
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN"\n "http://www.w3.org/TR/html4/strict.dtd">\n<html>'
            + PAGE,
            1,
        ),
        (
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            + PAGE,
            1,
        ),  # XHTML
    ],
)
def test_a_web_page_saved_as_txt_is_skipped_with_what_to_do_not_published_as_markup(text, line):
    """It was published titled '<!DOCTYPE html>', its markup as paragraphs."""
    with pytest.raises(SourceError) as info:
        parse(text, source="x/saved.txt")
    assert (info.value.file, info.value.line) == ("x/saved.txt", line)
    reason = str(info.value.reason)
    assert reason.startswith("a web page (HTML) titled 'Cairo summit opens', not plain text;")
    assert "save the article's own text" in reason and ".md" in reason


def test_a_web_page_without_a_title_is_skipped_without_naming_one():
    with pytest.raises(SourceError) as info:
        parse("<!DOCTYPE html>\n<html><body><p>Text.</p></body></html>\n", source="saved.txt")
    assert str(info.value.reason).startswith("a web page (HTML), not plain text;")


@pytest.mark.parametrize(
    "text",
    [
        f"Writing a web page by hand\n\nEvery page starts with <!DOCTYPE html> and then <html>.\n\n{LONG_EN}\n",
        f"<html> explained\n\nThe tag that opens every web page, and what goes in it.\n\n{LONG_EN}\n",
        f"<!DOCTYPE html>\nWhy the doctype still matters\n\n{LONG_EN}\n",
    ],
)
def test_a_plain_text_article_that_mentions_html_tags_is_published(text):
    a = parse(text, source="tags.txt")
    assert a.body and LONG_EN in body_texts(a)


@pytest.mark.parametrize("after", [f"{LONG_EN}\n", f"<!DOCTYPE html>\nWhy the doctype still matters\n\n{LONG_EN}\n"])
def test_a_text_that_opens_with_many_comments_is_read_at_once_page_or_not(after):
    """The look for a saved page let a comment run on past its '-->' to a later one, so a text
    under n comments that was no page was tried 2**n ways before it was read: 26 took over a
    minute (the time doubles with each comment). Twice the comments take about twice as long,
    not 1,024 times (from 10 to 20; measured by tests/complexity.py, not by the clock)."""
    assert growth(lambda count: parse("<!-- note -->\n" * count + after, source="comments.txt"), 10, 2) < 6
    text = "<!-- note -->\n" * 26 + after
    a = parse(text, source="comments.txt")
    assert LONG_EN in body_texts(a)


@pytest.mark.parametrize("text", ["", "   \n\n\t \n"])
def test_empty_or_blank_file_is_an_error(text):
    with pytest.raises(SourceError, match="empty"):
        parse(text, source="empty.txt")


# --- body --------------------------------------------------------------------------------


def test_one_paragraph_per_line():
    a = parse(f"العنوان\n{LONG_AR}\n{LONG_AR} ثانيا.\n")
    assert body_texts(a) == [LONG_AR, LONG_AR + " ثانيا."]


def test_blank_line_separated_paragraphs_and_extra_blank_lines():
    a = parse(f"العنوان\n\n\n{LONG_AR}\n\n\n\n{LONG_EN}\n\n")
    assert body_texts(a) == [LONG_AR, LONG_EN]


def test_hard_wrapped_paragraph_is_joined():
    wrapped = (
        "The ministry spokesman said the talks covered ways to strengthen\n"
        "economic cooperation between the two countries in energy and trade.\n\n"
        "Second paragraph here, short and complete."
    )
    a = parse(f"Title of the story\n\n{wrapped}")
    assert body_texts(a) == [
        "The ministry spokesman said the talks covered ways to strengthen economic cooperation "
        "between the two countries in energy and trade.",
        "Second paragraph here, short and complete.",
    ]


def test_short_heading_like_line_inside_body_becomes_subheading():
    a = parse(f"العنوان\n{LONG_AR}\nالعلاقات الروسية الباكستانية\n{LONG_AR}")
    assert [b.kind for b in a.body] == ["p", "h2", "p"]
    assert a.body[1].text == "العلاقات الروسية الباكستانية"


@pytest.mark.parametrize(
    ("items", "kind"),
    [
        (["• رفع الحد الأدنى للأجور", "• زيادة المعاشات", "• تثبيت أسعار الوقود"], "li"),
        (["- Raise the minimum wage", "- Raise pensions"], "li"),
        (["1. بند أول", "2. بند ثان", "٣) بند ثالث"], "li"),
        # Arabic numbering with a dash, brackets, and the bullets word processors export to
        # plain text: two such items were subheadings, three or more plain paragraphs.
        (["١- رفع الحد الأدنى للأجور", "٢- تثبيت العمالة المؤقتة"], "li"),
        (["1- Raise the minimum wage", "2 - Raise pensions"], "li"),
        (["(1) بند أول", "(2) بند ثان", "(3) بند ثالث"], "li"),
        (["(أ) بند أول", "(ب) بند ثان"], "li"),
        (["● رفع الأجور", "● زيادة المعاشات"], "li"),
        (["· رفع الأجور", "· زيادة المعاشات"], "li"),
        # the points of a statement, numbered with ordinals
        (["أولاً: رفع الحد الأدنى للأجور", "ثانياً: تثبيت العمالة المؤقتة", "ثالثا - دعم المزارعين"], "li"),
        (["اولا) رفع الأجور", "ثانيًا) زيادة المعاشات"], "li"),
        (["أوّلاً: رفع الأجور", "ثانياً: زيادة المعاشات"], "li"),
        (["2024 - عام التحديات", "2025 - عام الأمل"], "h2"),  # a year is no item's number
        (["أحمد محمد", "محمود علي", "سارة حسن"], "p"),  # names, one per line
        (["يا ليل الصب متى غده", "أقيام الساعة موعده", "رقد السمار فأرقه"], "p"),  # verses
        (["الفصل الأول", "النمو والتضخم"], "h2"),  # a section and its subsection
    ],
)
def test_a_run_of_short_lines_is_a_list_or_text_not_subheadings(items: list[str], kind: str) -> None:
    a = parse(
        "19 أبريل 2024\n\nقرارات مجلس الوزراء\n\n"
        + LONG_AR
        + "\n"
        + "\n".join(items)
        + "\n\nوقال المتحدث إن القرارات تسري فورا."
    )
    assert [(b.kind, b.text) for b in a.body[1:-1]] == [(kind, item) for item in items]
    assert (a.body[0].kind, a.body[-1].kind) == ("p", "p")


def test_a_list_typed_in_plain_text_is_a_list_on_the_page_with_its_markers_as_typed() -> None:
    a = parse("العنوان\n\nأبرز القرارات:\n• رفع الأجور\n• زيادة المعاشات\n1. أولا\n2. ثانيا\n\nنص بعد القائمة.")
    html = body_html(a.body, "ar")
    assert '<ul class="typed">\n<li>• رفع الأجور</li>\n<li>• زيادة المعاشات</li>\n</ul>' in html
    assert '<ol class="typed">\n<li>1. أولا</li>\n<li>2. ثانيا</li>\n</ol>\n<p>نص بعد القائمة.</p>' in html


def test_items_numbered_in_brackets_are_a_numbered_list_and_lettered_ones_a_list() -> None:
    a = parse("العنوان\n\nأبرز القرارات:\n(1) رفع الأجور\n(2) زيادة المعاشات\n(أ) أولا\n(ب) ثانيا\n\nنص بعد القائمة.")
    html = body_html(a.body, "ar")
    assert '<ol class="typed">\n<li>(1) رفع الأجور</li>\n<li>(2) زيادة المعاشات</li>\n</ol>' in html
    assert '<ul class="typed">\n<li>(أ) أولا</li>\n<li>(ب) ثانيا</li>\n</ul>' in html


def test_points_numbered_with_ordinals_are_a_numbered_list_and_an_ordinal_in_a_sentence_is_not() -> None:
    a = parse("العنوان\n\nقرر المجلس ما يلي:\nأولاً: رفع الأجور\nثانياً: زيادة المعاشات\n\nأولا تحدث الوزير عن الأجور.")
    html = body_html(a.body, "ar")
    assert '<ol class="typed">\n<li>أولاً: رفع الأجور</li>\n<li>ثانياً: زيادة المعاشات</li>\n</ol>' in html
    assert "<p>أولا تحدث الوزير عن الأجور.</p>" in html


def test_an_ordinal_point_over_a_list_numbered_with_digits_is_not_its_first_item() -> None:
    a = parse("العنوان\n\nأولاً: المطالب الاقتصادية\n1- رفع الأجور\n2- زيادة المعاشات\n\nنص المقال هنا.")
    html = body_html(a.body, "ar")
    assert '<p>أولاً: المطالب الاقتصادية</p>\n<ol class="typed">\n<li>1- رفع الأجور</li>' in html


@pytest.mark.parametrize(
    "lists",
    [
        [["1- رفع الأجور", "2- زيادة المعاشات"], ["1- دعم المزارعين", "2- تثبيت الأسعار"]],
        [["1. Raise wages", "2. Raise pensions", "3. Freeze prices"], ["1. Cut taxes", "2. Cut tariffs"]],
        [["١) رفع الأجور", "٢) زيادة المعاشات"], ["١) دعم المزارعين", "٢) تثبيت الأسعار"]],
        [["أولاً: رفع الأجور", "ثانياً: زيادة المعاشات"], ["1- دعم المزارعين", "2- تثبيت الأسعار"]],
        [["1- رفع الأجور", "2- زيادة المعاشات"], ["1. دعم المزارعين", "1. تثبيت الأسعار", "1. خفض الضرائب"]],
    ],
)
def test_two_numbered_lists_in_a_row_whose_numbers_restart_are_two_lists_on_the_page(lists: list[list[str]]) -> None:
    # Both were items of one <ol>: the page read "1, 2, 1, 2" as one list of four.
    lines = "\n".join(item for items in lists for item in items)
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n{lines}\n\n{LONG_AR}")
    html = body_html(a.body)
    typed = ['<ol class="typed">\n' + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ol>" for items in lists]
    assert "\n".join(typed) in html


@pytest.mark.parametrize(
    "lists",
    [
        [["1- رفع الأجور", "2- زيادة المعاشات"], ["7- دعم المزارعين", "8- تثبيت الأسعار"]],
        [["1. Raise wages", "2. Raise pensions", "3. Freeze prices"], ["9. Cut taxes", "10. Cut tariffs"]],
        [["١) رفع الأجور", "٢) زيادة المعاشات"], ["٥) دعم المزارعين", "٦) تثبيت الأسعار"]],
    ],
)
def test_two_numbered_lists_in_a_row_whose_numbers_jump_forward_are_two_lists_on_the_page(
    lists: list[list[str]],
) -> None:
    # The extractor took them for two lists ("7-" does not follow "2-"), the page for one <ol>.
    lines = "\n".join(item for items in lists for item in items)
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n{lines}\n\n{LONG_AR}")
    assert [b.kind for b in a.body] == ["p", *("li" for items in lists for _ in items), "p"]
    typed = ['<ol class="typed">\n' + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ol>" for items in lists]
    assert "\n".join(typed) in body_html(a.body)


@pytest.mark.parametrize(
    "lists",
    [
        [["• رفع الأجور", "• زيادة المعاشات"], ["- دعم المزارعين", "- تثبيت الأسعار"]],
        [["* Raise wages", "* Raise pensions"], ["● Cut taxes", "● Cut tariffs", "● Cut fees"]],
        [
            ["• رفع الأجور", "• زيادة المعاشات"],
            ["■ دعم المزارعين", "■ تثبيت الأسعار"],
            ["- خفض الضرائب", "- خفض الرسوم"],
        ],
    ],
)
def test_two_bullet_lists_in_a_row_typed_with_different_bullets_are_two_lists_on_the_page(
    lists: list[list[str]],
) -> None:
    # The page joined every bulleted item after another into one <ul>.
    lines = "\n".join(item for items in lists for item in items)
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n{lines}\n\n{LONG_AR}")
    assert [b.kind for b in a.body] == ["p", *("li" for items in lists for _ in items), "p"]
    typed = ['<ul class="typed">\n' + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>" for items in lists]
    assert "\n".join(typed) in body_html(a.body)


@pytest.mark.parametrize(
    "items",
    [
        ["• رفع الأجور", "- زيادة المعاشات", "• دعم المزارعين", "- تثبيت الأسعار"],  # bullets alternate
        ["• رفع الأجور", "• زيادة المعاشات", "- دعم المزارعين"],  # one stray bullet: no list of one
        ["- Raise wages", "- Raise pensions", "– Cut taxes", "– Cut tariffs"],  # a hyphen, an en dash
        ["(أ) رفع الأجور", "(ب) زيادة المعاشات", "(ج) دعم المزارعين"],  # lettered: one kind of marker
    ],
)
def test_bullets_that_change_within_what_is_clearly_one_list_leave_it_one_list(items: list[str]) -> None:
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(items) + f"\n\n{LONG_AR}")
    assert [b.kind for b in a.body] == ["p", *("li" for _ in items), "p"]
    html = body_html(a.body)
    assert '<ul class="typed">\n' + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>" in html


@pytest.mark.parametrize(
    "typed",
    [
        ["• رفع الأجور", "◦ الحد الأدنى", "◦ الحوافز", "• زيادة المعاشات"],  # a word processor's levels
        ["• رفع الأجور", "  - الحد الأدنى", "  - الحوافز", "• زيادة المعاشات"],  # indented under it
        ["- Raise wages", "\t* minimum wage", "\t* bonuses", "- Raise pensions"],  # a tab
        ["● رفع الأجور", "○ الحد الأدنى", "■ في القطاع العام", "○ الحوافز", "● زيادة المعاشات"],  # three levels
    ],
)
def test_sub_items_under_an_item_are_a_list_inside_that_item_in_order(typed: list[str]) -> None:
    # The sub-items were items of the list like their parents ("◦", "  -"), or a list of their
    # own after it (under its last item): a reader saw no nesting, or two lists.
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(typed) + f"\n\n{LONG_AR}")
    items = [line.strip() for line in typed]
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), *(("li", item) for item in items), ("p", LONG_AR)]
    depths = [b.depth for b in a.body[1:-1]]
    assert depths == ([0, 1, 1, 0] if len(items) == 4 else [0, 1, 2, 1, 0])
    html = body_html(a.body)
    if len(items) == 4:
        first, sub1, sub2, last = items
        nested = f'<li>{first}\n<ul class="typed">\n<li>{sub1}</li>\n<li>{sub2}</li>\n</ul></li>\n<li>{last}</li>'
    else:
        first, sub1, subsub, sub2, last = items
        nested = (
            f'<li>{first}\n<ul class="typed">\n<li>{sub1}\n<ul class="typed">\n<li>{subsub}</li>\n</ul></li>\n'
            f"<li>{sub2}</li>\n</ul></li>\n<li>{last}</li>"
        )
    assert f'<ul class="typed">\n{nested}\n</ul>' in html


@pytest.mark.parametrize(
    ("typed", "depths"),
    [
        (["1. Wages", "   - minimum wage", "   - bonuses", "2. Pensions", "3. Prices"], [0, 1, 1, 0, 0]),
        (["1- الأجور", "• الحد الأدنى", "• الحوافز", "2- المعاشات"], [0, 1, 1, 0]),  # not indented
        (["١- الأجور", "   (أ) الحد الأدنى", "٢- المعاشات"], [0, 1, 0]),  # one sub-item, lettered
        (["1. Wages", "   1. minimum wage", "   2. bonuses", "2. Pensions"], [0, 1, 1, 0]),  # numbered too
        (["1. Wages", "  - minimum", "1. Pensions", "  - widows", "1. Prices"], [0, 1, 0, 1, 0]),  # as Markdown
        (["أولاً: الاقتصاد", "أ- الأجور", "ب- المعاشات", "ثانياً: السياسة", "أ- المعتقلون"], [0, 1, 1, 0, 1]),
    ],
)
def test_sub_items_between_numbered_items_leave_them_one_list_with_no_subheading(
    typed: list[str], depths: list[int]
) -> None:
    # The bullets between "1." and "2." cut the count: each numbered line was alone, and read
    # as a heading ("1. Wages" an <h2>), its sub-items a list after it.
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(typed) + f"\n\n{LONG_AR}")
    items = [line.strip() for line in typed]
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), *(("li", item) for item in items), ("p", LONG_AR)]
    assert [b.depth for b in a.body[1:-1]] == depths
    html = body_html(a.body)
    assert html.count("<ol") == 1 + (items[1][0] == "1") and "<h2" not in html
    assert f"<li>{items[0]}\n<" in html  # the first item holds its sub-items' list
    at = [html.index(f"<li>{item}") for item in items]
    assert at == sorted(at)


@pytest.mark.parametrize(
    "sections",
    [
        ["أ- المحور الاقتصادي", "ب- المحور السياسي"],
        ["أ) المحور الاقتصادي", "ب) المحور السياسي"],
        ["a) The economy", "b) Security"],
        ["(a) The economy", "(b) Security"],
        ["-المحور الاقتصادي", "-المحور السياسي"],
    ],
)
def test_a_lettered_line_alone_between_paragraphs_is_still_a_section_subheading(sections: list[str]) -> None:
    # Since letters ("أ- ", "(a) ") and a dash against the word ("-المحور") became list markers
    # (d7c97b7), such a line alone was a paragraph: the report's sections lost their subheadings
    # (and their anchors), as "1 - المحور الأول" alone did not.
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{sections[0]}\n\n{LONG_AR}\n\n{sections[1]}\n\n{LONG_AR}\n")
    assert [(b.kind, b.text) for b in a.body] == [
        ("p", LONG_AR),
        ("h2", sections[0]),
        ("p", LONG_AR),
        ("h2", sections[1]),
        ("p", LONG_AR),
    ]


@pytest.mark.parametrize(
    "typed",
    [
        ["1- الأجور", "• الحد الأدنى", "2- المعاشات"],
        ["أولاً: الاقتصاد", "أ- الأجور", "ثانياً: السياسة", "أ- المعتقلون"],
    ],
)
def test_a_list_after_a_blank_line_is_no_sub_list_of_the_last_item_above(typed: list[str]) -> None:
    # A list whose numbered items have bulleted sub-items took a list typed after a blank line
    # under it, not indented, for sub-items of its last item too (95883c3): "• بند مستقل" sat
    # inside "2- المعاشات".
    after = ["أ- بند مستقل", "ب- بند آخر"] if typed[0].startswith("أولاً") else ["• بند مستقل", "• بند آخر"]
    a = parse(
        f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n" + "\n".join(typed) + "\n\n" + "\n".join(after) + f"\n\n{LONG_AR}"
    )
    assert [b.text for b in a.body] == [LONG_AR, *typed, *after, LONG_AR]
    assert [(b.kind, b.depth) for b in a.body[-3:-1]] == [("li", 0), ("li", 0)]


def test_a_numbered_line_alone_over_bullets_is_still_a_section_and_a_list_after_a_list_another_list() -> None:
    section = ["1 - المحور الأول", "  • نقطة أولى", "  • نقطة ثانية"]
    lists = ["1- الأجور", "2- المعاشات", "• بند أول", "• بند ثان", "1- أول", "2- ثان"]  # 1 after 2: no sub-items
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(section) + f"\n\n{LONG_AR}\n" + "\n".join(lists))
    assert [(b.kind, b.depth) for b in a.body] == [("p", 0), ("h2", 0), ("li", 0), ("li", 0), ("p", 0)] + [
        ("li", 0)
    ] * 6


def test_points_numbered_with_ordinals_then_digits_are_one_list_each_point_as_typed() -> None:
    items = ["أولاً: رفع الأجور", "ثانياً: زيادة المعاشات", "3- دعم المزارعين", "4- تثبيت الأسعار"]
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(items) + f"\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body[1:-1]] == [("li", item) for item in items]
    assert '<ol class="typed">\n' + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ol>" in body_html(a.body)


@pytest.mark.parametrize(
    "typed",
    [
        [
            "• هذا بند طويل يمتد على سطرين لأن الكاتب ضغط على زر الإدخال",
            "  في منتصفه دون قصد",
            "• بند ثان قصير",
            "• بند ثالث",
        ],
        [
            "- This is a long item that the writer wrapped by hand at some",
            "  point in the middle of its sentence",
            "- Second item",
            "- Third item",
        ],
        [
            "1. This is a long numbered item that the writer wrapped by hand",
            "   in the middle of its sentence",
            "2. Second item",
            "3. Third item",
        ],
        ["• رفع الأجور في القطاع", "  العام والخاص", "• زيادة المعاشات"],  # short, indented under it
        ["1. Raise wages in the", "   public sector", "2. Raise pensions", "3. Cut taxes"],
    ],
)
def test_an_item_wrapped_over_two_lines_is_one_item_and_the_items_after_it_stay_items(typed: list[str]) -> None:
    # The line after a wrapped item's second line went on it, mid-sentence, and so did every
    # item after it: the list was one paragraph ("• ... دون قصد • بند ثان قصير • بند ثالث").
    # A short item's second line was left alone, a subheading ("العام والخاص") cutting the list.
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n" + "\n".join(typed) + f"\n\n{LONG_AR}")
    items = [f"{typed[0]} {typed[1].strip()}", *typed[2:]]
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), *(("li", item) for item in items), ("p", LONG_AR)]


DIALOGUE = (
    "- قال الوزير إن المحادثات التي جرت في العاصمة - وهي الأولى منذ سنوات - كانت مثمرة وبناءة، وإن الجانبين"
    " - بحسب تعبيره - اتفقا على مواصلة الحوار في الشهر المقبل لبحث الملفات العالقة بين البلدين."
)


@pytest.mark.parametrize("width", [58, 68])
@pytest.mark.parametrize("opening", [DIALOGUE, "وقال" + DIALOGUE[5:]])
def test_a_hard_wrapped_paragraph_whose_wrapped_lines_open_with_a_dash_is_one_paragraph(
    opening: str, width: int
) -> None:
    # The wrapping pushed a dash between words to the head of a line ("- وهي الأولى منذ سنوات
    # -"): under a line of dialogue that opens with one, or with another such line under it,
    # it was taken for a list item, and the paragraph cut there into a paragraph and items.
    lines = textwrap.wrap(opening, width)
    assert any(line.startswith("- ") for line in lines[1:])
    wrapped = "\n".join(textwrap.wrap(LONG_AR + " " + LONG_AR, width))
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{wrapped}\n\n" + "\n".join(lines) + f"\n\n{wrapped}\n")
    assert [(b.kind, b.text) for b in a.body] == [
        ("p", LONG_AR + " " + LONG_AR),
        ("p", opening),
        ("p", LONG_AR + " " + LONG_AR),
    ]


def test_a_paragraph_indented_as_paragraphs_are_right_under_a_list_is_no_part_of_its_last_item() -> None:
    said = "وقال الوزير إن القرارات تسري فورا"
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n    {LONG_AR}\n• رفع الأجور\n• زيادة المعاشات\n    {said}\n")
    assert [(b.kind, b.text) for b in a.body] == [
        ("p", LONG_AR),
        ("li", "• رفع الأجور"),
        ("li", "• زيادة المعاشات"),
        ("p", said),
    ]


@pytest.mark.parametrize(
    "sections", [["1- المحور الأول", "2- المحور الثاني"], ["1. The economy", "2. Security"], ["• الاقتصاد", "• الأمن"]]
)
def test_a_paragraph_indented_under_a_numbered_section_is_its_text_not_the_section_line_going_on(
    sections: list[str],
) -> None:
    # "1- المحور الأول" over "   وقال المتحدث ..." (a report's sections, each with its text indented
    # under it) was one item, the section's name and its whole paragraph run together, as a
    # short item's words wrapped under it are; no hand-wrapped line goes on that far past it.
    under = " " * (len(sections[0].split()[0]) + 1)  # where the section's name begins
    text = "".join(f"{section}\n{under}{LONG_AR}\n" for section in sections)
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{text}")
    assert [b.text for b in a.body] == [sections[0], LONG_AR, sections[1], LONG_AR]
    assert [b.kind for b in a.body][1::2] == ["p", "p"]


@pytest.mark.parametrize("indent", ["  ", "   ", "    ", "\t"])
@pytest.mark.parametrize(
    "items",
    [
        ["• رفع الأجور", "• زيادة المعاشات"],
        ["1. Raise wages", "2. Raise pensions"],
        ["1 - الأجور", "2 - المعاشات"],
        ["(1) الأجور", "(2) المعاشات"],
    ],
)
def test_a_paragraph_under_a_list_in_an_archive_that_indents_every_paragraph_stays_a_paragraph(
    indent: str, items: list[str]
) -> None:
    # Indented as the archive's paragraphs are (two spaces to a tab), but no further than where
    # the last item's text begins, the paragraph was joined to that item ("• زيادة المعاشات
    # وقال الوزير ..."), as a line of the item wrapped under its text is.
    said = "وقال الوزير إن القرارات تسري فورا."
    text = (
        f"19 أبريل 2024\n\nالعنوان\n\n{indent}{LONG_AR}\n"
        + "\n".join(items)
        + f"\n{indent}{said}\n\n{indent}{LONG_AR}\n"
    )
    a = parse(text)
    assert [(b.kind, b.text) for b in a.body] == [
        ("p", LONG_AR),
        *(("li", item) for item in items),
        ("p", said),
        ("p", LONG_AR),
    ]


@pytest.mark.parametrize("indent", ["  ", "    ", "\t"])
@pytest.mark.parametrize(
    "items",
    [
        ["1. Raise wages", "2. Raise pensions", "3. Cut taxes"],
        ["١- رفع الأجور", "٢- زيادة المعاشات", "٣- دعم المزارعين"],
    ],
)
def test_numbered_items_indented_further_than_the_one_before_them_that_they_count_on_are_one_list(
    indent: str, items: list[str]
) -> None:
    # An archive that indents every line but its first ("1. ...", "  2. ...", "  3. ..."): the
    # "2." two spaces further in was taken for a sub-item of "1.", which, alone at its level,
    # was made a subheading (<h2>); a sub-list is not numbered on from its parent.
    a = parse(
        f"19 أبريل 2024\n\nالعنوان\n\n{items[0]}\n"
        + "".join(f"{indent}{item}\n" for item in items[1:])
        + f"{indent}{LONG_AR}\n"
    )
    assert [(b.kind, b.depth, b.text) for b in a.body] == [*(("li", 0, item) for item in items), ("p", 0, LONG_AR)]
    html = body_html(a.body)
    assert html.count("<ol") == 1 and "<h2" not in html


@pytest.mark.parametrize(
    "items",
    [["1. higher wages", "2. higher pensions"], ["• رفع الأجور", "• زيادة المعاشات"], ["- wages", "- pensions"]],
)
def test_a_list_right_under_a_sentence_left_open_is_a_list_not_words_of_that_sentence(items: list[str]) -> None:
    # "..., including" over "1. higher wages", "2. higher pensions": both went on the sentence
    # (a long line stopping mid-sentence is hard-wrapped), one paragraph "including 1. ... 2. ...".
    lead = "The government announced a package of new economic measures today, including"
    a = parse("Measures\n19 April 2024\n\nThe cabinet met today.\n\n" + "\n".join([lead, *items]) + "\n\nEnd.")
    assert [(b.kind, b.text) for b in a.body[1:-1]] == [("p", lead), *(("li", item) for item in items)]


@pytest.mark.parametrize(
    ("items", "listed"),
    [
        (["أ- رفع الأجور", "ب- زيادة المعاشات"], "ul"),  # lettered, as official statements are
        (["أ) رفع الأجور", "ب) زيادة المعاشات", "ج) دعم المزارعين"], "ul"),
        (["(a) Raise wages", "(b) Raise pensions"], "ul"),
        (["a) Raise wages", "b) Raise pensions"], "ul"),
        (["1-رفع الأجور", "2-زيادة المعاشات"], "ol"),  # the marker typed against the word
        (["١-رفع الأجور", "٢-زيادة المعاشات", "٣-دعم المزارعين"], "ol"),
        (["1.رفع الأجور", "2.زيادة المعاشات"], "ol"),
        (["-رفع الأجور", "-زيادة المعاشات"], "ul"),
        (["1/ رفع الأجور", "2/ زيادة المعاشات"], "ol"),  # a slash, as much Arabic copy numbers
        (["١/ رفع الأجور", "٢/ زيادة المعاشات", "٣/ دعم المزارعين"], "ol"),
        (["أولا/ رفع الأجور", "ثانيا/ زيادة المعاشات"], "ol"),
        (["1ـ رفع الأجور", "2ـ زيادة المعاشات"], "ol"),  # a tatweel for a dash
        (["1 ) Raise wages", "2 ) Raise pensions"], "ol"),
    ],
)
def test_items_lettered_or_typed_against_their_marker_are_a_list_not_subheadings(items: list[str], listed: str) -> None:
    # Two such lines in a row were two subheadings (<h2>"أ- رفع الأجور"</h2>), three paragraphs.
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(items) + f"\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), *(("li", item) for item in items), ("p", LONG_AR)]
    html = body_html(a.body)
    assert f'<{listed} class="typed">\n' + "\n".join(f"<li>{item}</li>" for item in items) + f"\n</{listed}>" in html


@pytest.mark.parametrize(
    "lines",
    [
        ["أ. محمد علي يكتب عن الاقتصاد", "أ. أحمد حسن يكتب عن السياسة"],  # أ. is أستاذ
        ["A. Smith wrote the report", "B. Jones read it"],  # initials
        ["3-0 فوز الأهلي على الزمالك", "2-1 فوز الإسماعيلي على المصري"],  # scores
        ["1.5 مليون زائر للمعرض هذا العام", "2.5 مليون في العام المقبل"],  # decimals
        ["1/2 كيلو من اللحم بسعر مرتفع", "3/4 لتر من الحليب"],  # fractions
        ["1/ 2 كوب طحين", "1/ 4 كوب سكر", "1/ 3 كوب حليب"],  # fractions typed with a space
        ["15/4/2024 موعد الانتخابات", "20/4/2024 موعد النتائج"],  # dates
    ],
)
def test_lines_opening_with_initials_scores_or_decimals_are_no_list(lines: list[str]) -> None:
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(lines) + f"\n\n{LONG_AR}")
    assert [b.text for b in a.body] == [LONG_AR, *lines, LONG_AR]
    assert "li" not in [b.kind for b in a.body]


LONG_POINT = "زيادة المعاشات " + "بنسبة كبيرة تشمل جميع المتقاعدين في القطاعين العام والخاص " * 5


@pytest.mark.parametrize(
    "items",
    [
        ["1- رفع الأجور", f"2- {LONG_POINT}", "3- دعم المزارعين"],
        ["• رفع الأجور", f"• {LONG_POINT}", "• دعم المزارعين"],
        ["١) رفع الأجور", "٢) تثبيت الأسعار", f"٣) {LONG_POINT}"],  # the last
    ],
)
def test_one_long_point_among_short_ones_is_an_item_of_their_list(items: list[str]) -> None:
    # Over 250 characters, the point was a paragraph, cutting the list: "1- رفع الأجور" and
    # "3- دعم المزارعين", each alone, were made subheadings; bullets were paragraphs.
    items = [item.strip() for item in items]
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(items) + f"\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), *(("li", item) for item in items), ("p", LONG_AR)]


def test_long_numbered_paragraphs_stay_paragraphs() -> None:
    lines = [f"1. {LONG_POINT.strip()}", f"2. {LONG_POINT.strip()}", f"3. {LONG_POINT.strip()}"]
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(lines) + f"\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), *(("p", line) for line in lines), ("p", LONG_AR)]


@pytest.mark.parametrize("marker", ["1. ", "1- ", "- "])
def test_numbered_paragraphs_of_a_statement_stay_paragraphs_when_one_is_shorter(marker: str) -> None:
    # One point of a statement under 250 characters among long ones made its long neighbours
    # items of its list (the rule for one long point among short ones), so the statement was a
    # list; a long point joins a list only where short ones are as many.
    short = "2. وتدعو الحكومة جميع الأطراف إلى ضبط النفس والعودة إلى طاولة الحوار دون شروط مسبقة."
    lines = [f"1. {LONG_POINT.strip()}", short, f"3. {LONG_POINT.strip()}"]
    if marker != "1. ":
        lines = [marker.replace("1", str(n)) + line[3:] for n, line in enumerate(lines, start=1)]
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(lines) + f"\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), *(("p", line) for line in lines), ("p", LONG_AR)]


def test_a_long_list_with_sub_items_is_read_and_written_in_time_linear_in_its_items() -> None:
    def read_and_write(count: int) -> tuple[Article, str]:
        lines = [
            line for n in range(count) for line in (f"{n % 90 + 1}. بند {n}", f"   - فرعي {n}", f"     ◦ فرعي آخر {n}")
        ]
        a = parse("العنوان\n19 أبريل 2024\n\nمقدمة الخبر.\n\n" + "\n".join(lines) + "\n\nخاتمة.")
        return a, str(body_html(a.body))

    assert_linear(read_and_write, 300, repeats=3)  # to 2,400 items: measured by tests/complexity.py, not by the clock
    a, html = read_and_write(10_000)
    assert html.count("<li>") == 30_000 and max(b.depth for b in a.body) == 2


@pytest.mark.parametrize(
    ("lead", "items"),
    [
        ("The government announced a package of measures on Friday, including", ["1. higher wages", "2. pensions"]),
        ("وأعلنت الحكومة حزمة من الإجراءات الاقتصادية الجديدة اليوم، من بينها", ["• رفع الأجور", "• زيادة المعاشات"]),
    ],
)
def test_a_sentence_left_open_over_a_list_is_a_paragraph_not_a_subheading(lead: str, items: list[str]) -> None:
    # Under 80 characters, the sentence cut from the list under it (ab58a34) read as a heading:
    # "..., including" was an <h2>; it went on in the list's words before.
    a = parse("Measures\n19 April 2024\n\nThe cabinet met today.\n\n" + "\n".join([lead, *items]) + "\n\nEnd.")
    assert [(b.kind, b.text) for b in a.body[1:-1]] == [("p", lead), *(("li", item) for item in items)]


@pytest.mark.parametrize("tab", ["\t", " ", "   "])
def test_a_list_saved_as_plain_text_by_word_keeps_its_levels_whose_bullets_are_o_and_section_signs(tab: str) -> None:
    """Word saves a list's first three levels as "·", "o" and "§" (the glyphs of its Symbol,
    Courier New and Wingdings bullets) with a tab: the second and third levels were paragraphs,
    the list cut in pieces around them."""
    words = ["رفع الأجور", "الحد الأدنى", "في القطاع العام", "الحوافز", "زيادة المعاشات"]
    typed = [f"{bullet}{tab}{said}" for bullet, said in zip("·o§o·", words, strict=True)]
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(typed) + f"\n\n{LONG_AR}")
    items = [" ".join(line.split()) for line in typed]
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), *(("li", item) for item in items), ("p", LONG_AR)]
    assert [b.depth for b in a.body[1:-1]] == [0, 1, 2, 1, 0]
    # a list of its own typed with either, as in Word's second level copied alone
    for bullet in ("o", "§"):
        lines = [f"{bullet}{tab}رفع الأجور", f"{bullet}{tab}زيادة المعاشات"]
        a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(lines) + f"\n\n{LONG_AR}")
        html = body_html(a.body)
        assert '<ul class="typed">\n' + "\n".join(f"<li>{' '.join(x.split())}</li>" for x in lines) + "\n</ul>" in html


@pytest.mark.parametrize(
    "lines",
    [
        ["o'clock was when the meeting began in the capital.", "o'clock again, the minister said."],  # no space
        ["o Captain! my Captain! our fearful trip is done."],  # one line alone
        ["§ 5 of the act was read out to the chamber on Monday.", "The vote followed."],
    ],
)
def test_a_line_opening_with_o_or_a_section_sign_alone_or_without_a_space_is_no_word_bullet(lines) -> None:
    a = parse("Title\n19 April 2024\n\nThe cabinet met today.\n\n" + "\n".join(lines) + "\n\nEnd.")
    assert [b.kind for b in a.body] == ["p"] * len(a.body)
    assert [b.text for b in a.body] == ["The cabinet met today.", *lines, "End."]


@pytest.mark.parametrize(
    "lines",
    [
        ["o captain, my captain", "o the ship has weathered every rack"],
        ["o captain, my captain", "o the ship has weathered every rack", "o the prize we sought is won"],
        ["o Captain! my Captain!", "o Ship of State!"],
        ["o say can you see, by the dawn's early light", "o say does that star-spangled banner yet wave"],
    ],
)
def test_lines_opening_with_o_and_english_words_under_no_bulleted_list_are_no_word_list(lines) -> None:
    # Word's "o" is its second level: with a space and English words after it, and no list over
    # it, the lines are verse or sentences ("o captain, my captain"), which were made a list.
    for joined in ("\n".join(lines), "\n\n".join(lines)):
        a = parse("Title\n19 April 2024\n\nThe cabinet met today.\n\n" + joined + "\n\nEnd.")
        assert [(b.kind, b.text) for b in a.body] == [("p", t) for t in ["The cabinet met today.", *lines, "End."]]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_lines_opening_with_o_under_a_line_that_ends_with_a_colon_are_its_list(sep) -> None:
    # A lead-in ending with a colon announces a list: Word's "o" under it is a bullet, as it
    # was before verse ("o captain, my captain") under no list was made text.
    items = ["o raise wages in the public sector", "o cut taxes for small firms"]
    a = parse("Title\n19 April 2024\n\nThe plan includes:" + sep + sep.join(items) + "\n\nEnd.")
    assert [(b.kind, b.text) for b in a.body] == [
        ("p", "The plan includes:"),
        *(("li", t) for t in items),
        ("p", "End."),
    ]


@pytest.mark.parametrize("bullet", ["·", "•", "-"])
def test_lines_opening_with_o_under_a_list_item_are_its_word_sub_items(bullet) -> None:
    items = [f"{bullet} Raise wages", "o in the public sector", "o in the private sector"]
    a = parse("Title\n19 April 2024\n\nThe cabinet met today.\n\n" + "\n".join(items) + "\n\nEnd.")
    assert [(b.kind, b.text, b.depth) for b in a.body[1:-1]] == [
        ("li", items[0], 0),
        *(("li", t, 1) for t in items[1:]),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        ["1. Raise wages", "o in the public sector", "2. Cut taxes"],
        ["1. Raise wages", "2. Cut taxes", "o for the poor", "o for small firms"],  # the last item's
        ["1. Raise wages", "2. Cut taxes", "o for the poor"],
        ["1. Raise wages", "o in the public sector", "o in the private sector"],  # a list of one item
        ["١- رفع الأجور", "o في القطاع العام", "٢- خفض الضرائب", "o للفقراء"],
    ],
)
def test_lines_opening_with_o_under_a_numbered_item_are_its_word_sub_items(lines) -> None:
    # As under a bulleted item: Word's second level under its first. The last item's one
    # sub-item was a paragraph, and a numbered line alone over its sub-items a subheading.
    a = parse("Title\n19 April 2024\n\nThe cabinet met today.\n\n" + "\n".join(lines) + "\n\nEnd.")
    assert [(b.kind, b.text, b.depth) for b in a.body[1:-1]] == [
        ("li", t, 1 if t.startswith("o ") else 0) for t in lines
    ]


@pytest.mark.parametrize("gap", ["   ", "  ", "\u00a0"])
def test_lines_opening_with_o_and_the_spaces_word_pads_its_bullet_with_are_a_list(gap) -> None:
    # Copied out of Word, its bullet is padded to the tab stop with spaces (or a no-break
    # space): verse or a sentence has one space after "o". They were made paragraphs.
    lines = [f"o{gap}raise wages", f"o{gap}cut taxes"]
    a = parse("Title\n19 April 2024\n\nThe cabinet met today.\n\n" + "\n".join(lines) + "\n\nEnd.")
    assert [b.kind for b in a.body] == ["p", "li", "li", "p"]
    assert [b.text for b in a.body[1:3]] == ["o raise wages", "o cut taxes"]


def test_lines_opening_with_o_and_a_tab_as_word_saves_them_are_a_list_of_their_own() -> None:
    lines = ["o\traise wages", "o\tcut taxes"]
    a = parse("Title\n19 April 2024\n\nThe cabinet met today.\n\n" + "\n".join(lines) + "\n\nEnd.")
    assert [(b.kind, b.text) for b in a.body[1:-1]] == [("li", "o raise wages"), ("li", "o cut taxes")]


def test_notes_numbered_in_square_brackets_are_a_numbered_list_as_typed() -> None:
    """Word saves endnotes as "[1] …" lines: the first read as a subheading, the others as
    paragraphs."""
    notes = ["[1] تقرير الأمم المتحدة 2023", "[2] بيان وزارة الخارجية", "[3] Reuters, 19 April 2024"]
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\nالمراجع:\n" + "\n".join(notes))
    assert [(b.kind, b.text) for b in a.body[2:]] == [("li", note) for note in notes]
    html = body_html(a.body)
    assert '<ol class="typed">\n' + "\n".join(f"<li>{note}</li>" for note in notes) + "\n</ol>" in html
    # numbers that do not follow on are no list; a bracket inside a sentence is text
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n[1] أولاً.\n[7] ثانياً.\n\nقال [1] الوزير.")
    assert [b.kind for b in a.body] == ["p", "p", "p", "p"]


@pytest.mark.parametrize(
    "notice", ["(c) 2024 Reuters. All rights reserved.", "(C) Copyright 2024 AFP", "(c) ٢٠٢٤ وكالة الأنباء"]
)
def test_a_copyright_line_under_a_list_is_no_item_of_it(notice: str) -> None:
    """ "(c)" before a year or "Copyright" is a copyright sign, not a lettered item: under a
    bulleted list the notice was its last item."""
    items = ["- Raise wages", "- Raise pensions"]
    lead = "Title of the story\n19 April 2024\n\nThe cabinet agreed on these points.\n"
    a = parse(lead + "\n".join([*items, notice]))
    assert [(b.kind, b.text) for b in a.body[1:]] == [*(("li", item) for item in items), ("p", notice)]
    lettered = ["(a) Raise wages", "(b) Raise pensions", "(c) Cut taxes"]
    a = parse(lead + "\n".join(lettered))
    assert [(b.kind, b.text) for b in a.body[1:]] == [("li", item) for item in lettered]


@pytest.mark.parametrize(
    "lettered",
    [
        ["(a) Raise wages", "(b) Cut taxes", "(c) 2024 budget review"],
        ["(A) Raise wages", "(B) Cut taxes", "(C) Copyright law reform"],
    ],
)
def test_a_lettered_lists_third_item_opening_with_a_year_or_copyright_stays_its_item(lettered: list[str]) -> None:
    # Under "(b) ...", "(c)" is the list's next letter whatever follows it: read as a copyright
    # sign (5975645), the third item was cut off the list and made a subheading.
    lead = "Title of the story\n19 April 2024\n\nThe cabinet agreed on these points.\n\n"
    for joint in ("\n", "\n\n"):
        a = parse(lead + joint.join([*lettered, "The meeting ended."]))
        assert [(b.kind, b.text) for b in a.body[1:]] == [
            *(("li", item) for item in lettered),
            ("p", "The meeting ended."),
        ]


@pytest.mark.parametrize(
    ("lines", "kind"),
    [
        (["§ 3 of the Act provides that tenants must be told.", "§ 4 of the Act provides that notice is due."], "p"),
        (["§ 1 Scope of the law", "§ 2 Definitions used"], "h2"),
        (["§ ٣ من القانون ينص على إبلاغ المستأجر.", "§ ٤ من القانون ينص على مهلة شهرين."], "p"),
    ],
)
def test_lines_opening_with_a_numbered_section_sign_are_no_word_bullets(lines: list[str], kind: str) -> None:
    # Word's "§" bullet is followed by the item's words; "§ 3" is a section of a law, as in the
    # start commit: two such lines in a row were made a list.
    a = parse("Title\n19 April 2024\n\nThe cabinet met today.\n\n" + "\n\n".join(lines) + "\n\nThe vote followed.")
    assert [(b.kind, b.text) for b in a.body[1:-1]] == [(kind, line) for line in lines]


def test_sub_items_under_the_last_item_of_a_list_are_inside_it_not_a_list_after_it() -> None:
    # "◦" right under the last "•": _rebulleted cut it off as a second list.
    items = "• رفع الأجور\n• زيادة المعاشات\n◦ للمتقاعدين\n◦ للأرامل"
    html = body_html(parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n{items}\n\n{LONG_AR}").body)
    assert html.count('<ul class="typed">') == 2
    assert (
        '<li>• زيادة المعاشات\n<ul class="typed">\n<li>◦ للمتقاعدين</li>\n<li>◦ للأرامل</li>\n</ul></li>\n</ul>' in html
    )


def test_two_numbered_lists_with_a_paragraph_between_them_are_two_lists() -> None:
    lists = [["1- رفع الأجور", "2- زيادة المعاشات"], ["1- دعم المزارعين", "2- تثبيت الأسعار"]]
    between = "وأضاف المتحدث أن الحكومة ستعلن خطة ثانية خلال الأسبوع المقبل."
    text = "\n".join([*lists[0], between, *lists[1]])
    html = body_html(parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n{text}\n\n{LONG_AR}").body)
    typed = ['<ol class="typed">\n' + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ol>" for items in lists]
    assert f"{typed[0]}\n<p>{between}</p>\n{typed[1]}" in html


@pytest.mark.parametrize(
    "items",
    [
        ["تاسعاً: دعم المزارعين", "عاشراً: رفع الأجور", "حادي عشر: زيادة المعاشات", "ثاني عشر: تثبيت الأسعار"],
        ["الحادي عشر: زيادة المعاشات", "الثاني عشر: تثبيت الأسعار", "الثالث عشر: دعم الصادرات"],
        ["حادى عشر - زيادة المعاشات", "ثانى عشر - تثبيت الأسعار"],
        ["التاسع عشر: دعم الصادرات", "العشرون: خفض الضرائب"],
    ],
)
def test_points_numbered_with_ordinals_past_the_tenth_are_a_numbered_list(items: list[str]) -> None:
    a = parse("العنوان\n\nقرر المجلس ما يلي:\n" + "\n".join(items) + "\n\nنص بعد القائمة.")
    assert [(b.kind, b.text) for b in a.body[1:-1]] == [("li", item) for item in items]
    assert '<ol class="typed">' in body_html(a.body, "ar")


RANGE = "20 - 30 ألف متظاهر خرجوا إلى الشوارع في القاهرة والإسكندرية، بحسب تقديرات الشرطة."


def test_a_paragraph_opening_with_a_number_range_is_a_paragraph_not_a_list_item() -> None:
    # Under a numbered list, "20 - " was read as the marker of its next item.
    second = "5 - 10 آلاف آخرين تجمعوا أمام مبنى البرلمان في وسط العاصمة."
    a = parse(f"العنوان\n\nمطالب المحتجين:\n1- رفع الأجور\n2- زيادة المعاشات\n{RANGE}\n{second}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [
        ("p", "مطالب المحتجين:"),
        ("li", "1- رفع الأجور"),
        ("li", "2- زيادة المعاشات"),
        ("p", RANGE),
        ("p", second),
        ("p", LONG_AR),
    ]
    # short and without a stop, it read as a numbered subheading
    short = "20 - 30 ألف متظاهر خرجوا إلى الشوارع"
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{short}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("p", short), ("p", LONG_AR)]


@pytest.mark.parametrize(
    "heading",
    [
        "2011 - 2021 عقد من التحولات",
        "2011 - 2021: عقد من التحولات",
        "٢٠١١ - ٢٠٢١: عقد من التحولات",
        "1967–1973 من النكسة إلى العبور",
        "2011-2021: A decade of change",
    ],
)
def test_a_short_line_opening_with_a_span_of_years_over_a_paragraph_is_a_subheading(heading: str) -> None:
    # A period heads the part of a retrospective about it. Since lines opening with a number
    # range became paragraphs (a quantity opens a sentence: "20 - 30 ألف متظاهر ..."), such
    # headings were paragraphs too; one with a colon after its years never was a subheading.
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{heading}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("h2", heading), ("p", LONG_AR)]


@pytest.mark.parametrize(
    "line",
    [
        "2011 - 2021 شهدت البلاد عقدا من التحولات.",  # a sentence: it ends with a stop
        "1500 - 2000 جنيه متوسط الأجور",  # a quantity, not a span of years
        "2000 - 2500 متظاهر أمام البرلمان",
        "2011 - 2021: " + "عقد من التحولات السياسية والاقتصادية والاجتماعية في المنطقة العربية كلها",
        "2011 - 2021: المصدر: وكالات",  # a label: value after the years
        "2011 - 2021",  # no words to head a section with
    ],
)
def test_a_line_opening_with_numbers_that_do_not_head_a_period_stays_a_paragraph(line: str) -> None:
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{line}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("p", line), ("p", LONG_AR)]


@pytest.mark.parametrize(
    "line",
    [
        "1900 - 2000 جنيه",
        "1900 - 2000 جنيها شهريا",
        "١٩٠٠ - ٢٠٠٠ دولار",
        "1950–2000 ريال سعودي",
        "1900 - 2000 درهم",
        "1900 - 2000 دينار كويتي",
        "1900 - 2000 يورو",
        "1900 - 2000 ليرة",
        "1900 - 2000 طن من القمح",
        "1900 - 2000 متر مربع",
        "1900 - 2000 كيلومتر",
        "1900 - 2000 ألف متظاهر",
        "1900 - 2000 مليون برميل",
        "1900 - 2000 شخص",
        "1900 - 2000 متظاهر أمام البرلمان",
        "1900 - 2000 متظاهرين",
        "1900 - 2000: جنيه",
        "1900 - 2000 pounds",
        "1900-2000 dollars a month",
        "1900 - 2000 tons of wheat",
        "1900 - 2000 people",
    ],
)
def test_a_short_line_opening_with_a_range_of_money_or_things_stays_a_paragraph(line: str) -> None:
    # Two numbers that could be years, but with a currency or a unit after them: a quantity.
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{line}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("p", line), ("p", LONG_AR)]


@pytest.mark.parametrize(
    "line",
    [
        "1900 - 2000 ج.م",
        "1900 - 2000 ج. م شهريا",
        "1900 - 2000 ر.س",
        "1900 - 2000 د.إ",
        "1900 - 2000 د.ك",
        "1900 - 2000 ل.س",
        "1900 - 2000 ل.ل",
        "1900 - 2000 د.أ",
        "1900 - 2000 US dollars",
        "1900 - 2000 U.S. dollars a month",
        "1900 - 2000 Saudi riyals",
        "1900 - 2000 Hong Kong dollars",
        "1900 - 2000 euros",
        "1900 - 2000 pounds sterling",
        "1900 - 2000 sterling",
        "1900 - 2000 US$",
    ],
)
def test_a_range_of_money_in_an_abbreviated_currency_or_after_a_country_word_stays_a_paragraph(line: str) -> None:
    # "ج.م" (جنيه مصري) and "US dollars" were read as the name of a period: subheadings.
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{line}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("p", line), ("p", LONG_AR)]


@pytest.mark.parametrize(
    "heading",
    [
        "1900 - 2000 قرن من التحولات",
        "1990 - 2000 من الحرب إلى السلام",
        "1990 - 2000 People and power",  # capitalized: a name, not "people" counted
        "1990 - 2000 د. محمد مرسي",  # "د." for doctor, not a currency's abbreviation
        "1990 - 2000 Dollars and diplomacy",  # capitalized, and no country word before it
    ],
)
def test_a_span_of_years_followed_by_a_word_that_is_no_unit_is_still_a_subheading(heading: str) -> None:
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{heading}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("h2", heading), ("p", LONG_AR)]


@pytest.mark.parametrize(
    "heading",
    ["2024: عام التحديات", "٢٠٢٤: عام التحديات", "2024 : عام التحديات", "1973: A year of war"],
)
def test_a_short_line_opening_with_a_year_and_a_colon_over_a_paragraph_is_a_subheading(heading: str) -> None:
    # As "2024 - عام التحديات" and "2011 - 2021: عقد من التحولات" are; the colon made it a
    # paragraph, as a label's colon does.
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{heading}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("h2", heading), ("p", LONG_AR)]


@pytest.mark.parametrize(
    "line",
    [
        "المصدر: وكالات",  # a label
        "10:30 بدء الجلسة",  # a time
        "2024: المصدر: وكالات",  # a label after the year
        "2024: 10 آلاف قتيل",  # a number, no name, after the year
        "2024: شهدت البلاد عاما صعبا.",  # a sentence
        "2024: " + "عام التحديات السياسية والاقتصادية والاجتماعية في المنطقة العربية كلها وما حولها",  # long
        "1500: عدد المصابين في الحادث",  # no year of modern history
    ],
)
def test_a_line_with_a_colon_that_does_not_name_a_year_stays_a_paragraph(line: str) -> None:
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{line}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("p", line), ("p", LONG_AR)]


@pytest.mark.parametrize(
    "line",
    [
        "2011 - 2021: 10 آلاف قتيل",
        "2011 - 2021 10 آلاف قتيل",
        "٢٠١١ - ٢٠٢١: ١٠ آلاف قتيل",
        "2011-2021: 250 thousand dead",
        "2011 - 2021: ألف قتيل",  # a count in words
        "2024: ألف قتيل",
        "2024: مليون لاجئ",
    ],
)
def test_a_count_after_a_year_or_a_span_of_years_is_a_sentence_not_a_subheading(line: str) -> None:
    # "2024: 10 آلاف قتيل" was a paragraph, "2011 - 2021: 10 آلاف قتيل" a subheading: a count
    # after the years is a sentence's subject, whether one year or a span is named.
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{line}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("p", line), ("p", LONG_AR)]


def test_a_span_of_years_inside_a_paragraph_leaves_it_a_paragraph() -> None:
    inside = "وشهدت المنطقة في الفترة 2011 - 2021 تحولات كبيرة غيرت شكل الحكم والاقتصاد فيها"
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{inside}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("p", inside), ("p", LONG_AR)]


@pytest.mark.parametrize(
    "lines",
    [
        ["3. بلغ عدد المصابين ثلاثة أشخاص", "7. بلغ عدد القتلى سبعة أشخاص"],
        ["1- رفع الأجور", "1- زيادة المعاشات"],
    ],
)
def test_numbered_lines_whose_numbers_do_not_follow_each_other_are_no_list(lines: list[str]) -> None:
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(lines) + f"\n\n{LONG_AR}")
    assert [b.text for b in a.body] == [LONG_AR, *lines, LONG_AR]
    assert "li" not in [b.kind for b in a.body]


def test_a_numbered_list_may_start_past_one_when_its_numbers_follow_each_other() -> None:
    items = ["3. بند ثالث", "4. بند رابع", "٥) بند خامس"]
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(items) + f"\n\n{LONG_AR}")
    assert [b.kind for b in a.body] == ["p", "li", "li", "li", "p"]


@pytest.mark.parametrize(
    "items",
    [
        ["1- رفع الأجور", "2- زيادة المعاشات", "2- تثبيت الأسعار", "4- دعم المزارعين"],  # 3 typed as 2
        ["١- رفع الأجور", "٢- زيادة المعاشات", "٢- تثبيت الأسعار", "٤- دعم المزارعين"],
        ["1- Raise wages", "2- Raise pensions", "2- Freeze prices", "4- Support farmers"],
        ["1. Raise wages", "3. Raise pensions", "3. Freeze prices", "4. Support farmers"],  # 2 typed as 3
        ["١- رفع الأجور", "٢- زيادة المعاشات", "٤- دعم المزارعين"],  # 3 skipped
        ["1) رفع الأجور", "1) زيادة المعاشات", "2) دعم المزارعين"],  # 1 repeated
    ],
)
def test_a_numbered_list_with_one_mistyped_number_is_one_list_showing_the_numbers_as_typed(items: list[str]) -> None:
    # Items follow each other's numbers; a typo left the items that had no neighbour numbered
    # one more than themselves as subheadings ("2- تثبيت الأسعار", "4- دعم المزارعين").
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(items) + f"\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), *(("li", item) for item in items), ("p", LONG_AR)]
    html = body_html(a.body)  # (without the article's language: no lang on the English items)
    assert '<ol class="typed">\n' + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ol>" in html


@pytest.mark.parametrize(
    "items",
    [
        ["1. رفع الأجور", "1. زيادة المعاشات", "1. دعم المزارعين"],
        ["1- Raise wages", "1- Raise pensions", "1- Freeze prices", "1- Support farmers"],
        ["١- رفع الأجور", "١- زيادة المعاشات", "١- دعم المزارعين"],
        ["1) رفع الأجور", "1. زيادة المعاشات", "1- دعم المزارعين"],
    ],
)
def test_three_or_more_lines_in_a_row_all_numbered_one_are_one_list_showing_the_numbers_as_typed(
    items: list[str],
) -> None:
    # Markdown numbers every item 1 and counts them itself; carried into plain text, such
    # lines were paragraphs (or subheadings) each opening with "1.".
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(items) + f"\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), *(("li", item) for item in items), ("p", LONG_AR)]
    html = body_html(a.body)
    assert '<ol class="typed">\n' + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ol>" in html


@pytest.mark.parametrize(
    "items",
    [
        ["1. البند الأول", "1. البند الثاني", "1. البند الثالث", "2. البند الرابع"],
        ["1- Raise wages", "1- Raise pensions", "1- Cut taxes", "2- Cut tariffs", "3- Cut fees"],
        ["١) رفع الأجور", "١) زيادة المعاشات", "٢) دعم المزارعين", "٣) تثبيت الأسعار"],
    ],
)
def test_a_list_numbered_one_then_counted_on_is_one_list_with_no_subheading_made_of_its_items(
    items: list[str],
) -> None:
    # Numbered 1 as Markdown is typed, then counted on ("1.", "1.", "1.", "2."): neither all 1
    # nor ascending but for a typo, so only the 1 that a 2 follows and the 2 were a list, and
    # the 1s above them subheadings ("1. البند الأول" as an <h2>).
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(items) + f"\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), *(("li", item) for item in items), ("p", LONG_AR)]
    html = body_html(a.body)
    assert '<ol class="typed">\n' + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ol>" in html


@pytest.mark.parametrize(
    "lists",
    [
        [
            ["1. رفع الأجور", "1. زيادة المعاشات", "1. خفض الضرائب"],
            ["1- دعم المزارعين", "2- تثبيت الأسعار", "3- دعم الصادرات"],
        ],
        [["1. Raise wages", "1. Raise pensions", "1. Cut taxes"], ["1. Support farmers", "2. Freeze prices"]],
        [
            ["١- رفع الأجور", "١- زيادة المعاشات", "١- خفض الضرائب", "١- دعم الصادرات"],
            ["١) دعم المزارعين", "٢) تثبيت الأسعار"],
        ],
    ],
)
def test_a_list_all_numbered_one_then_a_list_counted_from_one_are_two_lists(lists: list[list[str]]) -> None:
    # One run of numbers (1, 1, 1, 1, 2, 3) that was neither all 1 nor ascending but for a typo:
    # the 1s were paragraphs, and only the counted list a list.
    lines = "\n".join(item for items in lists for item in items)
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n{lines}\n\n{LONG_AR}")
    assert [b.kind for b in a.body] == ["p", *("li" for items in lists for _ in items), "p"]
    typed = ['<ol class="typed">\n' + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ol>" for items in lists]
    assert "\n".join(typed) in body_html(a.body)


@pytest.mark.parametrize(
    "lines",
    [
        ["3. بلغ عدد المصابين ثلاثة أشخاص", "7. بلغ عدد القتلى سبعة أشخاص", "9. بلغ عدد المفقودين تسعة أشخاص"],
        ["1- رفع الأجور", "3- زيادة المعاشات", "5- دعم المزارعين"],  # two numbers skipped: no typo
        ["9- رفع الأجور", "4- زيادة المعاشات", "1- دعم المزارعين"],
        ["5- رفع الأجور", "5- زيادة المعاشات", "5- دعم المزارعين"],  # all one number, but not 1
        ["أولاً: رفع الأجور", "أولاً: زيادة المعاشات", "أولاً: دعم المزارعين"],  # nor in words
    ],
)
def test_three_numbered_lines_whose_numbers_do_not_mostly_ascend_are_no_list(lines: list[str]) -> None:
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(lines) + f"\n\n{LONG_AR}")
    assert [b.text for b in a.body] == [LONG_AR, *lines, LONG_AR]
    assert "li" not in [b.kind for b in a.body]


@pytest.mark.parametrize(
    "lines",
    [
        ["1973 - حرب أكتوبر", "1979 - معاهدة السلام", "1981 - اغتيال السادات"],
        ["2011 - 2021: عقد من التحولات", "2021 - 2023: سنوات الأزمة", "2024 - 2025: بداية التعافي"],
        ["1973 - 1979 حرب وسلام", "1981 - 2011 حكم مبارك", "2011 - 2013 الثورة"],
    ],
)
def test_lines_opening_with_years_are_no_list_however_many_in_a_row(lines: list[str]) -> None:
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n" + "\n".join(lines) + f"\n\n{LONG_AR}")
    assert [b.text for b in a.body] == [LONG_AR, *lines, LONG_AR]
    assert "li" not in [b.kind for b in a.body]


@pytest.mark.parametrize(
    "line",
    ["العلاقات الروسية الباكستانية", "Economic ties", "خلفية"],
)
def test_heading_detection_accepts_short_lines(line):
    assert is_heading(line)


@pytest.mark.parametrize(
    "line",
    [LONG_AR, "انتهى الاجتماع.", "وقال:", "المصدر: وكالات", "123 456", "هل انتهى؟"],
)
def test_heading_detection_rejects_sentences(line):
    assert not is_heading(line)


def test_last_short_line_stays_a_paragraph():
    a = parse(f"العنوان\n{LONG_AR}\nوكالات")
    assert [b.kind for b in a.body] == ["p", "p"]


def test_every_line_of_the_input_is_kept():
    lines = ["الأحد 5 مايو 2024", "العنوان", "كتب: فلان", LONG_AR, "عنوان فرعي", LONG_EN, "(رويترز)"]
    a = parse("\n\n".join(lines))
    kept = [a.title, a.byline, *body_texts(a)]
    for line in lines[1:]:
        assert line in kept
    assert a.date == dt.date(2024, 5, 5)


# --- hard-wrapped plain text ---------------------------------------------------------------
# Old terminals, e-mail and news-agency wires break paragraphs into lines of a fixed width; the
# page must still show each paragraph whole, and only the real subheadings as subheadings.

SEED_PARAGRAPHS = [
    line
    for line in (Path(__file__).resolve().parent.parent / "seeds" / "001_cc7b3c5100db086b.txt")
    .read_text("utf-8")
    .split("\n")[1:]
    if line.strip()
]
AR_WRAPPED = [("h2" if is_heading(p) else "p", p) for p in SEED_PARAGRAPHS]  # one subheading, 6 paragraphs
EN_WRAPPED = [
    (
        "p",
        "Russian Foreign Minister Sergei Lavrov arrived in Islamabad on Tuesday for a two-day visit, the first"
        " by a Russian foreign minister in nine years, as Moscow and Islamabad look to expand a relationship"
        " long overshadowed by Pakistan's well-known alliance with the United States.",
    ),
    (
        "p",
        "Lavrov met his Pakistani counterpart, Shah Mahmood Qureshi, and the army chief. The two sides"
        " discussed energy, counter-terrorism and the situation in Afghanistan, according to a statement"
        " released after the talks by the Foreign Office in Islamabad.",
    ),
    ("h2", "Gas pipeline and vaccines"),
    (
        "p",
        "Russia is to help build a 1,100-kilometre gas pipeline from Karachi to Lahore. Officials said the"
        ' agreement, delayed for years by sanctions, was "now firmly on track", and that construction'
        " could begin before the end of the year, with Russian companies holding a minority stake.",
    ),
    (
        "p",
        "Qureshi said Pakistan needed far more vaccine doses than it had received so far and welcomed"
        " Russian offers to supply Sputnik V. Analysts in Islamabad, including the former ambassador Bashar"
        " al-Assad Khan, called the visit a turning point in relations between the two countries.",
    ),
]


def wrapped_article(blocks: list[tuple[str, str]], width: int, heading_gap: str = "\n\n") -> str:
    """A plain-text article whose paragraphs are hard-wrapped at width (textwrap, as `fmt -w`
    or a mail program would), blank lines between paragraphs."""
    body = ""
    for kind, text in blocks:
        if kind == "h2":
            body += text + heading_gap
        else:
            body += "\n".join(textwrap.wrap(text, width)) + "\n\n"
    title = "Lavrov visits Islamabad" if blocks[0][1].isascii() else "عنوان الخبر"
    return f"19 أبريل 2024\n\n{title}\n\n{body}"


def blocks_of(article) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in article.body]


@pytest.mark.parametrize("width", [40, 50, 60, 72])
@pytest.mark.parametrize("blocks", [AR_WRAPPED, EN_WRAPPED], ids=["ar", "en"])
def test_hard_wrapped_article_has_each_paragraph_whole_and_only_real_subheadings(blocks, width):
    text = wrapped_article(blocks, width)
    assert max(len(line) for line in text.split("\n")) <= width
    assert blocks_of(parse(text)) == blocks


@pytest.mark.parametrize("width", [40, 50, 60, 72])
@pytest.mark.parametrize("blocks", [AR_WRAPPED, EN_WRAPPED], ids=["ar", "en"])
def test_subheading_right_above_a_wrapped_paragraph_stays_a_subheading(blocks, width):
    assert blocks_of(parse(wrapped_article(blocks, width, heading_gap="\n"))) == blocks


def test_subheading_that_nearly_fills_a_narrow_line_stays_a_subheading():
    heading = "Energy ties and vaccine supply"  # 30 of 40 columns; "Russia" would have fitted after it
    blocks = [EN_WRAPPED[0], ("h2", heading), EN_WRAPPED[3]]
    assert blocks_of(parse(wrapped_article(blocks, 40, heading_gap="\n"))) == blocks


@pytest.mark.parametrize("width", [40, 72])
def test_wrapped_lines_with_trailing_spaces_and_crlf_are_joined(width):
    text = normalize_text(wrapped_article(EN_WRAPPED, width).replace("\n", "  \r\n"))
    assert blocks_of(parse(text)) == EN_WRAPPED


@pytest.mark.parametrize("width", [40, 50, 60, 72])
@pytest.mark.parametrize("tail", ["محمد علي", "(رويترز)"])
def test_signature_right_under_a_wrapped_paragraph_stays_a_line_of_its_own(tail, width):
    text = wrapped_article(AR_WRAPPED, width).rstrip("\n") + f"\n{tail}\n"
    assert blocks_of(parse(text)) == [*AR_WRAPPED, ("p", tail)]


@pytest.mark.parametrize("width", [40, 50, 60, 72])
def test_date_line_right_under_a_wrapped_last_paragraph_is_the_date(width):
    text = wrapped_article(AR_WRAPPED, width).split("\n\n", 1)[1].rstrip("\n") + "\nنشر في 19 أبريل 2024\n"
    a = parse(text)
    assert a.date == dt.date(2024, 4, 19)
    assert blocks_of(a) == AR_WRAPPED


def test_wrapped_paragraph_is_joined_across_a_line_that_ends_a_sentence():
    paragraph = (
        "The talks in Moscow ended late on Monday evening. Both sides said they would meet again in"
        " Islamabad before the end of the year to sign the agreement."
    )
    lines = textwrap.wrap(paragraph, 50)
    assert lines[0].endswith("evening.")
    other = "The ministry said the visit had been planned for several months and was not linked to the vote."
    text = "Title of the story\n\n" + "\n".join(lines) + "\n\n" + "\n".join(textwrap.wrap(other, 50))
    assert body_texts(parse(text)) == [paragraph, other]


@pytest.mark.parametrize("width", [41, 61])
def test_word_broken_at_its_hyphen_is_joined_without_a_space(width):
    paragraph = (
        "The delegation was received by Bashar al-Assad and by a well-known adviser of the president,"
        " officials in the capital said after the meeting, which lasted for more than two hours."
    )
    lines = textwrap.wrap(paragraph, width)
    assert lines[0].endswith("-")
    assert body_texts(parse("Title of the story\n\n" + "\n".join(lines))) == [paragraph]


def test_first_line_of_a_wrapped_paragraph_is_not_taken_for_a_byline():
    paragraph = (
        "تقرير البنك الدولي الصادر اليوم يتوقع نمو الاقتصاد المصري بنسبة أربعة في المئة خلال العام المقبل،"
        " مدفوعا بتعافي قطاع السياحة وزيادة الصادرات."
    )
    a = parse("19 أبريل 2024\nالبنك الدولي يرفع توقعاته\n" + "\n".join(textwrap.wrap(paragraph, 50)))
    assert a.byline is None
    assert body_texts(a) == [paragraph]


def test_short_lines_of_a_one_paragraph_per_line_article_are_not_joined():
    lines = [
        LONG_AR,
        "وتشمل الاتفاقية المجالات التالية",
        "التعاون في مجال الطاقة والغاز الطبيعي",
        "تطوير البنية التحتية للموانئ البحرية",
        "تبادل الخبرات في التعليم العالي",
        "النقل",
        LONG_AR + " ثانيا.",
    ]
    assert body_texts(parse("العنوان\n" + "\n".join(lines))) == lines


def test_long_paragraphs_without_their_final_stop_are_not_joined():
    # Much Arabic copy leaves out the full stop that ends a paragraph; a line this long was
    # never hard-wrapped, so it is a paragraph, not the first part of one.
    lines = [
        "قال وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة بحضور نظيره الروسي إن المحادثات بين البلدين "
        "كانت مثمرة وتناولت سبل تعزيز التعاون الاقتصادي والتجاري في مجالات الطاقة والنقل والتعليم "
        "والصحة والزراعة والسياحة",
        "وأضاف أن الجانبين اتفقا على تشكيل لجنة مشتركة تجتمع كل ستة أشهر لمتابعة تنفيذ ما تم الاتفاق عليه "
        "من مشروعات في قطاعات الغاز الطبيعي والبنية التحتية للموانئ البحرية والسكك الحديدية وشبكات "
        "الكهرباء والاتصالات والمياه",
        "ومن المنتظر أن يزور الرئيس موسكو في الشهر المقبل",
    ]
    assert all(len(line) > 200 for line in lines[:2])
    assert body_texts(parse("العنوان\n\n" + "\n".join(lines))) == lines


def test_a_long_english_line_cut_by_a_manual_break_before_a_lowercase_word_is_one_paragraph():
    # A line of more than WRAP_LINE_MAX characters is a paragraph of its own (above), but an
    # English paragraph does not open with a lowercase word: the break was typed mid-sentence.
    first = LONG_EN[:-1] + ", and " + LONG_EN[0].lower() + LONG_EN[1:-1] + " on the matter of the"
    rest = "border crossings, which remain closed."
    assert len(first) > 200
    a = parse(f"Title of the story\n\n{first}\n{rest}\n\n{LONG_EN}")
    assert body_texts(a) == [f"{first} {rest}", LONG_EN]
    # a capital after it opens a paragraph, as before
    a = parse(f"Title of the story\n\n{first}\nBorder crossings remain closed.\n\n{LONG_EN}")
    assert body_texts(a) == [first, "Border crossings remain closed.", LONG_EN]
    # so does an address
    a = parse(f"Title of the story\n\n{first}\nwww.example.org/report\n\n{LONG_EN}")
    assert body_texts(a) == [first, "www.example.org/report", LONG_EN]


EMAIL = [
    "> Dear all, the meeting of the board is moved to Monday because the director cannot attend the",
    "> session on Sunday, as he is travelling.",
    "> Regards",
]


def test_quoted_lines_of_a_pasted_email_are_kept_as_typed_each_a_paragraph():
    # "> Regards" was a subheading, and a quoted line that stopped mid-sentence took the next
    # one in with its ">" inside the text.
    reply = "The chairman replied that the date suited him and asked for the minutes of the last session."
    a = parse("Title of the story\n\nThe secretary wrote:\n" + "\n".join(EMAIL) + f"\n{reply}\n\n{LONG_EN}")
    assert [(b.kind, b.text) for b in a.body] == [
        ("p", "The secretary wrote:"),
        *(("p", line) for line in EMAIL),
        ("p", reply),
        ("p", LONG_EN),
    ]


POEM = [
    "أنا الذي نظر الأعمى إلى أدبي",
    "وأسمعت كلماتي من به صمم",
    "الخيل والليل والبيداء تعرفني",
    "والسيف والرمح والقرطاس والقلم",
]


def test_poem_in_a_one_paragraph_per_line_article_is_not_joined():
    lines = [LONG_AR, "وختم الشاعر قصيدته بقوله", *POEM, LONG_AR + " ثانيا."]
    assert body_texts(parse("العنوان\n\n" + "\n".join(lines))) == lines


VERSES = [  # whole verses, of lengths a wrapped paragraph's lines could have
    "أنا الذي نظر الأعمى إلى أدبي وأسمعت كلماتي من به صمم",
    "إذا رأيت نيوب الليث بارزة فلا تظنن أن الليث يبتسم",
    "ومهجة مهجتي من هم صاحبها أدركتها بجواد ظهره حرم",
    "الخيل والليل والبيداء تعرفني والسيف والرمح والقرطاس والقلم",
]


def test_verses_that_fill_their_lines_are_not_joined():
    assert body_texts(parse("قصيدة المتنبي\n\n" + "\n".join(VERSES[:3]) + "\n")) == VERSES[:3]


def test_poem_of_lines_of_every_length_is_not_taken_for_a_wrapped_paragraph():
    text = "قصيدة المتنبي\n\n" + "\n".join([*VERSES[:3], "الخيل والليل"]) + ".\n\n" + "\n".join(POEM) + ".\n"
    assert body_texts(parse(text)) == [*VERSES[:3], "الخيل والليل.", *POEM[:-1], POEM[-1] + "."]


@pytest.mark.parametrize("width", [40, 72])
def test_poem_and_list_in_a_wrapped_article_are_not_joined(width):
    items = [
        "- Raising the minimum wage for workers;",
        "- Extending the fuel subsidy programme;",
        "- Cutting fees.",
    ]
    blocks = [EN_WRAPPED[0], ("p", "The government approved the following measures:")]
    verses = [verse for verse in VERSES if len(verse) <= width]
    text = wrapped_article(blocks, width) + "\n".join(items) + "\n\n" + "\n".join(POEM) + "\n\n"
    text += "\n".join(verses) + "\n\n" + "\n".join(textwrap.wrap(EN_WRAPPED[1][1], width))
    assert body_texts(parse(text)) == [text for _, text in blocks] + items + POEM + verses + [EN_WRAPPED[1][1]]


# --- language ------------------------------------------------------------------------------


def test_language_detected_from_script():
    assert parse(f"العنوان\n{LONG_AR}").lang == "ar"
    assert parse(f"Friday - 19 April 2024\nThe title\n{LONG_EN}").lang == "en"


@pytest.mark.parametrize(
    "text",
    [
        # An Arabic report quoting an English statement at length.
        '19 أبريل 2024\n\nترامب يهاجم بايدن في تغريدة جديدة\n\nكتب الرئيس السابق على منصته: "Joe Biden is the'
        " worst president in the history of our country, and everybody knows it, including the Democrats who"
        ' are afraid to say so publicly".\n\nوردّ البيت الأبيض ببيان مقتضب.\n',
        # A technology headline full of product names.
        "19 أبريل 2024\n\nشركة Apple تطلق iPhone 16 Pro Max في الأسواق\n\nأعلنت شركة Apple عن iPhone 16 Pro Max.\n",
    ],
)
def test_an_arabic_article_that_quotes_english_stays_arabic(text):
    assert parse(text).lang == "ar"


def test_an_arabic_article_citing_long_web_addresses_stays_arabic():
    text = (
        "12 مايو 2024\n\nتقرير البنك الدولي\n\nنشر البنك تقريره على "
        "https://www.worldbank.org/en/publication/global-economic-prospects/report-2024-full-text-download\n\n"
        "وللتواصل: press-office.department@worldbank-institutional.org و"
        "www.example-news-archive.org/economy/2024/05/12/world-bank-report-on-the-middle-east.html\n"
    )
    assert parse(text).lang == "ar"
    assert parse(text, source="a.md").lang == "ar"  # Markdown: the addresses are shown as text


def test_an_english_article_with_an_arabic_name_in_it_stays_english():
    assert parse(f"The title\n{LONG_EN} The United Nations (الأمم المتحدة) met.").lang == "en"


# A headline all in English over a short Arabic body, and one all in Arabic over a short English
# body: long enough for the title to outvote the body when both are counted together.
WWDC_TITLE = "Apple WWDC 2024: iOS 18, macOS Sequoia and Apple Intelligence unveiled in Cupertino"
AR_BRIEF = "كشفت الشركة عن أنظمتها."  # 19 Arabic letters
TALKS_TITLE = "محادثات اقتصادية موسعة بين روسيا وباكستان في العاصمة إسلام آباد لبحث التعاون"
EN_BRIEF = "The talks went well today."  # 20 Latin letters


@pytest.mark.parametrize("source", ["a.txt", "a.md"])
def test_an_english_headline_over_an_arabic_body_is_arabic(source):
    header = f"---\ntitle: '{WWDC_TITLE}'\n---\n" if source == "a.md" else f"{WWDC_TITLE}\n\n"
    assert parse(f"{header}{AR_BRIEF}\n", source=source).lang == "ar"


@pytest.mark.parametrize("source", ["a.txt", "a.md"])
def test_an_arabic_headline_over_an_english_body_is_english(source):
    header = f"---\ntitle: {TALKS_TITLE}\n---\n" if source == "a.md" else f"{TALKS_TITLE}\n\n"
    assert parse(f"{header}{EN_BRIEF}\n", source=source).lang == "en"


def test_the_body_is_read_past_its_first_short_lines():
    """A few short lines at the top (a breaking-news mark, the event's name, "video") do not tell
    the body's language alone: the paragraphs under them are read too."""
    article = parse(f"{WWDC_TITLE}\n\nعاجل\n\nWWDC 2024\n\nفيديو\n\n{LONG_AR}\n")
    assert (article.title, len(article.body), article.lang) == (WWDC_TITLE, 4, "ar")


@pytest.mark.parametrize(
    ("title", "body", "lang"),
    [
        # Too few letters to tell (under 15): title and body are counted together, as before.
        (WWDC_TITLE, "عاجل: بالفيديو", "en"),
        (TALKS_TITLE, "Breaking news", "ar"),
        # Arabic and English in the body, neither three times the other: the title tips it.
        (WWDC_TITLE, "أعلنت شركة Apple عن iPhone جديد", "en"),
        (TALKS_TITLE, "The Prime Minister said: نأمل في تعاون أوسع", "ar"),
    ],
)
def test_a_short_or_mixed_body_leaves_the_language_to_title_and_body_together(title, body, lang):
    for source, header in (("a.txt", f"{title}\n\n"), ("a.md", f"---\ntitle: '{title}'\n---\n")):
        article = parse(f"{header}{body}\n", source=source)
        assert (article.title, article.lang) == (title, lang)
        assert article.lang == detect_lang(f"{title} {body}")


def test_code_in_a_markdown_body_does_not_tell_its_language():
    """Code is Latin in any language: an Arabic tutorial that opens with a listing and names a
    command in its sentence was English."""
    listing = "```python\n" + "for item in items:\n    print(item.title, item.date)\n" * 12 + "```\n\n"
    article = parse(f"---\ntitle: Python\n---\n{listing}{AR_BRIEF} استخدم `print(item.title)` هنا.\n", source="a.md")
    assert article.lang == "ar"
    assert any("print(item.title, item.date)" in b.text for b in article.body)  # shown, only not counted


# A listing longer than the whole sample (_shown_text reads some 6,000 characters of HTML):
# counted, it left no Arabic to read at all.
LISTING = "for item in items:\n    print(item.title, item.date, item.author)\n" * 100
CODE_FIRST = {
    "fenced": f"```python\n{LISTING}```\n\n",
    "indented": "مثال:\n\n" + "".join(f"    {line}\n" for line in LISTING.splitlines()) + "\n",
    "html": f"<pre>\n{LISTING}</pre>\n\n",
}


@pytest.mark.parametrize("listing", CODE_FIRST.values(), ids=CODE_FIRST.keys())
def test_an_arabic_article_opening_with_a_long_code_block_is_arabic(listing):
    assert parse(f"---\ntitle: Python\n---\n{listing}{AR_BRIEF}\n", source="a.md").lang == "ar"


# What the language sample leaves out, and what it keeps: an element from its start tag to its
# first end tag, whatever the case and spacing of the tags; a start tag with no end tag stays.
CODE_ELEMENTS = [
    ("a <code>x</code> b", "a   b"),
    ("<PRE class='p'>\nx\n</pre >after", " after"),
    ("<code>x</CODE\n>y<code>z</code>", " y "),
    ("<pre><code>x</code></pre>y", " y"),  # one element: its end tag is the first </pre>
    ("<code>never closed <pre>x</pre>", "<code>never closed  "),
    ("<codex>x</codex>", "<codex>x</codex>"),  # another element
    ("<code x</code>", "<code x</code>"),  # its start tag never ends
]


@pytest.mark.parametrize(("html", "left"), CODE_ELEMENTS)
def test_the_language_sample_leaves_out_code_elements_whole(html, left):
    assert without_code_elements(html) == left


def test_leaving_out_code_is_linear_in_the_number_of_unclosed_code_tags():
    """20,000 <code> without an end tag took 18 s: each was searched to the end of the text."""
    assert_linear(lambda n: without_code_elements("<p><code>x " * n + "</p>"), 1000, repeats=3)
    assert_linear(lambda n: without_code_elements("<code " * n), 1000, repeats=3)


@pytest.mark.parametrize(("lang", "body"), [("en", LONG_AR), ("ar", LONG_EN), ("ar", AR_BRIEF), ("en", EN_BRIEF)])
def test_the_language_the_metadata_gives_wins_over_the_body(lang, body):
    assert parse(f"---\ntitle: {WWDC_TITLE!r}\nlang: {lang}\n---\n{body}\n", source="p.md").lang == lang


def test_english_plain_article():
    a = parse(f"April 19, 2024\n\nRussia and Pakistan deepen ties\nBy Jane Doe\n\n{LONG_EN}")
    assert (a.title, a.byline, a.date, a.lang) == (
        "Russia and Pakistan deepen ties",
        "By Jane Doe",
        dt.date(2024, 4, 19),
        "en",
    )


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_with_pelican_header():
    a = parse(
        "Title: عنوان المقال\nDate: 2024-04-19\nTags: روسيا، باكستان\nSlug: my-slug\nSummary: ملخص\n\nنص **المقال**.\n",
        source="post.md",
    )
    assert (a.title, a.date, a.slug, a.summary, a.format) == (
        "عنوان المقال",
        dt.date(2024, 4, 19),
        "my-slug",
        "ملخص",
        "markdown",
    )
    assert [t.label_ar for t in a.tags] == ["روسيا", "باكستان"]
    assert "<strong>المقال</strong>" in a.body[0].text


def test_an_arabic_markdown_list_of_links_is_arabic_whatever_its_addresses():
    """The language is told by what a reader sees: link and image addresses are not text."""
    links = "\n".join(
        f"* [{label}](https://documents.example.org/curated/en/099125303072236903/pdf/{n}-economic-update-report.pdf)"
        for n, label in enumerate(["تقرير البنك الدولي", "بيان اليونيسف", "مقال الغارديان"])
    )
    a = parse(
        f"---\ntitle: روابط الأسبوع\ndate: 2024-04-19\n---\n\n{links}\n\n![صورة](images/{'x' * 300}.jpg)\n",
        source="p.md",
    )
    assert a.lang == "ar"
    english = parse(
        f"---\ntitle: Links\n---\n\n* [The World Bank report](https://example.org/تقرير-{'ب' * 80})\n", source="e.md"
    )
    assert english.lang == "en"


def test_markdown_front_matter_and_lang_override():
    a = parse("---\ntitle: Hello\ndate: 2024-04-19\nlang: ar\ndraft: true\n---\nBody text.\n", source="p.md")
    assert (a.title, a.lang, a.draft) == ("Hello", "ar", True)


@pytest.mark.parametrize(
    ("value", "draft"),
    [("true", True), ("Yes", True), ("on", True), ("نعم", True), ("false", False), ("No", False), ("لا", False)],
)
def test_markdown_draft_yes_and_no_in_either_language(value, draft):
    a = parse(f"Title: X\nDate: 2024-04-19\nDraft: {value}\n\nBody.", source="p.md")
    assert a.draft is draft and not a.diagnostics


@pytest.mark.parametrize("value", ["perhaps", "y?", "نعم ولا"])
def test_an_unclear_draft_value_keeps_the_article_unpublished_with_a_warning(value):
    a = parse(f"Title: X\nDate: 2024-04-19\nDraft: {value}\n\nBody.", source="p.md")
    assert a.draft is True
    (warning,) = a.diagnostics
    assert (warning.file, warning.line) == ("p.md", 3)
    assert "neither yes nor no" in warning.message and "not published" in warning.message


def test_markdown_impossible_date_is_a_warning_with_line_and_undated():
    a = parse("Title: X\nDate: 2024-02-31\n\nBody.", source="p.md")
    assert a.date is None
    warning = next(d for d in a.diagnostics if "impossible" in d.message)
    assert warning.line == 2 and warning.file == "p.md"


@pytest.mark.parametrize(
    ("text", "line"),
    [("Title: X\nDate: 2024-04-19 25:99\n\nBody.", 2), ("---\ntitle: X\ndate: 2024-04-19 25:99\n---\nBody.", 3)],
)
def test_a_markdown_date_with_an_impossible_time_is_warned_with_its_line_as_an_impossible_date_is(text, line):
    a = parse(text, source="p.md")
    assert a.date is None
    (warning,) = a.diagnostics
    assert (warning.file, warning.line, warning.level) == ("p.md", line, "warning")
    assert warning.message == (
        "impossible date '2024-04-19 25:99' (25:99 is not a time of day); the article is listed as undated"
    )


def test_a_dateline_with_an_impossible_time_is_warned_with_its_line_not_taken_for_the_title():
    a = parse(f"الجمعة 19 أبريل 2024 - 25:30\nالعنوان\n{LONG_AR}")
    assert (a.title, a.date) == ("العنوان", None)
    warning = next(d for d in a.diagnostics if "impossible" in d.message)
    assert warning.line == 1 and "25:30 is not a time of day" in warning.message


@pytest.mark.parametrize("line", ["31 فبراير 2024", "الجمعة 19 أبريل 2024 - 25:30"])
def test_an_impossible_dateline_is_one_warning_not_also_no_date_found(line):
    """It was followed by 'no date found ... put a date line before the title': there was one,
    and --strict counted two warnings for one mistake."""
    a = parse(f"العنوان\n{line}\n{LONG_AR}")
    assert a.date is None
    (warning,) = a.diagnostics
    assert warning.line == 2 and warning.message.startswith("impossible date")


def test_an_impossible_update_line_alone_still_says_no_date_was_found():
    a = parse(f"العنوان\nآخر تحديث: 31 أبريل 2024\n{LONG_AR}")
    assert a.date is None
    assert [d.message.split(" ")[:2] for d in a.diagnostics] == [["impossible", "update"], ["no", "date"]]


@pytest.mark.parametrize("key", ["Lang", "Language"])
def test_an_unknown_language_is_warned_with_the_line_of_the_key_that_gave_it(key):
    """With 'Language:' the warning named no line."""
    a = parse(f"Title: X\nDate: 2024-04-19\n{key}: fr\n\nBody text.", source="p.md")
    (warning,) = a.diagnostics
    assert (warning.line, warning.message[:26]) == (3, "unknown language 'fr' (use")


def test_an_empty_markdown_date_is_called_empty_with_its_line_not_missing():
    a = parse("---\ntitle: X\ndate:\n---\nBody.", source="p.md")
    assert a.date is None
    assert [(d.line, d.message) for d in a.diagnostics if "date" in d.message] == [
        (3, "'date:' is empty; the article is listed as undated")
    ]


def test_a_markdown_article_whose_first_line_only_looks_like_metadata_loses_nothing():
    a = parse("Breaking: Earthquake hits southern Turkey\n\nThe quake struck at dawn.\n", source="quake.md")
    text = " ".join(block.text for block in a.body)
    assert "Breaking: Earthquake hits southern Turkey" in text and "The quake struck at dawn." in text
    assert not [d for d in a.diagnostics if "unknown metadata key" in d.message]


def test_explicit_tags_that_share_a_url_are_one_tag_with_a_warning():
    from sitegen import tags

    vocabulary = tags.load_vocabulary(None)
    text = "Title: X\nDate: 2024-04-19\nTags: C++, C#, Russia, روسيا\n\nBody."
    a = parse_article(
        SourceText(source="p.md", text=text, encoding="utf-8"),
        lambda label: tags.resolve_tag(label, vocabulary),
        no_tags,
    )
    assert [t.slug for t in a.tags] == ["c", "russia"]
    (warning,) = a.diagnostics
    assert (warning.file, warning.line) == ("p.md", 3)
    assert warning.message == "tags 'C++' and 'C#' have the same URL (tags/c/): one tag, 'C++'"


def test_markdown_unknown_key_is_a_warning():
    a = parse("Title: X\nColour: red\n\nBody.", source="p.md")
    assert any("colour" in d.message for d in a.diagnostics)


def test_markdown_title_from_first_heading():
    a = parse("# The heading\n\nBody text here.", source="p.md")
    assert a.title == "The heading"
    assert "The heading" not in a.body[0].text


def test_a_markdown_heading_title_is_the_text_a_reader_sees_not_its_markup():
    a = parse("# عنوان **مهم** و `code` و [رابط](https://example.com)\n\nنص.", source="p.md")
    assert (a.title, a.slug) == ("عنوان مهم و code و رابط", "عنوان-مهم-و-code-و-رابط")
    assert parse("# 1. a < b & c\n\nنص.", source="p.md").title == "1. a < b & c"


def test_markdown_title_from_a_first_heading_underlined_with_equals_signs():
    a = parse("عنوان المقال\n============\n\nنص المقال.", source="p.md")
    assert a.title == "عنوان المقال"
    assert "عنوان المقال" not in a.body[0].text and "===" not in a.body[0].text
    assert not a.diagnostics or all("title" not in d.message for d in a.diagnostics)


def test_markdown_script_never_reaches_the_body():
    a = parse(
        "Title: X\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>", source="p.md"
    )
    html = a.body[0].text
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html


def test_unsafe_slug_from_metadata_is_cleaned():
    a = parse("Title: X\nSlug: ../../etc/passwd\n\nBody.", source="p.md")
    assert "/" not in a.slug and ".." not in a.slug


@pytest.mark.parametrize(
    "dateline",
    [
        "القاهرة في 19 أبريل 2024",
        "بيروت - 19/4/2024",
        "Cairo, April 19, 2024",
        "واشنطن: الجمعة 19 أبريل 2024",
        "القاهرة 19 أبريل 2024",
        "شرم الشيخ 19/4/2024",
        "CAIRO 19 April 2024",
    ],
)
def test_dateline_with_a_place_before_or_after_the_title_is_the_byline_and_date(dateline):
    for text in (f"{dateline}\n\nالعنوان هنا\n\n{LONG_AR}", f"العنوان هنا\n{dateline}\n\n{LONG_AR}"):
        a = parse(text)
        assert (a.title, a.byline, a.date) == ("العنوان هنا", dateline, dt.date(2024, 4, 19))
        assert body_texts(a) == [LONG_AR]


@pytest.mark.parametrize(
    "dateline",
    [
        "القاهرة - 19 أبريل 2024 (أ ف ب) -",
        "القاهرة (رويترز) - 19 أبريل 2024",
        "القاهرة في 19 أبريل 2024 (د.ب.أ)",
        "القاهرة - 19 أبريل 2024 - أ ش أ",
        "شرم الشيخ - الجمعة 19 أبريل 2024 (د ب أ) -",
        "CAIRO, April 19, 2024 (Reuters) -",
    ],
)
def test_a_place_dateline_with_a_wire_agency_credit_gives_the_date(dateline):
    # The agency's credit and the dash that leads into the text hid the date: the article was
    # undated, and the line a paragraph (under the title) or the title (above it).
    for text in (f"{dateline}\n\nالعنوان هنا\n\n{LONG_AR}", f"العنوان هنا\n{dateline}\n\n{LONG_AR}"):
        a = parse(text)
        assert (a.title, a.byline, a.date) == ("العنوان هنا", dateline, dt.date(2024, 4, 19))
        assert body_texts(a) == [LONG_AR]
        assert a.diagnostics == ()


@pytest.mark.parametrize(
    ("title", "lead", "day", "time"),
    [
        ("العنوان هنا", "القاهرة - 19 أبريل 2024 (أ ف ب) - أعلنت وزارة الخارجية أن المحادثات ستستأنف.", 19, None),
        ("العنوان هنا", "رام الله - الجمعة 19 أبريل 2024 - قال الوزير إن الوضع مستقر.", 19, None),
        ("العنوان هنا", "دمشق - 18 نيسان 2024 الساعة 10:30 - أفادت وكالة الأنباء بأن الطريق فتح.", 18, dt.time(10, 30)),
        ("Talks resume", "CAIRO, April 19, 2024 (Reuters) - Egypt said on Friday that talks would resume.", 19, None),
        ("Talks resume", "CAIRO, April 19, 2024 - Egypt said on Friday that talks would resume.", 19, None),
        ("العنوان هنا", "القاهرة، 19 أبريل 2024 (أ ش أ) - أعلنت وزارة الخارجية أن المحادثات ستستأنف.", 19, None),
        ("العنوان هنا", "القاهرة، 19 أبريل 2024 - أعلنت وزارة الخارجية أن المحادثات ستستأنف.", 19, None),
    ],
)
def test_a_dateline_that_opens_the_first_paragraph_dates_the_article_and_stays_in_it(title, lead, day, time):
    a = parse(f"{title}\n\n{lead}\n\n{LONG_AR}")
    assert (a.title, a.date, a.time) == (title, dt.date(2024, 4, day), time)
    assert body_texts(a) == [lead, LONG_AR]  # nothing taken out of the text
    assert a.diagnostics == ()


@pytest.mark.parametrize(
    "lead",
    [
        "قال الوزير - في 19 أبريل 2024 - إن المحادثات ستستأنف.",
        "The minister said - on April 19, 2024 - that talks would resume.",
        "بيروت - أعلن الجيش اللبناني - في بيان صدر أمس - أن 19 أبريل 2024 يوم حداد.",
        "حرب أكتوبر، 6 أكتوبر 1973 - عبرت القوات المصرية قناة السويس.",
        "Paris, 14 July 1789 - The crowd stormed the Bastille.",
    ],
)
def test_a_date_inside_the_first_sentence_does_not_date_the_article(lead):
    a = parse(f"العنوان هنا\n\n{lead}\n")
    assert a.date is None and "no date found" in a.diagnostics[0].message


@pytest.mark.parametrize(
    "lead",
    [
        "وقع الزلزال في 6 فبراير 2023 - وهو الأعنف في تاريخ البلاد الحديث.",
        "الحرب مستمرة منذ 7 أكتوبر 2023 - ولم تتوقف المعارك في القطاع.",
        "في 19 أبريل 2024 - أعلنت الحكومة عن خطة جديدة للاقتصاد.",
        "Since 7 October 2023 - the war has not stopped for a single day.",
        "In Cairo on 19 April 2024 - a day like no other - the crowds gathered.",
    ],
)
def test_a_date_that_a_preposition_leads_to_in_the_first_sentence_does_not_date_the_article(lead):
    # The words before the date are a sentence's ("the earthquake struck on ..."), not a place:
    # an article written a year later was dated by the event it recalls.
    a = parse(f"العنوان هنا\n\n{lead}\n")
    assert a.date is None and "no date found" in a.diagnostics[0].message


def test_a_credited_dateline_with_fi_that_opens_the_first_paragraph_still_dates_the_article():
    a = parse("العنوان هنا\n\nالقاهرة في 19 أبريل 2024 (أ ش أ) - أعلنت الحكومة عن خطة جديدة.\n")
    assert a.date == dt.date(2024, 4, 19)


def test_a_dateline_in_the_first_paragraph_does_not_replace_the_date_line():
    a = parse("20 أبريل 2024\n\nالعنوان هنا\n\nالقاهرة - 19 أبريل 2024 (أ ف ب) - أعلنت الوزارة.\n")
    assert a.date == dt.date(2024, 4, 20)


@pytest.mark.parametrize(
    "lead",
    [
        "حرب أكتوبر - 6 أكتوبر 1973 - عبرت القوات المصرية قناة السويس.",
        "حرب أكتوبر 6 أكتوبر 1973 - عبرت القوات المصرية قناة السويس.",
        "ثورة يوليو - 23 يوليو 1952 - قاد الضباط الأحرار حركة التغيير.",
        "انتفاضة أبريل - السبت 6 أبريل 1985 - خرج السودانيون إلى الشوارع.",
    ],
)
def test_an_event_named_for_its_month_and_its_date_in_the_first_paragraph_do_not_date_the_article(lead):
    # The event's name stood where a dateline has its place: the article was dated 1973.
    a = parse(f"العنوان هنا\n\n{lead}\n")
    assert a.date is None and "no date found" in a.diagnostics[0].message
    assert body_texts(a) == [lead]


def test_an_event_named_for_its_month_and_its_date_under_the_title_are_no_dateline():
    from sitegen.datelines import place_dateline

    assert place_dateline("حرب أكتوبر - 6 أكتوبر 1973") is None
    assert place_dateline("September Attacks, September 11, 2001") is None


@pytest.mark.parametrize(
    "lead",
    [
        "مجزرة دير ياسين - 9 أبريل 1948 - قتلت العصابات الصهيونية أهل القرية.",
        "وعد بلفور - 2 نوفمبر 1917 - صدر الإعلان البريطاني الذي غير تاريخ المنطقة.",
    ],
)
def test_a_name_of_several_words_a_dash_and_a_date_in_the_first_paragraph_do_not_date_the_article(lead):
    # Without a credit, a weekday or a time of day, a dateline of several words opening the
    # text is as likely an event's name ("وعد بلفور") as a place ("شرم الشيخ").
    a = parse(f"العنوان هنا\n\n{lead}\n")
    assert a.date is None and "no date found" in a.diagnostics[0].message


@pytest.mark.parametrize(
    "lead",
    [
        "NATO, April 4, 1949 - Twelve countries signed the North Atlantic Treaty in Washington.",
        "UN, October 24, 1945 - The charter of the new organisation came into force.",
    ],
)
def test_an_organisation_in_capitals_and_a_date_in_the_first_paragraph_do_not_date_the_article(lead):
    a = parse(f"Seventy-five years of the alliance\n\n{lead}\n")
    assert a.date is None and "no date found" in a.diagnostics[0].message


@pytest.mark.parametrize(
    ("lead", "day"),
    [
        ("AUSTIN, Texas, April 19, 2024 (Reuters) - The governor said on Friday that talks would resume.", 19),
        ("WASHINGTON, D.C., March 3, 2024 (AP) — The president said talks would resume.", 3),
        ("WASHINGTON, D.C., March 3, 2024 — The president said talks would resume.", 3),
        ("CAIRO, April 19, 2024 (MENA) - Egypt said on Friday that talks would resume.", 19),
    ],
)
def test_an_english_wire_dateline_with_a_state_or_a_mena_credit_dates_the_article(lead, day):
    a = parse(f"Talks resume\n\n{lead}\n")
    assert a.date is not None and a.date.day == day and a.diagnostics == ()
    assert body_texts(a) == [lead]


@pytest.mark.parametrize(
    "line",
    [
        "CAIRO (MENA) -",
        "CAIRO, April 19, 2024 (MENA) -",
        "AUSTIN, Texas, (Reuters) -",
        "WASHINGTON, D.C., March 3 (AP) —",
        "القاهرة (أ ش أ) -",
    ],
)
def test_a_wire_dateline_above_or_under_the_title_is_the_byline(line):
    # "(MENA)" was no agency's credit, so the line was a subheading; above the title, a dateline
    # with a credit but no date was taken for the title.
    for text in (f"Talks resume\n{line}\n\n{LONG_EN}", f"{line}\n\nTalks resume\n\n{LONG_EN}"):
        a = parse(text)
        assert (a.title, a.byline, body_texts(a)) == ("Talks resume", line, [LONG_EN])


def test_a_title_that_ends_with_its_source_in_brackets_stays_the_title():
    a = parse(f"زلزال تركيا (الأناضول)\n\nعشرات القتلى في زلزال ضرب جنوب البلاد\n\n{LONG_AR}")
    assert (a.title, a.byline) == ("زلزال تركيا (الأناضول)", None)


def test_mena_in_a_title_or_subtitle_is_no_credit():
    a = parse(f"Talks resume\nMENA markets rally\n\n{LONG_EN}")
    assert a.byline is None


def test_a_credit_in_brackets_that_names_no_agency_is_no_dateline():
    from sitegen.datelines import place_dateline

    assert place_dateline("القاهرة (الجولة الثانية) - 19 أبريل 2024") is None


@pytest.mark.parametrize(
    ("top", "byline"),
    [
        ("By Jane Doe\nCAIRO, April 19, 2024 (Reuters) -", "By Jane Doe, CAIRO, April 19, 2024 (Reuters) -"),
        ("CAIRO, April 19, 2024\nBy Jane Doe", "CAIRO, April 19, 2024, By Jane Doe"),
        ("كتب: أحمد محمد\nالقاهرة - 19 أبريل 2024", "كتب: أحمد محمد، القاهرة - 19 أبريل 2024"),
    ],
)
def test_a_byline_and_a_place_dateline_under_the_title_give_both(top, byline):
    # The second of the two lines was a subheading, and with it the date was lost.
    a = parse(f"Talks resume in Doha\n{top}\n\n{LONG_EN}")
    assert (a.title, a.byline, a.date) == ("Talks resume in Doha", byline, dt.date(2024, 4, 19))
    assert body_texts(a) == [LONG_EN]


def test_an_impossible_place_dateline_under_the_title_is_named_not_missing():
    a = parse(f"العنوان هنا\nبغداد في 31 نيسان 2024\n\n{LONG_AR}")
    assert (a.byline, a.date, body_texts(a)) == ("بغداد في 31 نيسان 2024", None, [LONG_AR])
    assert [(d.line, "impossible date in the dateline" in d.message) for d in a.diagnostics] == [(2, True)]


@pytest.mark.parametrize(
    "line",
    [
        "قال الرئيس في 19 أبريل 2024 إن المحادثات ناجحة",
        "وقال الوزير في 19 أبريل 2024.",
        "الحكومة تعلن خطة",
        "الرئيس 19 أبريل 2024 في القاهرة",
        "ذكرى مجزرة دير ياسين 9 أبريل 1948",
        "انتخابات 2024",
        "مصر 19 أبريل",
    ],
)
def test_sentences_are_not_place_datelines(line):
    from sitegen.datelines import place_dateline

    assert place_dateline(line) is None


@pytest.mark.parametrize(
    ("top", "byline", "title"),
    [
        # A byline and the date on one line, above or under the title (web and blog exports).
        ("Posted on April 19, 2024 by Jane Doe\n\nTalks resume in Doha", "by Jane Doe", "Talks resume in Doha"),
        ("Talks resume in Doha\nPosted on April 19, 2024 by Jane Doe", "by Jane Doe", "Talks resume in Doha"),
        ("Talks resume in Doha\nBy Jane Doe | April 19, 2024", "By Jane Doe", "Talks resume in Doha"),
        ("Talks resume in Doha\nBy Jane Doe, April 19, 2024", "By Jane Doe", "Talks resume in Doha"),
        ("العنوان هنا\nبقلم: أحمد محمد - 19 أبريل 2024", "بقلم: أحمد محمد", "العنوان هنا"),
        ("العنوان هنا\nالجمعة 19 أبريل 2024 | كتب: أحمد محمد", "كتب: أحمد محمد", "العنوان هنا"),
        # A byline, then the date line (with its time), then the title.
        ("كتب - أحمد محمد\nالجمعة 19 أبريل 2024 - 10:30 ص\n\nالعنوان هنا", "كتب - أحمد محمد", "العنوان هنا"),
        ("By Jane Doe\nApril 19, 2024\n\nTalks resume in Doha", "By Jane Doe", "Talks resume in Doha"),
    ],
)
def test_a_byline_beside_or_above_the_date_line_gives_byline_date_and_title(top, byline, title):
    a = parse(f"{top}\n\n{LONG_AR}")
    assert (a.title, a.byline, a.date) == (title, byline, dt.date(2024, 4, 19))
    assert body_texts(a) == [LONG_AR]
    assert a.diagnostics == ()


def test_a_title_that_opens_with_a_byline_word_above_a_date_line_stays_the_title():
    a = parse(f"كتب التاريخ من جديد\n19 أبريل 2024\n\n{LONG_AR}")
    assert (a.title, a.byline, a.date) == ("كتب التاريخ من جديد", None, dt.date(2024, 4, 19))
    assert body_texts(a) == [LONG_AR]


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe | The Editors",
        "Talks in Doha, April 19, 2024",
        "كتب: أحمد محمد",
        "By the 2024 team - April 19, 2024",
    ],
)
def test_lines_without_a_keyword_led_byline_and_a_whole_date_are_not_split(line):
    from sitegen.bylines import byline_and_date

    assert byline_and_date(line) is None


@pytest.mark.parametrize(
    "rule", ["=====", "-----", "* * *", "___", "~~~~~~", "•••", "=====\n=====", "ـــــــــــ", "ـ ـ ـ ـ", "————", "───"]
)
def test_a_rule_line_separates_like_a_blank_line_and_is_no_paragraph_but_a_section_break(rule):
    # Under the title it separates; between two paragraphs it is a break ("hr"), no text.
    a = parse(f"Talks resume in Doha\n{rule}\nApril 19, 2024\n\n{LONG_EN}\n{rule}\n{LONG_AR}\n")
    assert (a.title, a.date) == ("Talks resume in Doha", dt.date(2024, 4, 19))
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_EN), ("hr", ""), ("p", LONG_AR)]
    assert a.diagnostics == ()


def test_a_tatweel_rule_under_a_title_that_opens_with_a_byline_word_is_no_title():
    # Arabic typists draw the line under a title with tatweel (Shift+J); it was taken for the
    # title, and the title ("حوار" opens a byline too) for the byline.
    a = parse(f"19 أبريل 2024\n\nحوار مع وزير الثقافة\nـــــــــــــــــــ\n\n{LONG_AR}\n\nـــــ\n\n{LONG_AR}\n")
    assert (a.title, a.byline, a.date) == ("حوار مع وزير الثقافة", None, dt.date(2024, 4, 19))
    assert body_texts(a) == [LONG_AR, "", LONG_AR]  # the rule between them: a section break


def test_a_line_of_dashes_with_words_or_a_short_one_stays_text():
    a = parse(f"العنوان هنا\n19 أبريل 2024\n\n- أولا\n- ثانيا\n\n-- محمد\n\n{LONG_AR}\n")
    assert body_texts(a) == ["- أولا", "- ثانيا", "-- محمد", LONG_AR]


@pytest.mark.parametrize(
    ("fields", "title", "byline"),
    [
        ("العنوان: العنوان هنا\nالتاريخ: 19 أبريل 2024\nالكاتب: أحمد محمد\nالنص:", "العنوان هنا", "الكاتب: أحمد محمد"),
        ("Title: Talks resume in Doha\nDate: 2024-04-19\nAuthor: Jane Doe", "Talks resume in Doha", "Author: Jane Doe"),
        ("عنوان الخبر: العنوان هنا\nالمحرر: أحمد محمد\nتاريخ النشر: 19/04/2024", "العنوان هنا", "المحرر: أحمد محمد"),
    ],
)
def test_labelled_fields_as_exported_give_title_date_and_byline_without_their_labels(fields, title, byline):
    a = parse(f"{fields}\n\n{LONG_AR}")
    assert (a.title, a.byline, a.date) == (title, byline, dt.date(2024, 4, 19))
    assert body_texts(a) == [LONG_AR]


def test_a_title_that_begins_with_a_label_word_but_no_colon_keeps_it():
    a = parse(f"المحرر الذي غير وجه الصحافة\n19 أبريل 2024\n\n{LONG_AR}")
    assert (a.title, a.byline) == ("المحرر الذي غير وجه الصحافة", None)


@pytest.mark.parametrize(
    ("header", "byline"),
    [
        ("أحمد محمد\n19 أبريل 2024", "أحمد محمد"),  # a name without a keyword
        ("By JANE DOE\nAssociated Press\nApril 19, 2024", "By JANE DOE, Associated Press"),
        ("كتب: أحمد محمد\nوكالة الأنباء\n19 أبريل 2024", "كتب: أحمد محمد، وكالة الأنباء"),
    ],
)
def test_a_short_line_right_above_the_date_line_under_the_title_is_the_byline(header, byline):
    a = parse(f"العنوان هنا\n{header}\n\n{LONG_AR}")
    assert (a.title, a.byline, a.date) == ("العنوان هنا", byline, dt.date(2024, 4, 19))
    assert body_texts(a) == [LONG_AR]


def test_a_subheading_that_opens_the_body_is_not_taken_for_a_byline():
    a = parse(f"العنوان هنا\n19 أبريل 2024\n\nخلفية الأزمة\n{LONG_AR}\n")
    assert (a.byline, [b.kind for b in a.body]) == (None, ["h2", "p"])


@pytest.mark.parametrize(
    ("text", "byline", "updated"),
    [
        ("# Talks resume in Doha\n\n*April 19, 2024*\n\n{body}", None, None),
        ("Talks resume in Doha\n====================\n\nApril 19, 2024\n\n{body}", None, None),
        ("# Talks resume in Doha\n\n**By Jane Doe | April 19, 2024**\n\n{body}", "By Jane Doe", None),
        (
            "# Talks resume in Doha\n\nBy Jane Doe\n\n_April 19, 2024_\n\nUpdated: April 20, 2024\n\n{body}",
            "By Jane Doe",
            20,
        ),
        ("Title: Talks resume in Doha\n\n19 أبريل 2024\n\n{body}", None, None),
        # emphasis on a part of the line, as pages converted to Markdown have it: it was no date line
        ("# Talks resume in Doha\n\n**Date:** April 19, 2024\n\n{body}", None, None),
        ("# Talks resume in Doha\n\n**التاريخ:** 19 أبريل 2024\n\n{body}", None, None),
        ("# Talks resume in Doha\n\nPublished: *April 19, 2024* | _10:30 am_\n\n{body}", None, None),
        ("# Talks resume in Doha\n\n*April 19, 2024*\n\n**Updated:** April 20, 2024\n\n{body}", None, 20),
    ],
)
def test_a_markdown_article_without_a_date_field_takes_the_date_line_under_its_title(text, byline, updated):
    a = parse(text.format(body=LONG_EN), source="a.md")
    assert (a.title, a.date, a.byline) == ("Talks resume in Doha", dt.date(2024, 4, 19), byline)
    assert a.updated == (dt.date(2024, 4, updated) if updated else None)
    assert a.body[0].text == f"<p>{LONG_EN}</p>"  # the date and byline lines are not repeated in the text
    assert a.diagnostics == ()


def test_a_markdown_byline_without_a_date_under_it_stays_in_the_text():
    a = parse(f"# Talks resume in Doha\n\nBy Jane Doe\n\n{LONG_EN}\n", source="a.md")
    assert (a.date, a.byline) == (None, None)
    assert a.body[0].text.startswith("<p>By Jane Doe</p>")


def test_a_markdown_date_field_wins_over_a_date_line_in_the_text():
    a = parse(f"---\ntitle: T\ndate: 2024-05-01\n---\n\nApril 19, 2024\n\n{LONG_EN}\n", source="a.md")
    assert a.date == dt.date(2024, 5, 1)
    assert a.body[0].text.startswith("<p>April 19, 2024</p>")


def test_hugo_toml_front_matter_gives_title_date_tags_and_draft():
    header = '+++\ntitle = "Talks resume in Doha"\ndate = 2024-04-19T10:30:00+03:00\ntags = ["Qatar"]\ndraft = 1\n+++'
    text = f"{header}\n\n{LONG_EN}\n"
    a = parse(text, source="a.md")
    assert (a.title, a.date, [t.label_en for t in a.tags], a.draft) == (
        "Talks resume in Doha",
        dt.date(2024, 4, 19),
        ["Qatar"],
        True,
    )
    assert a.body[0].text == f"<p>{LONG_EN}</p>"


def test_character_references_copied_from_a_web_page_are_read_as_their_characters():
    body = "Officials said &quot;progress&quot;&nbsp;was made &#1575;&#x644;."
    a = parse(f"Talks in Doha &amp; Cairo\nApril 19, 2024\n\n{body}\n")
    assert a.title == "Talks in Doha & Cairo"
    assert body_texts(a) == ['Officials said "progress" was made ال.']


def test_ampersands_without_a_character_reference_stay_as_typed():
    a = parse(f"AT&T and R&D &copy Q&A\n19 أبريل 2024\n\n{LONG_AR} &amp\n")
    assert a.title == "AT&T and R&D &copy Q&A"
    assert body_texts(a) == [f"{LONG_AR} &amp"]


def test_a_reference_to_a_control_character_in_plain_text_puts_none_in_the_page():
    # html.unescape read &#129; &#141; &#157; as the C1 controls U+0081 ..., which the Nu Html
    # Checker calls forbidden code points on every page that shows the title or the text.
    a = parse(f"Talks&#129; in Doha&#141;\nApril 19, 2024\n\n{LONG_EN}&#157; &#x81;end.\n")
    assert a.title == "Talks in Doha"
    assert body_texts(a) == [f"{LONG_EN} end."]
    assert not any(0x80 <= ord(c) < 0xA0 for c in a.title + "".join(body_texts(a)))


def test_html_tags_in_plain_text_are_kept_as_typed_and_warned_with_their_line():
    a = parse(f"العنوان هنا\n19 أبريل 2024\n\n{LONG_AR}\n<p>فقرة<br>ثانية</p>\n")
    assert body_texts(a) == [LONG_AR, "<p>فقرة<br>ثانية</p>"]
    (note,) = a.diagnostics
    assert note.line == 5 and note.message.startswith("the text holds HTML tags (<p>), shown as typed")
    assert "rename the file to .md" in note.message


@pytest.mark.parametrize(
    ("over", "section"),
    [
        ("سياسة", "سياسة"),
        ("عاجل", "عاجل"),
        ("الرئيسية > أخبار > دولي", "دولي"),
        ("Home » World » Middle East", "Middle East"),
    ],
)
def test_a_section_label_or_breadcrumb_over_the_title_becomes_the_articles_section_tag(over, section):
    a = parse(f"{over}\nالحكومة تعلن خطة جديدة للإسكان\n19 أبريل 2024\n\n{LONG_AR}")
    assert (a.title, a.date) == ("الحكومة تعلن خطة جديدة للإسكان", dt.date(2024, 4, 19))
    assert [t.label_ar for t in a.tags] == [section]
    assert body_texts(a) == [LONG_AR]


@pytest.mark.parametrize(
    "text",
    [
        # a date line above it: the seeds' layout
        "19 أبريل 2024\nعنوان قصير\nموسكو - أ ش أ\nآخر تحديث: 20 أبريل 2024\n\n{body}",
        "عنوان قصير\nكتب: أحمد محمد علي\n19 أبريل 2024\n\n{body}",  # a byline under the title
        "عنوان قصير\n{body}\n19 أبريل 2024\n",  # a sentence under the title
    ],
)
def test_a_short_title_is_not_taken_for_a_section_label(text):
    a = parse(text.format(body=LONG_AR))
    assert a.title == "عنوان قصير" and a.tags == ()


@pytest.mark.parametrize(
    "text",
    [
        "العنوان هنا\n19 أبريل 2024\n\n{body}\n\nالكلمات المفتاحية: الإسكان، الحكومة\n",
        "العنوان هنا\n19 أبريل 2024\nالوسوم: الإسكان، الحكومة\n\n{body}\n",
        "العنوان هنا\n19 أبريل 2024\n\n{body}\n\nTags: الإسكان; الحكومة\n",
        # the label as hands type it: ه for ة, a shadda, tatweel
        "العنوان هنا\n19 أبريل 2024\n\n{body}\n\nالكلمات المفتاحيه: الإسكان، الحكومة\n",
        "العنوان هنا\n19 أبريل 2024\n\n{body}\n\nالكلمات المفتاحيّة : الإسكان، الحكومة\n",
        "العنوان هنا\n19 أبريل 2024\nالوسـوم: الإسكان، الحكومة\n\n{body}\n",
        "العنوان هنا\n19 أبريل 2024\n\n{body}\n\nالكلمات الدالّة: الإسكان، الحكومة\n",
    ],
)
def test_a_tags_line_under_the_title_or_at_the_end_gives_the_articles_tags(text):
    a = parse(text.format(body=LONG_AR))
    assert [t.label_ar for t in a.tags] == ["الإسكان", "الحكومة"]
    assert body_texts(a) == [LONG_AR]


WRAPPED_BODY = (
    "   CAIRO (AP) -- Israeli and Palestinian negotiators resumed talks on\n"
    "Thursday after a week-long suspension, officials said. The two sides\n"
    "met at a hotel near the pyramids.\n"
)


@pytest.mark.parametrize(
    "top",
    [
        "March 3, 1994\n\nIsraeli and Palestinian negotiators resume talks in Cairo after a\nweek-long suspension\n",
        "Israeli and Palestinian negotiators resume talks in Cairo after a\nweek-long suspension\nMarch 3, 1994\n",
    ],
)
def test_a_title_hard_wrapped_as_its_text_is_one_title(top):
    a = parse(f"{top}\n{WRAPPED_BODY}")
    assert a.title == "Israeli and Palestinian negotiators resume talks in Cairo after a week-long suspension"
    assert (a.date, a.byline) == (dt.date(1994, 3, 3), None)
    assert [b.text[:10] for b in a.body] == ["CAIRO (AP)"]


def test_a_wrapped_paragraph_right_under_a_long_title_is_not_joined_to_it():
    a = parse("Talks resume in Cairo after a week-long suspension of the negotiation\n" + WRAPPED_BODY.lstrip())
    assert a.title == "Talks resume in Cairo after a week-long suspension of the negotiation"
    assert body_texts(a)[0].startswith("CAIRO (AP) -- Israeli")


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("![map]({{ site.baseurl }}/img/map.png)", "Liquid (Jekyll) tag '{{ site.baseurl }}'"),
        ('{% include figure.html src="map.png" %}', "Liquid (Jekyll) tag '{% include figure.html"),
        ("{{< notice warning >}}", "Hugo shortcode '{{< notice"),
        ('[gallery ids="1,2,3"]', "WordPress shortcode '[gallery ids=\"1,2,3\"]'"),
        ("[youtube https://www.youtube.com/watch?v=dQw4w9WgXcQ]", "WordPress shortcode '[youtube https://www.yo"),
    ],
)
def test_template_code_of_other_generators_is_shown_as_typed_and_warned_with_its_line(code, kind):
    a = parse(f"---\ntitle: T\ndate: 2024-04-19\n---\n\nText.\n\n{code}\n", source="a.md")
    (note,) = a.diagnostics
    assert note.line == 8 and note.message.startswith(kind) and "shown as typed" in note.message


def test_every_piece_of_template_code_is_named_by_its_line_in_one_warning():
    body = "Text.\n\n{% include a.html %}\n\nMore.\n\n{{< notice >}}\n\n{% include b.html %} and {% include c.html %}\n"
    a = parse(f"---\ntitle: T\ndate: 2024-04-19\n---\n\n{body}", source="a.md")
    (note,) = a.diagnostics
    assert note.line == 8
    assert note.message.startswith(
        "Liquid (Jekyll) tag '{% include a.html %}' (and 3 more template codes, lines 12, 14)"
    )


def test_template_code_under_a_figure_is_warned_about_at_the_line_it_was_typed_on():
    figure = '{{< figure src="a.jpg" caption="A long\ncaption" >}}'  # HTML over other lines than these
    body = f"Text.\n\n{figure}\n\n{{% include a.html %}}\n\n{{% include b.html %}}\n"
    a = parse(f"---\ntitle: T\ndate: 2024-04-19\n---\n\n{body}", source="a.md")
    (note,) = a.diagnostics
    assert note.line == 11 and "(and 1 more template code, line 13)" in note.message


def test_a_jekyll_highlight_block_is_code_on_the_page_and_the_template_code_after_it_keeps_its_line():
    code = "{% highlight python %}\ndef __init__(self):\n    pass\n{% endhighlight %}"
    body = f"Text.\n\n{code}\n\n{{% include a.html %}}\n"
    a = parse(f"---\ntitle: T\ndate: 2024-04-19\n---\n\n{body}", source="a.md")
    assert '<code class="language-python">def __init__(self):\n    pass\n</code>' in a.body[0].text
    (note,) = a.diagnostics
    assert note.line == 13 and note.message.startswith("Liquid (Jekyll) tag '{% include a.html %}' is shown")


@pytest.mark.parametrize(
    "block",
    [
        "{% highlight ruby %}\n\n\nx = 1\n\n\n{% endhighlight %}",
        "{{< highlight ruby >}}\n\n\nx = 1\n\n\n{{< /highlight >}}",
        '[caption id="a"]<img src="a.jpg" alt="x">\nA caption\n\nover\n\nsix\nlines[/caption]',
    ],
)
def test_a_script_under_a_code_block_or_a_caption_over_lines_is_warned_about_at_the_line_it_was_typed_on(block):
    # The blank lines around the code, or the caption's lines joined into one, were not counted:
    # the warning named line 12 (of the file as sitegen wrote it), not 16.
    a = parse(f"---\ntitle: T\ndate: 2024-04-19\n---\n\n{block}\n\nText.\n\n<script>alert(1)</script>\n", source="a.md")
    assert [d.line for d in a.diagnostics if "<script>" in d.message] == [16]
    assert "x = 1" in a.body[0].text or "<figcaption>A caption over six lines</figcaption>" in a.body[0].text


def test_a_wordpress_posts_captioned_picture_and_embed_are_a_figure_and_a_link_on_the_page():
    body = (
        'Text.\n\n[caption id="attachment_1" align="aligncenter" width="300"]<img class="wp-image-1" '
        'src="https://example.org/a.jpg" alt="The street" width="300" height="200" /> The flooded street[/caption]\n\n'
        "[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]\n\nAfter.\n"
    )
    a = parse(f"---\ntitle: T\ndate: 2012-07-05\n---\n\n{body}", source="wp.md")
    page = a.body[0].text
    assert '<figure><img src="https://example.org/a.jpg" alt="The street" width="300" height="200">' in page
    assert "<figcaption>The flooded street</figcaption></figure>" in page and "caption]" not in page
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in page and "[/embed]" not in page
    assert page.index("Text.") < page.index("<figure>") < page.index("youtube") < page.index("After.")
    assert a.diagnostics == ()


@pytest.mark.parametrize(
    "text",
    [
        "Code: `{% raw %}`",
        "```\n{% include x.html %}\n```",
        "Sets {x} and {{ y",
        "A [gallery of photos](g.md), the [video][1] and [audio] notes.\n\n[1]: https://x.org/v",
        "`[gallery]` shows the pictures",
    ],
)
def test_template_code_shown_as_code_or_braces_in_prose_are_not_warned_about(text):
    assert parse(f"---\ntitle: T\ndate: 2024-04-19\n---\n\n{text}\n", source="a.md").diagnostics == ()


@pytest.mark.parametrize(
    ("status", "draft"),
    [("publish", False), ("published", False), ("Draft", True), ("private", True), ("pending", True),
     ("future", True), ("scheduled", True), ("trash", True)],
)  # fmt: skip
def test_a_status_that_is_no_published_one_keeps_the_article_back_and_says_so(status, draft):
    # WordPress exports (wordpress-export-to-markdown's status field) keep private, pending and
    # scheduled posts, and Ghost's its scheduled ones: they were published, without a word.
    a = parse(f"---\ntitle: T\ndate: 2024-04-19\nstatus: {status}\n---\n\nBody.\n", source="a.md")
    assert a.draft is draft
    said = [(d.line, d.message) for d in a.diagnostics]
    if draft and status != "Draft":
        assert said == [(4, f"status: {status!r} is not published where it comes from; the article is kept as a draft "
                         "(not published): to publish it, set status: publish")]  # fmt: skip
    else:
        assert said == []


@pytest.mark.parametrize(
    ("line", "draft", "warned"),
    [("published: false", True, False), ("published: no", True, False), ("published: true", False, False),
     ("published: soon", True, True), ("", False, False)],
)  # fmt: skip
def test_jekylls_published_false_holds_a_post_back_as_a_draft(line, draft, warned):
    a = parse(f"---\ntitle: T\ndate: 2024-04-19\n{line}\n---\n\nBody.\n", source="a.md")
    assert a.draft is draft
    assert [d.line for d in a.diagnostics] == ([4] if warned else [])


@pytest.mark.parametrize(
    ("header", "date"),
    [
        ("publishDate: 2020-05-02", dt.date(2020, 5, 2)),
        ("pubdate: 2020-05-02", dt.date(2020, 5, 2)),
        ("published: 2020-05-02", dt.date(2020, 5, 2)),
        ("published: 2020-05-02T10:00:00+03:00", dt.date(2020, 5, 2)),
        ("date: 2020-05-01\npublishDate: 2020-05-02", dt.date(2020, 5, 1)),
        ("date: 2020-05-01\npublished: 2020-05-02", dt.date(2020, 5, 1)),
    ],
)
def test_hugos_publish_date_is_the_date_when_there_is_no_date_and_a_dated_published_is_no_draft(header, date):
    """Hugo reads the date from publishDate, pubdate or published when `date` is not given. A
    Hugo post with `published: 2020-05-02` was kept back as a draft ("neither yes nor no")."""
    a = parse(f"---\ntitle: T\n{header}\n---\n\nBody.\n", source="a.md")
    assert (a.date, a.draft, a.diagnostics) == (date, False, ())


def test_an_impossible_publish_date_is_warned_about_on_its_own_line():
    a = parse("---\ntitle: T\nlayout: post\npublishDate: 2020-02-31\n---\n\nBody.\n", source="a.md")
    assert a.date is None and not a.draft
    assert [(d.line, d.message.split(" (")[0]) for d in a.diagnostics] == [(4, "impossible date '2020-02-31'")]


def test_hugos_series_are_tags_and_theme_display_switches_are_ignored_without_a_word():
    header = (
        "series: [Summits]\nshowToc: true\nTocOpen: false\nhidemeta: false\nShowReadingTime: true\n"
        "disableShare: true\nexcerpt_separator: <!--more-->\nmathjax: true\npin: true\n"
    )
    a = parse(f"---\ntitle: T\ndate: 2024-04-19\ntags: [energy]\n{header}---\n\nBody.\n", source="a.md")
    assert [t.slug for t in a.tags] == ["energy", "summits"] and a.diagnostics == ()


@pytest.mark.parametrize(
    "header",
    ["author:\n  name: Jane Doe\n  twitter: janedoe\n  url: https://example.org/", '[author]\nname = "Jane Doe"'],
)
def test_an_author_table_gives_its_name_as_the_byline(header):
    """jekyll-seo-tag reads author: {name, twitter, url}; such a post was skipped as an error."""
    if header.startswith("["):
        text = f'+++\ntitle = "T"\ndate = 2024-04-19\n{header}\n+++\n\nBody.\n'
    else:
        text = f"---\ntitle: T\ndate: 2024-04-19\n{header}\n---\n\nBody.\n"
    a = parse(text, source="a.md")
    assert (a.title, a.byline, a.diagnostics) == ("T", "Jane Doe", ())


def test_the_author_table_of_jekyll_imports_wordpress_posts_gives_its_display_name_as_the_byline():
    # jekyll-import writes every WordPress post's author so: the byline was lost, with a warning
    # that the author had no name.
    header = "author:\n  login: jdoe\n  email: jdoe@example.org\n  display_name: Jane Doe\n  first_name: Jane\n"
    a = parse(f"---\ntitle: T\ndate: 2024-04-19\n{header}  last_name: ''\n---\n\nBody.\n", source="a.md")
    assert (a.byline, a.diagnostics) == ("Jane Doe", ())


def test_an_author_table_whose_display_name_is_empty_is_still_said_to_give_no_name():
    # The byline is lost: the warning that said so was lost too.
    a = parse("---\ntitle: T\ndate: 2024-04-19\nauthor:\n  login: jdoe\n  display_name: ''\n---\n\nB.\n", source="a.md")
    assert a.byline is None and [d.line for d in a.diagnostics if "without a name" in d.message] == [5]


def test_jekylls_excerpt_is_the_summary():
    a = parse("---\ntitle: T\ndate: 2024-04-19\nexcerpt: A short excerpt.\n---\n\nBody.\n", source="a.md")
    assert (a.summary, a.diagnostics) == ("A short excerpt.", ())


def test_byline_before_the_title():
    a = parse(f"كتب: محمد علي\nالعنوان هنا\n{LONG_AR}")
    assert (a.title, a.byline) == ("العنوان هنا", "كتب: محمد علي")
    assert body_texts(a) == [LONG_AR]


@pytest.mark.parametrize(
    ("first", "second"),
    [("تقرير مطول عن خطة التنمية", "القاهرة - أ ش أ"), ("From Cairo to Riyadh, a summit", "By Jane Doe")],
)
def test_a_title_that_opens_with_a_byline_word_is_the_title_when_a_byline_follows(first, second):
    a = parse(f"الأحد - 5 مايو 2024\n\n{first}\n{second}\n\n{LONG_AR}")
    assert (a.title, a.byline, a.date) == (first, second, dt.date(2024, 5, 5))
    assert body_texts(a) == [LONG_AR]


@pytest.mark.parametrize(
    "text",
    [
        f"19 أبريل 2024\nحوار مع وزير الثقافة\nالثقافة حق للجميع\n\n{LONG_AR}",
        f"حوار مع وزير الثقافة\n19 أبريل 2024\n\nالثقافة حق للجميع\n\n{LONG_AR}",
        f"19 أبريل 2024\nتقرير عن أوضاع اللاجئين في لبنان\nأرقام صادمة ومخاوف متزايدة\n\n{LONG_AR}",
    ],
)
def test_a_title_that_opens_with_a_byline_noun_and_a_phrase_is_the_title_over_its_subtitle(text):
    # "حوار مع ..." (an interview with ...) was taken for a byline, and the subtitle for the title.
    a = parse(text)
    assert a.byline is None and a.date == dt.date(2024, 4, 19)
    assert a.title in ("حوار مع وزير الثقافة", "تقرير عن أوضاع اللاجئين في لبنان")
    assert body_texts(a)[-1] == LONG_AR and len(a.body) == 2


@pytest.mark.parametrize("byline", ["إعداد أحمد محمد", "ترجمة وإعداد أحمد محمد", "من مراسلنا في القاهرة"])
def test_a_byline_noun_with_a_name_over_the_title_stays_the_byline(byline):
    a = parse(f"{byline}\n19 أبريل 2024\n\nالعنوان هنا\n\n{LONG_AR}")
    assert (a.title, a.byline, a.date) == ("العنوان هنا", byline, dt.date(2024, 4, 19))


@pytest.mark.parametrize(
    "byline",
    ["تقرير من القاهرة", "متابعة في الجريدة", "ترجمة عن الفرنسية: أحمد محمد", "إعداد وحوار مع أحمد محمد"],
)
def test_a_byline_noun_with_the_storys_source_over_the_title_stays_the_byline(byline):
    # A preposition made these phrases, and the title under them became a subheading.
    a = parse(f"{byline}\n19 أبريل 2024\n\nالعنوان هنا\n\n{LONG_AR}")
    assert (a.title, a.byline, a.date) == ("العنوان هنا", byline, dt.date(2024, 4, 19))
    assert body_texts(a) == [LONG_AR]


def test_a_numeric_date_line_with_spaced_slashes_over_the_title_is_the_date_not_the_title():
    a = parse(f"الجمعة ١٩ / ٤ / ٢٠٢٤\nالعنوان هنا\n\n{LONG_AR}")
    assert (a.title, a.date, body_texts(a)) == ("العنوان هنا", dt.date(2024, 4, 19), [LONG_AR])


def test_title_and_date_on_one_line():
    a = parse(f"علاقات روسية باكستانية - 19 أبريل 2024\n{LONG_AR}")
    assert (a.title, a.date) == ("علاقات روسية باكستانية", dt.date(2024, 4, 19))
    assert body_texts(a) == [LONG_AR]


@pytest.mark.parametrize(
    ("line", "time"),
    [
        ("علاقات روسية باكستانية - 19 أبريل 2024 - 10:30", dt.time(10, 30)),  # the time after another dash
        ("علاقات روسية باكستانية - 19 أبريل 2024 الساعة 3 م", dt.time(15, 0)),
        ("علاقات روسية باكستانية | 19 أبريل 2024 | 08:05", dt.time(8, 5)),
    ],
)
def test_a_title_line_with_a_date_and_a_time_gives_both(line, time):
    a = parse(f"{line}\n{LONG_AR}")
    assert (a.title, a.date, a.time, a.diagnostics) == ("علاقات روسية باكستانية", APR19, time, ())


def test_a_date_on_the_title_line_under_a_dateline_of_another_day_stays_in_the_title():
    a = parse(f"19 أبريل 2024\nذكرى مجزرة دير ياسين - 9 أبريل 1948\n{LONG_AR}")
    assert (a.title, a.date) == ("ذكرى مجزرة دير ياسين - 9 أبريل 1948", dt.date(2024, 4, 19))
    a = parse(f"19 أبريل 2024\nعلاقات روسية باكستانية - 19 أبريل 2024\n{LONG_AR}")  # a repeat
    assert (a.title, a.date) == ("علاقات روسية باكستانية", dt.date(2024, 4, 19))


def test_a_second_date_line_of_another_day_after_the_title_is_reported_as_one_at_the_top_is():
    for text, line in (
        (f"19 أبريل 2024\n20 أبريل 2024\nالعنوان\n{LONG_AR}", 2),
        (f"العنوان\n19 أبريل 2024\n20 أبريل 2024\n{LONG_AR}", 3),
    ):
        a = parse(text)
        assert (a.title, a.date, body_texts(a)) == ("العنوان", dt.date(2024, 4, 19), [LONG_AR])
        assert [(d.line, d.message) for d in a.diagnostics] == [
            (line, "several date lines; using the first, 2024-04-19")
        ]


def test_a_place_dateline_followed_by_a_sentence_is_the_title_not_a_byline():
    a = parse(f"علاقات روسية باكستانية - 19 أبريل 2024\n{LONG_AR}")
    assert a.byline is None


def test_date_on_the_last_line_is_the_article_date():
    a = parse(f"العنوان هنا\n{LONG_AR}\n\nنشر في 19 أبريل 2024\n")
    assert a.date == dt.date(2024, 4, 19)
    assert body_texts(a) == [LONG_AR]


def test_a_date_inside_the_last_paragraph_is_not_the_article_date():
    a = parse(f"العنوان هنا\n{LONG_AR}\nوقال الرئيس يوم 19 أبريل 2024 إن المحادثات كانت ناجحة وستستمر.")
    assert a.date is None


# --- metadata keys written in Arabic ---------------------------------------------------------------

ARABIC_FRONT_MATTER = (
    "---\nالعنوان: اجتماع وزراء الخارجية العرب\nالتاريخ: 2024-03-05\nالوسوم: [سياسة, القاهرة]\nالكاتب: أحمد علي\n"
    "---\n\nنص الفقرة الأولى من الخبر.\n"
)
ARABIC_HEADER = (
    "العنوان: اجتماع وزراء الخارجية العرب\nالتاريخ: 5 مارس 2024\nالوسوم: سياسة، القاهرة\nالكاتب: أحمد علي\n\n"
    "نص الفقرة الأولى من الخبر.\n"
)


@pytest.mark.parametrize("text", [ARABIC_FRONT_MATTER, ARABIC_HEADER])
def test_arabic_metadata_keys_give_the_title_date_tags_and_author_of_a_markdown_article(text):
    a = parse(text, source="news.md")
    assert (a.title, a.date, a.byline, [t.label_ar for t in a.tags]) == (
        "اجتماع وزراء الخارجية العرب",
        dt.date(2024, 3, 5),
        "أحمد علي",
        ["سياسة", "القاهرة"],
    )
    assert [b.text for b in a.body] == ["<p>نص الفقرة الأولى من الخبر.</p>"]
    assert a.diagnostics == ()


@pytest.mark.parametrize(
    "header",
    [
        "عنوان: خبر\nتاريخ: ٥ مارس ٢٠٢٤",
        "العُنوان: خبر\nتاريخ النشر: ٥ مارس ٢٠٢٤",
        "---\nعنوان: خبر\nالتأريخ: ٥ مارس ٢٠٢٤\n---",
        '{\n"عنوان": "خبر",\n"تاريخ النشر": "٢٠٢٤-٠٣-٠٥"\n}',
    ],
)
def test_spelling_variants_of_arabic_keys_and_arabic_indic_digit_dates_are_read(header):
    a = parse(f"{header}\n\nنص الخبر.\n", source="news.md")
    assert (a.title, a.date, a.diagnostics) == ("خبر", dt.date(2024, 3, 5), ())


def test_an_arabic_markdown_header_gives_the_update_category_summary_language_and_draft():
    text = (
        "---\nالعنوان: خبر\nالتاريخ: 2024-03-05\nآخر تحديث: 6 مارس 2024\nالقسم: سياسة\nالملخص: موجز الخبر\n"
        "اللغة: العربية\nمسودة: لا\n---\nNews text in English.\n"
    )
    a = parse(text, source="news.md")
    assert (a.updated, [t.label_ar for t in a.tags], a.summary, a.lang, a.draft, a.diagnostics) == (
        dt.date(2024, 3, 6),
        ["سياسة"],
        "موجز الخبر",
        "ar",
        False,
        (),
    )
    assert parse(text.replace("العربية", "الإنجليزية").replace("لا", "نعم"), source="news.md").lang == "en"


@pytest.mark.parametrize(
    "text",
    [
        "---\nالعنوان: خبر\nالمصدر: رويترز\n---\nنص الخبر.\n",
        "العنوان: خبر\nالمصدر: رويترز\n\nنص الخبر.\n",
    ],
)
def test_an_unknown_arabic_key_is_warned_about_by_its_name_and_line(text):
    a = parse(text, source="news.md")
    line = text.split("\n").index("المصدر: رويترز") + 1
    assert [(d.line, d.message) for d in a.diagnostics if "2024" not in d.message][:1] == [
        (line, "unknown metadata key 'المصدر' ignored (the line is not shown on the page)")
    ]


def test_warnings_about_arabic_keys_name_them_as_typed():
    a = parse("---\nالعنوان: خبر\nالتاريخ:\nمسودة: ربما\n---\nنص الخبر.\n", source="news.md")
    assert [(d.line, d.message.split(";")[0]) for d in a.diagnostics] == [
        (3, "'التاريخ:' is empty"),
        (4, "مسودة: 'ربما' is neither yes nor no"),
    ]


def test_an_article_with_its_title_in_english_and_in_arabic_is_published_with_a_warning_on_the_arabic_line():
    a = parse("---\ntitle: Summit opens\nالعنوان: افتتاح القمة\n---\nنص الخبر.\n", source="news.md")
    assert a.title == "Summit opens"
    assert [(d.line, d.message) for d in a.diagnostics if "العنوان" in d.message] == [
        (3, "'العنوان' means the same as 'title' (line 2), which is read: this one is ignored (not shown on the page)")
    ]


def test_an_arabic_first_line_with_a_colon_is_the_body_of_a_markdown_article_unless_its_key_is_known():
    a = parse("عاجل: انفجار في بيروت\n\nنص الخبر.\n", source="2024-03-05-news.md")
    assert (a.title, a.date) == ("2024-03-05-news", dt.date(2024, 3, 5))
    assert [b.text for b in a.body] == ["<p>عاجل: انفجار في بيروت</p>\n<p>نص الخبر.</p>"]


def test_authors_written_as_objects_under_an_arabic_key_give_the_byline():
    a = parse("---\nالعنوان: خبر\nالتاريخ: 2024-03-05\nالمؤلف:\n  - name: أحمد علي\n---\nنص الخبر.\n", source="news.md")
    assert (a.byline, a.diagnostics) == ("أحمد علي", ())


def test_a_plain_text_article_with_arabic_labels_is_read_as_before():
    a = parse(f"العنوان: اجتماع وزراء الخارجية\nالتاريخ: 5 مارس 2024\nالكاتب: أحمد علي\n\n{LONG_AR}\n")
    assert (a.title, a.date, a.byline) == ("اجتماع وزراء الخارجية", dt.date(2024, 3, 5), "الكاتب: أحمد علي")
    assert body_texts(a) == [LONG_AR]


# --- update dates ------------------------------------------------------------------------------

APR19, APR20 = dt.date(2024, 4, 19), dt.date(2024, 4, 20)


@pytest.mark.parametrize(
    "update",
    [
        "آخر تحديث: 20 أبريل 2024",
        "تحديث: السبت ٢٠ نيسان ٢٠٢٤",
        "آخر تعديل - 20 أفريل 2024",
        "Updated: April 20, 2024",
        "Last updated 20 April 2024",
        "Updated - April 20, 2024",
    ],
)
def test_an_update_line_after_the_title_is_the_update_date_not_the_byline(update):
    a = parse(f"19 أبريل 2024\nالعنوان هنا\n{update}\n\n{LONG_AR}")
    assert (a.title, a.byline, a.date, a.updated) == ("العنوان هنا", None, APR19, APR20)
    assert body_texts(a) == [LONG_AR]
    assert not a.diagnostics


def test_byline_date_and_update_lines_after_the_title_in_any_order():
    for lines in (
        ["كتب: محمد علي", "الجمعة 19 أبريل 2024", "آخر تحديث: 20 أبريل 2024"],
        ["آخر تحديث: 20 أبريل 2024", "كتب: محمد علي", "الجمعة 19 أبريل 2024"],
        ["الجمعة 19 أبريل 2024", "آخر تحديث: 20 أبريل 2024", "القاهرة - أ ش أ"],
    ):
        a = parse("العنوان\n" + "\n".join(lines) + f"\n{LONG_AR}")
        assert (a.title, a.date, a.updated) == ("العنوان", APR19, APR20)
        assert a.byline == next(line for line in lines if "2024" not in line)
        assert body_texts(a) == [LONG_AR]


def test_an_update_line_before_the_title_is_the_update_date_not_a_second_date():
    a = parse(f"الجمعة 19 أبريل 2024\nآخر تحديث: السبت 20 أبريل 2024\n\nالعنوان\n{LONG_AR}")
    assert (a.title, a.date, a.updated) == ("العنوان", APR19, APR20)
    assert not a.diagnostics  # no "several date lines"


def test_published_and_updated_on_one_line():
    a = parse(f"العنوان\nنشر في 19 أبريل 2024 - آخر تحديث 20 أبريل 2024\n{LONG_AR}")
    assert (a.date, a.updated, a.byline) == (APR19, APR20, None)


def test_a_weekday_dateline_after_the_title_is_the_date_not_the_byline():
    a = parse(f"العنوان\nالجمعة - 19 أبريل 2024\n{LONG_AR}")
    assert (a.date, a.byline) == (APR19, None)


def test_an_update_line_at_the_end_is_the_update_date_not_the_publication_date():
    a = parse(f"الجمعة 19 أبريل 2024\nالعنوان\n{LONG_AR}\n\nآخر تحديث: 20 أبريل 2024\n")
    assert (a.date, a.updated, body_texts(a)) == (APR19, APR20, [LONG_AR])
    a = parse(f"العنوان\n{LONG_AR}\n\nآخر تحديث: 20 أبريل 2024\n")
    assert (a.date, a.updated, body_texts(a)) == (None, APR20, [LONG_AR])


def test_an_update_line_alone_leaves_the_article_undated_and_says_why():
    a = parse(f"العنوان\nآخر تحديث: 20 أبريل 2024\n{LONG_AR}")
    assert (a.date, a.updated, a.byline) == (None, APR20, None)
    assert [d.message for d in a.diagnostics] == [
        "no publication date found, only an update date; the article is listed as undated "
        "(put a date line such as '19 أبريل 2024' before the title)"
    ]


def test_an_update_before_the_publication_date_is_warned_with_the_update_line():
    a = parse(f"20 أبريل 2024\nالعنوان\n\nUpdated: April 19, 2024\n{LONG_AR}", source="x/late.txt")
    assert (a.date, a.updated) == (APR20, APR19)
    (warning,) = a.diagnostics
    assert (warning.file, warning.line, warning.level) == ("x/late.txt", 4, "warning")
    assert warning.message.startswith("the update date 2024-04-19 is before the publication date 2024-04-20")


def test_an_impossible_update_line_is_warned_as_an_update_and_keeps_the_date():
    a = parse(f"19 أبريل 2024\nالعنوان\nآخر تحديث: 31 أبريل 2024\n{LONG_AR}")
    assert (a.title, a.date, a.updated, a.byline) == ("العنوان", APR19, None, None)
    (warning,) = a.diagnostics
    assert warning.line == 3
    assert warning.message.startswith("impossible update date 'آخر تحديث: 31 أبريل 2024' (31/4/2024 does not exist)")


def test_two_update_lines_of_different_days_are_reported():
    a = parse(f"19 أبريل 2024\nالعنوان\nآخر تحديث: 20 أبريل 2024\nآخر تحديث: 21 أبريل 2024\n{LONG_AR}")
    assert a.updated == APR20
    assert [(d.line, d.message) for d in a.diagnostics] == [(4, "several update lines; using the first, 2024-04-20")]


@pytest.mark.parametrize("key", ["Updated", "Modified", "Lastmod", "last_modified_at"])
def test_markdown_update_date_from_updated_or_its_synonyms(key):
    a = parse(f"Title: X\nDate: 2024-04-19\n{key}: 2024-04-20 10:30\n\nBody.", source="p.md")
    assert (a.date, a.updated) == (APR19, APR20)
    assert not a.diagnostics


def test_a_ghost_export_gives_its_date_update_and_excerpt():
    a = parse(
        "---\ntitle: Summit opens\nslug: summit-opens\npublished_at: 2024-04-19T10:30:00.000Z\n"
        "updated_at: 2024-04-20T08:00:00.000Z\ncustom_excerpt: Leaders meet in Cairo.\nstatus: published\n"
        "feature_image: summit.jpg\n---\n\nThe summit opened.\n",
        source="p.md",
    )
    assert (a.date, a.time, a.updated, a.summary) == (
        APR19,
        dt.time(10, 30, tzinfo=dt.UTC),
        APR20,
        "Leaders meet in Cairo.",
    )
    assert not [d for d in a.diagnostics if "unknown" in d.message]


def test_a_ghost_key_exported_as_null_has_no_value():
    # Ghost writes 'custom_excerpt: null' for every post without one: it was the summary "null".
    a = parse(
        "---\ntitle: Summit opens\npublished_at: 2024-04-19T10:30:00.000Z\nupdated_at: null\n"
        "custom_excerpt: null\n---\n\nThe summit opened.\n",
        source="p.md",
    )
    assert (a.date, a.updated, a.summary, a.diagnostics) == (APR19, None, None, ())


def test_a_jekyll_description_or_image_written_as_null_has_no_value():
    # 'description: null' was the summary "null" on the article's card and in its meta tags.
    a = parse("---\ntitle: Summit opens\ndate: 2024-04-19\ndescription: null\nimage: ~\n---\n\nText.\n", source="p.md")
    assert (a.summary, a.media, a.diagnostics) == (None, (), ())


@pytest.mark.parametrize(
    ("value", "start"),
    [
        ("2024-04-31", "impossible update date '2024-04-31' (31/4/2024 does not exist)"),
        ("2024-04-20 25:00", "impossible update date '2024-04-20 25:00' (25:00 is not a time of day)"),
        ("soon", "unrecognized update date 'soon'; use YYYY-MM-DD"),
        ("2024-04-18", "the update date 2024-04-18 is before the publication date 2024-04-19"),
    ],
)
def test_a_markdown_update_date_that_cannot_be_used_is_warned_with_its_line(value, start):
    a = parse(f"---\ntitle: X\ndate: 2024-04-19\nupdated: {value}\n---\nBody.", source="p.md")
    (warning,) = a.diagnostics
    assert (warning.file, warning.line, warning.level) == ("p.md", 4, "warning")
    assert warning.message.startswith(start)
    assert a.date == APR19


def test_a_jekyll_post_without_a_date_key_is_dated_by_its_file_name_without_a_word():
    text = "---\nlayout: post\ntitle: Hello world\ncomments: true\ntoc: false\nweight: 3\n---\nBody text.\n"
    a = parse(text, source="_posts/2019-03-15-hello-world.md")
    assert a.date == dt.date(2019, 3, 15)
    assert a.diagnostics == ()  # nor about the keys that steer only Jekyll's or Hugo's layout


def test_a_plain_text_article_filed_by_day_is_dated_by_its_folders_when_its_text_has_no_date():
    assert parse("قمة القاهرة\nنص الخبر هنا.\n", source="2019/03/15/cairo.txt").date == dt.date(2019, 3, 15)
    in_text = parse("الأحد 4 يونيو 2023\nقمة القاهرة\nنص الخبر هنا.\n", source="2019-03-15-cairo.txt")
    assert in_text.date == dt.date(2023, 6, 4)  # the text's own date wins
    front = parse("---\ntitle: X\ndate: 2020-01-02\n---\nBody.\n", source="2019-03-15-x.md")
    assert front.date == dt.date(2020, 1, 2)


def test_a_number_that_only_looks_like_a_day_leaves_the_article_undated_with_the_usual_warning():
    a = parse("قمة القاهرة\nنص الخبر هنا.\n", source="20190315.txt")
    assert a.date is None
    assert [d.message.split(";")[0] for d in a.diagnostics] == ["no date found"]


def test_a_hugo_post_with_a_theme_table_is_published_and_only_the_unknown_table_is_warned_about():
    text = "---\ntitle: Hello\ndate: 2020-01-01\nparams:\n  image: x.jpg\nmenu:\n  main:\n    weight: 2\n---\nBody.\n"
    a = parse(text, source="post.md")
    assert (a.title, a.date, [b.text for b in a.body]) == ("Hello", dt.date(2020, 1, 1), ["<p>Body.</p>"])
    assert [(d.line, d.message) for d in a.diagnostics] == [
        (4, "unknown metadata key 'params' ignored (the line is not shown on the page)")
    ]


def test_a_hugo_cover_table_is_the_lead_image_and_its_unknown_keys_are_named():
    """PaperMod's cover: {image, alt, caption} was one unknown key, and the picture was lost."""
    text = (
        "---\ntitle: Hello\ndate: 2020-01-01\ncover:\n  image: x.jpg\n  alt: A harbour\n  caption: At dawn\n"
        "  relative: true\n  zoom: 2\nmenu:\n  main:\n    weight: 2\n---\nBody.\n"
    )
    a = parse(text, source="post.md")
    assert [b.text for b in a.body] == [
        '<figure class="lead-image"><img src="../../media/x.jpg" alt="A harbour">'
        "<figcaption>At dawn</figcaption></figure><p>Body.</p>"
    ]
    assert a.media == (("x.jpg", 5),)
    assert [(d.line, d.message) for d in a.diagnostics] == [
        (9, "unknown metadata key 'cover.zoom' ignored (the line is not shown on the page)")
    ]
    hidden = parse(text.replace("  zoom: 2", "  hidden: true"), source="post.md")
    assert [b.text for b in hidden.body] == ["<p>Body.</p>"] and hidden.media == () and hidden.diagnostics == ()


@pytest.mark.parametrize(
    ("title", "subtitle"),
    [
        ("وزير الخارجية يزور موسكو لبحث الأزمة مع نظيره الروسي", "المحادثات تستمر يومين في العاصمة"),
        ("وزير الخارجية يزور موسكو لبحث الأزمة مع نظيره الروسي", "ولا اتفاق حتى الآن"),
        ("Minister visits Moscow for talks on the crisis", "Talks to resume in Doha"),
    ],
)
def test_a_short_subtitle_above_the_date_line_is_the_first_paragraph_not_a_byline(title, subtitle):
    """A short line there was taken for the author's name whatever it said: Arabic has no
    capitals to tell "أحمد محمد" from a phrase. A preposition or particle makes it a phrase."""
    date_line = "الجمعة 19 أبريل 2024" if subtitle[0] > "z" else "April 19, 2024"
    a = parse(f"{title}\n{subtitle}\n{date_line}\n\n{LONG_AR}")
    assert (a.title, a.byline, a.date) == (title, None, dt.date(2024, 4, 19))
    assert body_texts(a) == [subtitle, LONG_AR]


@pytest.mark.parametrize(
    ("name", "date_line"), [("عبد الله بن علي السيد", "19 أبريل 2024"), ("Bank of England", "April 19, 2024")]
)
def test_a_name_with_bin_or_of_above_the_date_line_is_still_the_byline(name, date_line):
    title = "وزير الخارجية يزور موسكو لبحث الأزمة مع نظيره الروسي"
    a = parse(f"{title}\n{name}\n{date_line}\n\n{LONG_AR}")
    assert (a.title, a.byline, a.date, body_texts(a)) == (title, name, dt.date(2024, 4, 19), [LONG_AR])


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_subtitle_between_the_title_and_the_date_line_leaves_the_article_dated(gap):
    text = gap.join(
        [
            "Minister visits Moscow for talks on the crisis",
            "Talks expected to last two days",
            "June 4, 2023",
            "A source said the minister would meet his Russian counterpart to discuss the crisis.",
        ]
    )
    a = parse(text + "\n")
    assert a.date == dt.date(2023, 6, 4)
    assert body_texts(a) == [
        "Talks expected to last two days",
        "A source said the minister would meet his Russian counterpart to discuss the crisis.",
    ]
    assert a.diagnostics == ()


@pytest.mark.parametrize("key", ["expiryDate", "unpublishdate"])
def test_a_hugo_expiry_date_is_said_to_be_not_followed_and_the_article_is_published(key):
    """Hugo takes a page off the site after its expiryDate; sitegen said only "unknown metadata
    key", and the author could not tell that the article stays published."""
    a = parse(f"---\ntitle: Notice\ndate: 2020-01-01\n{key}: 2020-02-01\n---\nBody.\n", source="notice.md")
    assert not a.draft and [b.text for b in a.body] == ["<p>Body.</p>"]
    assert [(d.line, d.level, d.message) for d in a.diagnostics] == [
        (
            4,
            "warning",
            f"'{key.lower()}' is not followed: sitegen publishes the article after that date too (an archive "
            "keeps every article); to take it off the site, set draft: true",
        )
    ]


@pytest.mark.parametrize(
    ("top", "byline"),
    [
        ("كتـب: أحمد محمد", "كتـب: أحمد محمد"),
        ("بقلَم: أحمد محمد", "بقلَم: أحمد محمد"),
        ("المحرّر: سارة علي", "المحرّر: سارة علي"),
    ],
)
def test_a_byline_label_typed_with_tatweel_or_tashkeel_is_a_byline(top: str, byline: str) -> None:
    a = parse(f"19 أبريل 2024\n\nالعنوان هنا\n{top}\n\n{LONG_AR}")
    assert (a.title, a.byline, body_texts(a)) == ("العنوان هنا", byline, [LONG_AR])


def test_exported_title_and_text_labels_typed_loosely_are_not_text() -> None:
    a = parse(f"19 أبريل 2024\n\nالعنوان : قمة عربية\nالنّص:\n{LONG_AR}")
    assert (a.title, body_texts(a)) == ("قمة عربية", [LONG_AR])


IMPOSSIBLE_BODY = "نص المقال الطويل الذي يتحدث عن القمة العربية في بغداد وما جرى فيها من نقاشات."


@pytest.mark.parametrize(
    ("text", "title", "date", "body", "said"),
    [
        # the update's day is impossible: the publication date stands
        (
            "الجمعة 19 نيسان 2024 - آخر تحديث 31 نيسان 2024\n\nالعنوان\n\n{b}",
            "العنوان",
            APR19,
            ["{b}"],
            (1, "impossible update date"),
        ),
        # a place dateline with an impossible day is the byline, not the title
        (
            "بغداد في 31 نيسان 2024\nقمة عربية في بغداد\n\n{b}",
            "قمة عربية في بغداد",
            None,
            ["{b}"],
            (1, "impossible date in the dateline"),
        ),
        # a title line that ends with an impossible date keeps it, and says so
        (
            "قمة عربية في بغداد - 31 نيسان 2024\n\n{b}",
            "قمة عربية في بغداد - 31 نيسان 2024",
            None,
            ["{b}"],
            (1, "ends with an impossible date"),
        ),
        # a day out of range is an impossible date, not a title
        ("32 أبريل 2024\n\nالعنوان\n\n{b}", "العنوان", None, ["{b}"], (1, "impossible date '32 أبريل 2024'")),
        ("الجمعة 31 ذو القعدة 1445\n\nالعنوان\n\n{b}", "العنوان", None, ["{b}"], (1, "impossible date")),
        # an impossible update on the last line is said, and kept as text
        (
            "19 نيسان 2024\n\nالعنوان\n\n{b}\n\nآخر تحديث: 31 نيسان 2024",
            "العنوان",
            APR19,
            ["{b}", "آخر تحديث: 31 نيسان 2024"],
            (7, "impossible update date"),
        ),
        (
            "19 نيسان 2024\n\nالعنوان\n\n{b}\n\nآخر تحديث: 25:99 20 نيسان 2024",
            "العنوان",
            APR19,
            ["{b}", "آخر تحديث: 25:99 20 نيسان 2024"],
            (7, "25:99 is not a time of day"),
        ),
    ],
)
def test_an_impossible_date_anywhere_a_date_is_read_is_said_and_loses_nothing(text, title, date, body, said):
    a = parse(text.format(b=IMPOSSIBLE_BODY))
    assert (a.title, a.date, body_texts(a)) == (title, date, [p.format(b=IMPOSSIBLE_BODY) for p in body])
    assert [(d.line, said[1] in d.message) for d in a.diagnostics] == [(said[0], True)]


@pytest.mark.parametrize("top", ["أبريل 2024", "19/4/24", "April 2024", "2024/13/01", "19/19/2024", "٢٠٢٤-١٣-٠١"])
def test_a_first_line_that_looks_like_a_date_sitegen_cannot_read_is_said_as_such(top: str) -> None:
    # A numeric date whose numbers name no day ("2024/13/01": no 13th month) was the title with
    # only "no date found", no line named: it reads as a reference number elsewhere, not here.
    a = parse(f"{top}\n\nالعنوان\n\n{IMPOSSIBLE_BODY}")
    (note,) = a.diagnostics
    assert (a.title, a.date, note.line) == (top, None, 1)
    assert "looks like a date that sitegen cannot read" in note.message


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("السبت 19 أبريل 2024", "names السبت (Saturday), but 2024-04-19 was a الجمعة (Friday)"),
        ("Sat, April 19, 2024", "names السبت (Saturday), but 2024-04-19 was a الجمعة (Friday)"),
        ("الإثنين - 19 نيسان 2024", "names الاثنين (Monday)"),
        ("الجمعة 19 أبريل 2024", None),
        ("جمعه 19 ابريل 2024", None),
        ("19 أبريل 2024", None),
        ("نشر في 19 أبريل 2024 - آخر تحديث الاثنين 22 أبريل 2024", None),  # the update's weekday
        ("Published April 19, 2024, updated Monday, April 22, 2024", None),
    ],
)
def test_a_date_line_whose_weekday_is_not_its_days_is_said_and_its_date_kept(line: str, said: str | None) -> None:
    a = parse(f"{line}\n\nالعنوان\n\n{IMPOSSIBLE_BODY}")
    assert a.date == APR19
    messages = [(d.line, d.message) for d in a.diagnostics]
    if said is None:
        assert messages == []
    else:
        assert len(messages) == 1 and messages[0][0] == 1 and said in messages[0][1]


def test_a_summary_written_in_markdown_or_html_is_the_text_a_reader_sees():
    a = parse(
        "Title: T\nDate: 2024-04-19\nSummary: **عاجل**: قمة في [الرياض](https://x.org) اليوم\n\nنص.\n", source="p.md"
    )
    assert a.summary == "عاجل: قمة في الرياض اليوم"
    b = parse("---\ntitle: T\ndescription: A <em>short</em> summary &amp; more\n---\nText.\n", source="q.md")
    assert b.summary == "A short summary & more"
    c = parse("---\ntitle: T\nsummary: plain_words stay as typed\n---\nText.\n", source="r.md")
    assert c.summary == "plain_words stay as typed"
    for summary in ("2024. A year of change", "#1 best-seller & more", "The word <Arabic> matters & so"):
        d = parse(f"---\ntitle: T\nsummary: '{summary}'\n---\nText.\n", source="s.md")
        assert d.summary == summary  # only inline syntax is read: no list, heading or stray tag


def test_character_references_in_markdown_metadata_are_the_characters_they_stand_for():
    # As WordPress and its exporters write them: the old site showed 'Q&A – talks', sitegen
    # showed 'Q&amp;A &#8211; talks' and made the slug q-amp-a-8211-talks of it.
    a = parse(
        "---\ntitle: 'Q&amp;A &#8211; talks'\ntags: [Q&amp;A, news]\ncategories: [Rock &#038; Roll]\n"
        "author: Jane &amp; John\ndescription: The &#8220;deal&#8221; &amp; more\nimage: a.jpg\n"
        "image_alt: Tom &amp; Jerry\nimage_caption: '&#x201C;Cairo&#x201D;'\n---\nBody with &amp;amp; kept.\n",
        source="q.md",
    )
    assert a.title == "Q&A – talks" and a.slug == "q-a-talks"
    assert [t.label_en for t in a.tags] == ["Q&A", "news", "Rock & Roll"]
    assert a.byline == "Jane & John"
    assert a.summary == "The “deal” & more"
    figure = a.body[0].text
    assert 'alt="Tom &amp; Jerry"' in figure and "<figcaption>“Cairo”</figcaption>" in figure
    assert "Body with &amp;amp; kept." in figure  # the body is Markdown's to read: once


def test_pelican_header_tags_with_a_character_reference_are_named_by_its_character():
    a = parse("Title: T\nTags: Q&amp;A, news\n\nText.\n", source="p.md")
    assert [t.label_en for t in a.tags] == ["Q&A", "news"]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("AT&T &copy 2024", "AT&T &copy 2024"),  # no ';': no reference, as a page reads it too
        ("&amp;amp; &amp;lt;b&amp;gt;", "&amp; &lt;b&gt;"),  # decoded once
        ("Q&ampx; &unknown;", "Q&ampx; &unknown;"),  # no reference HTML knows
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),  # text: templates escape it
    ],
)
def test_markdown_metadata_decodes_only_whole_references_and_each_once(typed, shown):
    a = parse(f"---\ntitle: '{typed}'\ndescription: '{typed}'\nauthor: '{typed}'\n---\nText.\n", source="t.md")
    assert a.title == a.summary == a.byline == shown


def test_a_reference_to_no_character_or_a_control_character_puts_no_control_character_in_metadata():
    # html.unescape reads &#0; and &#xD800; as U+FFFD, &#1; as nothing, but &#12; as a form feed,
    # which XML (the feeds) forbids, and &#129; as the control character U+0081.
    title = "A&#0;B&#xD800;C&#1;D&#12;E&#9;F&#x0A;G&#13;H&#128;I&#129;J&#x9D;K"
    a = parse(f"---\ntitle: '{title}'\n---\nText.\n", source="c.md")
    assert a.title == "A\ufffdB\ufffdCD E F G H€IJK"


@pytest.mark.parametrize(
    "header",
    [
        '+++\ntitle = "T"\ndate = 2024-04-19\n[taxonomies]\ntags = ["روسيا، باكستان", "Summit"]\n'
        'categories = ["World"]\nauthors = ["Jane"]\n[extra]\ntoc = true\n+++\n',
        "---\ntitle: T\ndate: 2024-04-19\ntaxonomies:\n  tags: [روسيا، باكستان, Summit]\n  categories: World\n"
        "  authors: [Jane]\nextra:\n  toc: true\n---\n",
    ],
)
def test_a_zola_posts_taxonomies_are_its_tags_and_a_taxonomy_it_cannot_read_is_named_with_its_line(header):
    # Zola writes tags and categories under [taxonomies]: they were lost, with a warning about the
    # whole table only ('unknown metadata key 'taxonomies'').
    a = parse(f"{header}\nText.\n", source="zola.md")
    assert [t.label_en for t in a.tags] == ["روسيا", "باكستان", "Summit", "World"]
    said = [(d.line, d.message) for d in a.diagnostics]
    assert said[0] == (7, "unknown metadata key 'taxonomies.authors' ignored (the line is not shown on the page)")
    assert len(said) == 2 and "'extra'" in said[1][1]


def test_the_warnings_of_a_file_come_in_the_order_of_its_lines():
    text = "---\ntitle: T\ndate: 2024-04-19\n---\n![x](chart.svg)\n\n[y](#nowhere)\n"
    a = parse(text, source="img.md")
    assert [d.line for d in a.diagnostics] == [5, 7]


def test_a_reference_number_shaped_as_a_date_out_of_range_stays_the_title():
    a = parse(
        f"قرار وزاري رقم 2024/13/45\nبشأن تنظيم أسواق الجملة في المحافظات\n\n{IMPOSSIBLE_BODY}",
        source="2024-04-19-qarar.txt",
    )
    assert (a.title, a.date) == ("قرار وزاري رقم 2024/13/45", APR19)


def test_an_iso_date_out_of_range_in_front_matter_is_called_impossible():
    a = parse("---\ntitle: T\ndate: 2024-13-45\n---\nB\n", source="x.md")
    (note,) = a.diagnostics
    assert note.line == 3 and note.message.startswith("impossible date '2024-13-45'")


@pytest.mark.parametrize("zone", ["10:00:00 Africa/Cairo", "T10:00:00[Africa/Cairo]"])
def test_a_front_matter_date_of_a_real_day_with_a_zone_not_read_is_not_called_impossible(zone):
    # 'impossible date (no such month or day)' sent the author looking for a typo in a day that exists.
    a = parse(f"---\ntitle: T\ndate: 2024-04-19{' ' * (zone[0] != 'T')}{zone}\n---\nB\n", source="x.md")
    (note,) = a.diagnostics
    assert a.date is None and note.line == 3 and "impossible" not in note.message
    assert note.message.startswith("unrecognized date '2024-04-19") and "after the day 2024-04-19, '" in note.message


def test_a_hijri_date_line_is_not_checked_against_its_weekday():
    """Local sighting may start a month a day before or after Umm al-Qura."""
    a = parse(f"الثلاثاء 1 رمضان 1445 هـ\n\nالعنوان\n\n{IMPOSSIBLE_BODY}")
    assert a.date == dt.date(2024, 3, 11) and a.diagnostics == ()


@pytest.mark.parametrize(
    "line",
    [
        "- هل تعتقد أن الرواية ستلقى ما تستحقه من اهتمام النقاد والقراء في العالم العربي؟",
        "2. وفي المحور الثاني، تناول المؤتمر قضايا المياه والطاقة في المنطقة.",
        "10) المصدر: وكالة أنباء الشرق الأوسط",
        "• رفع الحد الأدنى للأجور",  # short and heading-like, but a lone item: no subheading
    ],
)
def test_a_lone_paragraph_that_opens_with_a_list_marker_is_a_paragraph(line: str) -> None:
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{line}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("p", line), ("p", LONG_AR)]


@pytest.mark.parametrize("heading", ["1 - المحور الأول", "١- المحور الأول", "(1) المحور الأول", "1. Introduction"])
def test_a_numbered_heading_alone_between_paragraphs_is_a_subheading(heading: str) -> None:
    # A numbered section's heading: since '1 - ' and '١- ' are list markers it was a plain
    # paragraph (two in a row are still a list).
    a = parse(f"19 أبريل 2024\n\nالعنوان\n\n{LONG_AR}\n\n{heading}\n\n{LONG_AR}")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("h2", heading), ("p", LONG_AR)]


def test_long_lines_with_list_markers_are_paragraphs_even_in_a_row() -> None:
    question = "- " + "سؤال طويل عن الرواية والنقد والقراء " * 8 + "؟"
    answer = "- " + "جواب طويل عن الكتابة والنشر والترجمة " * 8 + "."
    a = parse(f"العنوان\n\n{question}\n\n{answer}")
    assert [b.kind for b in a.body] == ["p", "p"]


# --- the time of day ------------------------------------------------------------------------------


def test_the_time_on_the_date_line_is_the_articles_and_the_updates_is_not():
    a = parse(f"الجمعة 19 أبريل 2024 - 10:30 م\nالعنوان\n{LONG_AR}")
    assert (a.date, a.time) == (APR19, dt.time(22, 30))
    a = parse(f"19 أبريل 2024\nآخر تحديث: 20 أبريل 2024 - 09:00\nالعنوان\n{LONG_AR}")
    assert (a.date, a.updated, a.time) == (APR19, APR20, None)
    a = parse(f"العنوان\n{LONG_AR}\n\nنشر في 19 أبريل 2024 الساعة 08:15 ص\n")  # the date on the last line
    assert (a.date, a.time, body_texts(a)) == (APR19, dt.time(8, 15), [LONG_AR])


@pytest.mark.parametrize(
    "text",
    [
        f"القاهرة في 19 أبريل 2024 الساعة 10:30 ص\nالعنوان هنا\n{LONG_AR}",
        f"العنوان هنا\nالقاهرة في 19 أبريل 2024 الساعة 10:30 ص\n{LONG_AR}",
    ],
)
def test_a_dateline_with_a_place_gives_its_time_too(text):
    a = parse(text)
    assert (a.date, a.time, a.byline) == (APR19, dt.time(10, 30), "القاهرة في 19 أبريل 2024 الساعة 10:30 ص")


def test_a_repeated_date_line_may_add_the_time_but_another_days_line_does_not():
    a = parse(f"19 أبريل 2024\n19 أبريل 2024 - 10:30\nالعنوان\n{LONG_AR}")
    assert (a.date, a.time) == (APR19, dt.time(10, 30))
    a = parse(f"19 أبريل 2024 - 10:30\n19 أبريل 2024 - 11:45\nالعنوان\n{LONG_AR}")
    assert (a.date, a.time) == (APR19, dt.time(10, 30))
    a = parse(f"19 أبريل 2024\n20 أبريل 2024 - 10:30\nالعنوان\n{LONG_AR}")
    assert (a.date, a.time) == (APR19, None)


WEST, EAST = dt.timezone(dt.timedelta(hours=-4)), dt.timezone(dt.timedelta(hours=3))


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("---\ntitle: T\ndate: 2024-04-19 09:00:00 -0400\n---\n", dt.time(9, tzinfo=WEST)),
        ("---\ntitle: T\ndate: 2024-04-19T21:15:00Z\n---\n", dt.time(21, 15, tzinfo=dt.UTC)),
        ('+++\ntitle = "T"\ndate = 2024-04-19T10:30:00+03:00\n+++\n', dt.time(10, 30, tzinfo=EAST)),
        ("Title: T\nDate: 2024-04-19 10:20\n\n", dt.time(10, 20)),  # Pelican: local time
        ("---\ntitle: T\ndate: 2024-04-19\n---\n", None),
    ],
)
def test_a_markdown_date_keeps_its_time_and_zone(header, expected):
    a = parse(header + "Body text.\n", source="p.md")
    assert (a.date, a.time) == (APR19, expected)
    assert (a.time.tzinfo if a.time else None) == (expected.tzinfo if expected else None)


@pytest.mark.parametrize(
    ("source", "text", "offset", "line"),
    [
        ("a.txt", f"2024-04-19T10:30:00+25:00\nThe title\n\n{LONG_EN}\n", "+25:00", 1),
        ("a.txt", f"العنوان\nالجمعة 19 أبريل 2024 - 10:30 +03:75\n\n{LONG_AR}\n", "+03:75", 2),
        ("a.txt", f"القاهرة في 19 أبريل 2024 الساعة 10:30 +03:75\nالعنوان\n\n{LONG_AR}\n", "+03:75", 1),
        ("a.txt", f"The title\nCAIRO, April 19, 2024 10:30 GMT+25\n\n{LONG_EN}\n", "GMT+25", 2),
        ("a.txt", f"Talks resume - 19 April 2024 10:30 +25:00\n\n{LONG_EN}\n", "+25:00", 1),
        ("a.txt", f"Talks resume\n\n{LONG_EN}\n\n{LONG_EN}\n\nPublished 19 April 2024 10:30 +25:00\n", "+25:00", 7),
        ("a.txt", f"Talks resume\n\nCAIRO, April 19, 2024 10:30 +25:00 (Reuters) - {LONG_EN}\n", "+25:00", 3),
        ("p.md", "---\ntitle: T\ndate: 2024-04-19T10:30:00+25:00\n---\nBody text.\n", "+25:00", 3),
        ("p.md", "Title: T\nDate: 2024-04-19 10:30 +03:75\n\nBody text.\n", "+03:75", 2),
        ("p.md", "# T\n\n19 April 2024 10:30 +03:75\n\nBody text.\n", "+03:75", 3),
    ],
)
def test_an_impossible_utc_offset_is_warned_with_its_line_and_the_date_and_time_are_kept(source, text, offset, line):
    """+25:00 was dropped without a word, and +03:75 read as +04:15."""
    a = parse(text, source=source)
    assert (a.date, a.time) == (APR19, dt.time(10, 30)) and a.time.tzinfo is None
    (warning,) = a.diagnostics
    assert (warning.file, warning.line, warning.level) == (source, line, "warning")
    assert f"UTC offset '{offset}'" in warning.message
    assert "ignored" in warning.message and "'+03:00'" in warning.message


@pytest.mark.parametrize("line", ["CAIRO, April 19, 2024 3:15 p.m.", "Cairo, April 19, 2024, 9:05 A.M."])
def test_a_place_dateline_that_ends_in_am_or_pm_is_one_not_a_sentence(line):
    a = parse(f"The headline here\n{line}\n\n{LONG_AR}")
    assert (a.title, a.byline, a.date) == ("The headline here", line, APR19)
    assert a.time in (dt.time(15, 15), dt.time(9, 5))


def test_a_paragraph_of_thousands_of_hard_wrapped_lines_is_joined_whole_in_order():
    # Each joined line used to copy and search the whole paragraph so far: 5,000 lines took
    # 17 s and a 30 MB file never finished; now the file is read in a fraction of a second.
    line = "the talks went on through the night and the delegates spoke of a long road ahead of"
    lines = [f"{line} them {i}" for i in range(5000)] + ["well-", "known end."]
    a = parse("19 April 2024\n\nTalks go on\n\n" + "\n".join(lines) + "\n")
    assert body_texts(a) == [" ".join(lines[:-2]) + " well-known end."]


@pytest.mark.parametrize(
    "lead",
    [
        "شرم الشيخ - 4 يناير 2024 - بدأت اليوم فعاليات المؤتمر الدولي للمناخ.",
        "الدار البيضاء - 5 مايو 2024 - انطلقت اليوم أعمال منتدى الاستثمار.",
        "بيت لحم - 24 ديسمبر 2023 - احتفل المسيحيون بعيد الميلاد.",
        "New York - April 19, 2024 - Stocks rallied on Friday.",
    ],
)
def test_a_city_of_several_words_opening_the_first_paragraph_with_a_date_dates_the_article(lead):
    """A dateline whose place has two words lost its date when event names (وعد بلفور - 2
    نوفمبر 1917 -) stopped counting as places: the cities wire copy names most are known."""
    assert parse(f"عنوان الخبر\n\n{lead}\n\nنص.\n").date is not None


# --- a title that names an event with its date ------------------------------------------


@pytest.mark.parametrize(
    ("date_line", "title", "day"),
    [
        ("19 أبريل 2024", "حرب أكتوبر - 6 أكتوبر 1973", dt.date(2024, 4, 19)),
        ("October 6, 2023", "Yom Kippur War - October 6, 1973", dt.date(2023, 10, 6)),
    ],
)
def test_a_title_naming_an_event_with_its_date_under_a_date_line_keeps_the_date_line_and_the_whole_title(
    date_line, title, day
):
    a = parse(f"{date_line}\n\n{title}\n\n{LONG_AR}\n")
    assert (a.title, a.date, body_texts(a), a.diagnostics) == (title, day, [LONG_AR], ())


@pytest.mark.parametrize(
    "title",
    [
        "حرب أكتوبر - 6 أكتوبر 1973",
        "Yom Kippur War - October 6, 1973",
        "ذكرى مجزرة دير ياسين - 9 أبريل 1948",
        "ثورة يوليو - 23 يوليو 1952",
    ],
)
def test_a_title_naming_an_event_with_its_date_and_no_other_date_is_undated_with_the_title_whole(title):
    # The date of the event a title recalls is not the day the article appeared: the article
    # was dated 1973 without a word and the title lost the date it names.
    a = parse(f"{title}\n\n{LONG_AR}\n")
    assert (a.title, a.date, body_texts(a)) == (title, None, [LONG_AR])
    (note,) = a.diagnostics
    assert "no date found" in note.message and "undated" in note.message
    assert "the date in the title" in note.message and note.line == 1


@pytest.mark.parametrize(
    ("line", "time"),
    [
        ("حرب غزة - 19 أبريل 2024 - 10:30", dt.time(10, 30)),  # a publication's stamp, to the minute
        ("وعد الرئيس بإصلاحات جديدة - 19 أبريل 2024", None),  # "he promised": no event's name
        ("اتفاق على وقف إطلاق النار - 19 أبريل 2024", None),
    ],
)
def test_a_title_with_its_date_and_a_time_or_no_event_word_still_dates_the_article(line, time):
    a = parse(f"{line}\n\n{LONG_AR}\n")
    assert (a.date, a.time, a.diagnostics) == (APR19, time, ())
    assert a.title == line.split(" - ")[0]


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Oil prices may fall further - May 3, 2024", dt.date(2024, 5, 3)),
        ("Thousands march in Cairo - March 8, 2024", dt.date(2024, 3, 8)),
    ],
)
def test_a_title_whose_verb_is_spelled_as_its_dates_month_still_dates_the_article(line, day):
    # "may" and "march" in lower case are verbs, not the month of the title's own date: such
    # headlines of the day were taken for events named for their month and listed as undated.
    a = parse(f"{line}\n\n{LONG_EN}\n")
    assert (a.title, a.date, a.diagnostics) == (line.split(" - ")[0], day, ())


@pytest.mark.parametrize(
    ("under", "byline"),
    [
        ("ذكريات الجنود بعد خمسين عاما\n19 أبريل 2024", None),  # a subtitle over the date line
        ("بقلم: أحمد محمد\nالقاهرة في 19 أبريل 2024", "بقلم: أحمد محمد، القاهرة في 19 أبريل 2024"),
    ],
)
def test_a_title_naming_an_event_with_its_date_gives_way_to_the_date_line_under_its_subtitle_or_byline(under, byline):
    # The lines under the title were read as if its date dated the article: the date line under
    # a subtitle, or the dateline under a byline, was left as text and the article listed as
    # undated, "the date in the title taken as the event's", though the file gave its own date.
    a = parse(f"حرب أكتوبر - 6 أكتوبر 1973\n{under}\n\n{LONG_AR}\n")
    assert (a.title, a.date, a.byline, a.diagnostics) == ("حرب أكتوبر - 6 أكتوبر 1973", APR19, byline, ())
    assert body_texts(a)[-1] == LONG_AR and "19 أبريل 2024" not in body_texts(a)


@pytest.mark.parametrize(
    ("top", "line", "title", "day", "paragraph"),
    [
        ("", "Yom Kippur War - October 6, 1973", "Yom Kippur War - October 6, 1973", None, LONG_EN),
        ("April 19, 2024\n", "Yom Kippur War - October 6, 1973", "Yom Kippur War - October 6, 1973", APR19, LONG_EN),
        ("19 أبريل 2024\n", "علاقات روسية باكستانية - 19 أبريل 2024", "علاقات روسية باكستانية", APR19, LONG_AR),
    ],
)
def test_a_title_with_its_date_over_a_hard_wrapped_first_paragraph_is_the_title(top, line, title, day, paragraph):
    # The title line was read as a dateline with a place ("Yom Kippur War") over a title, and
    # the first line of the wrapped paragraph, short and without a stop, became the title: the
    # paragraph lost its first line to it, and the article was dated 1973 without a word.
    wrapped = textwrap.fill(f"{paragraph} {paragraph}", 72)
    a = parse(f"{top}{line}\n\n{wrapped}\n")
    assert (a.title, a.date, a.byline) == (title, day, None)
    assert body_texts(a) == [f"{paragraph} {paragraph}"]


@pytest.mark.parametrize(
    ("line", "byline", "title", "day"),
    [
        ("Yom Kippur War - October 6, 1973", "By Jane Doe", "Yom Kippur War - October 6, 1973", None),
        ("مجزرة دير ياسين - 9 أبريل 1948", "كتب: أحمد محمد", "مجزرة دير ياسين - 9 أبريل 1948", None),
        ("علاقات روسية باكستانية - 19 أبريل 2024", "بقلم: أحمد محمد", "علاقات روسية باكستانية", APR19),
    ],
)
def test_a_title_with_its_date_over_a_byline_is_the_title_and_the_byline_its_byline(line, byline, title, day):
    # The title line was read as a dateline with a place ("Yom Kippur War") over a title, and
    # the byline under it became the title ("By Jane Doe"): an event's date dated the article
    # (1973, 1948) without a word.
    a = parse(f"{line}\n{byline}\n\n{LONG_AR}\n")
    assert (a.title, a.date, a.byline, body_texts(a)) == (title, day, byline, [LONG_AR])


@pytest.mark.parametrize(
    ("line", "subtitle", "paragraph"),
    [
        ("Yom Kippur War - October 6, 1973", "Fifty years on, veterans remember", LONG_EN),
        ("مجزرة دير ياسين - 9 أبريل 1948", "شهادات الناجين بعد 76 عاما", LONG_AR),
    ],
)
def test_a_title_naming_an_event_with_its_date_over_a_subtitle_is_the_title_and_does_not_date_the_article(
    line, subtitle, paragraph
):
    # The event's name was read as the place of a dateline over the title: the subtitle was
    # published as the title and the article dated 1973 (1948) without a word.
    a = parse(f"{line}\n{subtitle}\n\n{paragraph}\n")
    assert (a.title, a.date, a.byline) == (line, None, None)
    assert subtitle in body_texts(a) and body_texts(a)[-1] == paragraph
    assert "the date in the title" in a.diagnostics[0].message


def test_a_credited_dateline_over_a_hard_wrapped_first_paragraph_still_dates_the_article():
    # Not a "Title - date" line (its date has a credit after it): it is read as a dateline, as
    # before, and gives the date.
    wrapped = textwrap.fill(f"{LONG_AR} {LONG_AR}", 72)
    a = parse(f"القاهرة - 19 أبريل 2024 (أ ف ب)\n\n{wrapped}\n")
    assert (a.date, a.byline) == (APR19, "القاهرة - 19 أبريل 2024 (أ ف ب)")


@pytest.mark.parametrize(
    ("title", "line", "paragraph"),
    [
        ("Fifty years on, veterans remember", "Yom Kippur War - October 6, 1973", LONG_EN),
        ("شهادات الناجين بعد 76 عاما", "مجزرة دير ياسين - 9 أبريل 1948", LONG_AR),
    ],
)
def test_an_event_with_its_date_under_the_title_is_no_dateline(title, line, paragraph):
    # The event's name was read as the place of a dateline under the title: the line was the
    # byline and the article was dated 1973 (1948) without a word.
    a = parse(f"{title}\n{line}\n\n{paragraph}\n")
    assert (a.title, a.date, a.byline) == (title, None, None)
    assert body_texts(a) == [line, paragraph]
    assert "no date found" in a.diagnostics[0].message


def test_a_title_naming_an_event_with_its_date_gives_way_to_the_date_on_the_last_line():
    a = parse(f"حرب أكتوبر - 6 أكتوبر 1973\n\n{LONG_AR}\n\nنشر في 19 أبريل 2024\n")
    assert (a.title, a.date, body_texts(a), a.diagnostics) == ("حرب أكتوبر - 6 أكتوبر 1973", APR19, [LONG_AR], ())


def test_a_title_naming_an_event_with_its_date_gives_way_to_the_date_in_the_file_path():
    a = parse(f"حرب أكتوبر - 6 أكتوبر 1973\n\n{LONG_AR}\n", source="2023/10/06/october.txt")
    assert (a.title, a.date, a.diagnostics) == ("حرب أكتوبر - 6 أكتوبر 1973", dt.date(2023, 10, 6), ())


def test_a_title_with_a_date_gives_way_to_a_dateline_of_another_day_opening_the_first_paragraph():
    lead = "القاهرة، 19 أبريل 2024 (أ ش أ) - أعلنت وزارة الخارجية أن المحادثات ستستأنف."
    a = parse(f"علاقات روسية باكستانية - 9 أبريل 1948\n\n{lead}\n")
    assert (a.title, a.date, body_texts(a)) == ("علاقات روسية باكستانية - 9 أبريل 1948", APR19, [lead])


def test_a_title_with_the_same_date_as_the_last_line_gives_the_date_and_the_last_line_stays_text_as_before():
    a = parse(f"علاقات روسية باكستانية - 19 أبريل 2024\n\n{LONG_AR}\n\nنشر في 19 أبريل 2024\n")
    assert (a.title, a.date, a.diagnostics) == ("علاقات روسية باكستانية", APR19, ())
    assert body_texts(a) == [LONG_AR, "نشر في 19 أبريل 2024"]


# --- a dateline as the first line, with no title line ----------------------------------


@pytest.mark.parametrize(
    ("first", "title"),
    [
        (
            "القاهرة في 19 أبريل 2024 (أ ش أ) - أعلن وزير الخارجية أن المحادثات ستستأنف الأسبوع المقبل في الدوحة.",
            "أعلن وزير الخارجية أن المحادثات ستستأنف الأسبوع المقبل في الدوحة",
        ),
        (
            "CAIRO, April 19, 2024 (Reuters) - Egypt said on Friday that talks would resume next week in Doha.",
            "Egypt said on Friday that talks would resume next week in Doha",
        ),
        (
            "القاهرة - 19 أبريل 2024 - أعلنت وزارة الخارجية أن المحادثات ستستأنف، وقال المتحدث باسمها إن "
            "الجانبين اتفقا على جدول أعمال يشمل الطاقة والتجارة والنقل والاستثمار والتعليم.",
            "أعلنت وزارة الخارجية أن المحادثات ستستأنف، وقال المتحدث باسمها إن الجانبين اتفقا على جدول أعمال…",
        ),
    ],
)
def test_a_first_line_that_opens_with_a_dateline_and_goes_on_as_a_sentence_is_the_first_paragraph_not_the_title(
    first, title
):
    a = parse(f"{first}\n\n{LONG_AR}\n")
    assert (a.title, a.date, body_texts(a)) == (title, APR19, [first, LONG_AR])  # every word kept, in order
    (note,) = a.diagnostics
    assert note.line == 1 and "no title line" in note.message


def test_a_hard_wrapped_first_paragraph_that_opens_with_a_dateline_is_kept_whole():
    first = "CAIRO, April 19, 2024 (Reuters) - Egypt said on Friday that talks on the\nborder crossings would resume."
    a = parse(f"{first}\n\n{LONG_EN}\n")
    assert (a.date, body_texts(a)) == (APR19, [first.replace("\n", " "), LONG_EN])
    assert a.title == "Egypt said on Friday that talks on the border crossings would resume"


def test_a_first_line_with_a_dateline_and_a_short_title_after_it_stays_the_title():
    a = parse(f"القاهرة - 19 أبريل 2024 - افتتاح معرض الكتاب\n\n{LONG_AR}\n")
    assert a.title == "القاهرة - 19 أبريل 2024 - افتتاح معرض الكتاب" and body_texts(a) == [LONG_AR]


def test_a_first_line_that_opens_with_an_event_and_its_date_is_still_the_title():
    first = "حرب أكتوبر - 6 أكتوبر 1973 - عبرت القوات المصرية قناة السويس."
    a = parse(f"{first}\n\n{LONG_AR}\n")
    assert (a.title, a.date) == (first, None)


def test_a_hard_wrapped_first_line_too_long_for_a_title_is_kept_whole_as_the_first_paragraph():
    # The title's two wrapped lines are joined; when together they are a sentence too long for a
    # title, the first paragraph used to be the second line alone: the first was only in the
    # shortened title.
    first = "The government announced on Friday a wide plan to rebuild the old harbour of the city and its"
    second = "roads, with money from the state budget and private investors over five years."
    body = textwrap.fill(" ".join(["The plan was presented to parliament by the minister of transport."] * 6), 96)
    a = parse(f"Friday - 19 April 2024\n\n{first}\n{second}\n\n{body}\n\n{body}\n")
    assert body_texts(a)[0] == f"{first} {second}"
    assert a.title.startswith("The government announced") and a.title.endswith("…")


def test_the_warning_for_a_hard_wrapped_title_too_long_says_it_is_two_lines_long_together():
    # The warning said "the first line is 172 characters long" of a line of 93 characters: the
    # length is that of the two wrapped lines joined.
    first = "The government announced on Friday a wide plan to rebuild the old harbour of the city and its"
    second = "roads, with money from the state budget and private investors over five years."
    body = textwrap.fill(" ".join(["The plan was presented to parliament by the minister of transport."] * 6), 96)
    a = parse(f"Friday - 19 April 2024\n\n{first}\n{second}\n\n{body}\n\n{body}\n")
    (note,) = a.diagnostics
    assert note.line == 3
    assert note.message.startswith("the first two lines (a title hard-wrapped) are 172 characters long together")
    assert "the whole of them is kept as the first paragraph" in note.message


@pytest.mark.parametrize(
    ("dateline", "text", "title"),
    [
        (
            "CAIRO, April 19, 2024 (Reuters) -",
            "Egypt said on Friday that talks would resume next week in Doha.",
            "Egypt said on Friday that talks would resume next week in Doha",
        ),
        (
            "القاهرة في 19 أبريل 2024 (أ ش أ) -",
            "أعلن وزير الخارجية أن المحادثات ستستأنف الأسبوع المقبل في الدوحة.",
            "أعلن وزير الخارجية أن المحادثات ستستأنف الأسبوع المقبل في الدوحة",
        ),
    ],
)
def test_a_wire_dateline_alone_on_the_first_line_dates_the_article_and_is_kept_as_its_dateline(dateline, text, title):
    # The dateline, leading with its dash into the text on the next line, was the title and the
    # article undated: it is the dateline (kept as the byline, as under a title), and the text
    # gives the title as when the dateline opens the first line's sentence.
    a = parse(f"{dateline}\n{text}\n\n{LONG_AR}\n")
    assert (a.title, a.date, a.byline, body_texts(a)) == (title, APR19, dateline, [text, LONG_AR])
    (note,) = a.diagnostics
    assert note.line == 1 and "no title line" in note.message


def test_a_wire_dateline_alone_on_the_first_line_naming_a_day_that_does_not_exist_is_warned_about_on_its_line():
    # It was the title, and the only warning a generic 'no date found' that named no line: the
    # impossible day went unsaid, as it is not under a title.
    dateline = "بغداد في 31 نيسان 2024 (أ ش أ) -"
    a = parse(f"{dateline}\n{LONG_AR}\n")
    assert (a.date, a.byline, body_texts(a)) == (None, dateline, [LONG_AR])
    assert [(d.line, "impossible date in the dateline" in d.message) for d in a.diagnostics if d.line == 1] == [
        (1, True),
        (1, False),
    ]


def test_a_wire_dateline_alone_over_a_hard_wrapped_paragraph_keeps_every_line_of_the_paragraph():
    wrapped = textwrap.fill(f"{LONG_EN} {LONG_EN}", 72)
    a = parse(f"CAIRO, April 19, 2024 (Reuters) -\n{wrapped}\n\n{wrapped}\n")
    assert (a.date, a.byline) == (APR19, "CAIRO, April 19, 2024 (Reuters) -")
    assert body_texts(a) == [wrapped.replace("\n", " ")] * 2
    assert a.title.startswith("The ministry spokesman said") and "no title line" in a.diagnostics[0].message


@pytest.mark.parametrize(
    ("first", "rest"),
    [
        (  # wrapped by hand: the first line stops short of the width the lines under it fill
            "CAIRO, April 19, 2024 (Reuters) - Egypt said on",
            textwrap.fill(f"Friday that talks would resume next week in Doha. {LONG_EN}", 70),
        ),
        (  # wrapped narrower than the paragraphs after it, which are one line each
            "القاهرة في 19 أبريل 2024 (أ ش أ) - أعلن وزير",
            textwrap.fill(
                "الخارجية المصري أن المحادثات حول المعابر الحدودية ستستأنف الأسبوع المقبل في الدوحة بعد توقف.", 50
            ),
        ),
    ],
)
def test_a_hard_wrapped_first_paragraph_opening_with_a_wire_dateline_is_kept_whole_when_its_first_line_is_short(
    first, rest
):
    # The first line, not joined to the lines under it, was the title, the article undated and
    # the paragraph began at its second line. The wire dateline (its credit) opening line 1 of a
    # file says the line is text: its paragraph goes on under it.
    a = parse(f"{first}\n{rest}\n\n{LONG_AR}\n")
    paragraph = f"{first} {rest}".replace("\n", " ")
    assert (a.date, body_texts(a)) == (APR19, [paragraph, LONG_AR])
    assert a.title == _title_after_dateline(paragraph) and "no title line" in a.diagnostics[0].message


def _title_after_dateline(paragraph: str) -> str:
    words = paragraph.split(" - ", 1)[1]
    return words[: words.rfind(" ", 0, 100)].rstrip(" ,،") + "…"


def test_a_dateline_and_a_short_title_on_the_first_line_right_over_a_paragraph_stay_the_title():
    # No credit: a title may open with its place and date; the wire-copy rule above needs one.
    a = parse(f"القاهرة - 19 أبريل 2024 - افتتاح معرض الكتاب\n{textwrap.fill(f'{LONG_AR} {LONG_AR}', 70)}\n")
    assert a.title == "القاهرة - 19 أبريل 2024 - افتتاح معرض الكتاب"
    assert body_texts(a) == [f"{LONG_AR} {LONG_AR}"]


WIRE_CREDITS = (
    *("أ ش أ", "أ ف ب", "رويترز", "د ب أ", "واس", "قنا", "بترا", "وام", "كونا", "سانا", "العمانية", "الأناضول"),
    *("وطنية", "معا", "وفا", "سبأ", "MENA", "AFP", "AP", "Reuters", "dpa", "WAM", "KUNA", "SPA", "QNA", "Petra"),
    *("Anadolu", "سونا", "SUNA", "وات", "TAP", "واج", "APS", "MAP", "إرنا", "IRNA"),
)


@pytest.mark.parametrize("credit", WIRE_CREDITS)
def test_the_credit_of_every_common_wire_agency_makes_a_first_line_a_dateline_that_dates_the_article(credit):
    # '(وطنية)', Lebanon's National News Agency, was not known: the first line was the title,
    # dateline and all, and the article undated.
    first = f"بيروت في 19 أبريل 2024 ({credit}) - أعلن وزير الخارجية أن المحادثات ستستأنف الأسبوع المقبل."
    a = parse(f"{first}\n\n{LONG_AR}\n")
    assert (a.title, a.date, body_texts(a)) == (
        "أعلن وزير الخارجية أن المحادثات ستستأنف الأسبوع المقبل",
        APR19,
        [first, LONG_AR],
    )


@pytest.mark.parametrize("credit", WIRE_CREDITS)
def test_the_credit_of_every_common_wire_agency_on_a_dateline_under_the_title_dates_the_article(credit):
    a = parse(f"عنوان الخبر\nبيروت - 19 أبريل 2024 ({credit}) -\n{LONG_AR}\n")
    assert (a.title, a.date, a.byline, body_texts(a)) == (
        "عنوان الخبر",
        APR19,
        f"بيروت - 19 أبريل 2024 ({credit}) -",
        [LONG_AR],
    )


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("علاقات روسية باكستانية", "20 أبريل 2024"),
        ("Talks resume in Doha", "April 20, 2024"),
    ],
)
def test_a_title_date_that_differs_from_the_date_in_the_path_is_warned_about_with_the_date_used(title, said):
    # The path's day was taken and the title's kept in the title without a word: an archivist
    # could not tell which of the two days the article was listed under, nor why.
    a = parse(f"{title} - {said}\n\n{LONG_AR}\n", source="2024/04/19/x.txt")
    assert (a.title, a.date, body_texts(a)) == (f"{title} - {said}", APR19, [LONG_AR])
    (note,) = a.diagnostics
    assert (note.file, note.line) == ("2024/04/19/x.txt", 1)
    assert f"the date in the title line ({said!r}) is not the date in the file's path (2024-04-19)" in note.message
    assert "the path's date is used" in note.message


def test_a_title_date_that_agrees_with_the_path_or_names_an_event_is_not_warned_about():
    a = parse(f"علاقات روسية باكستانية - 19 أبريل 2024\n\n{LONG_AR}\n", source="2024/04/19/x.txt")
    b = parse(f"حرب أكتوبر - 6 أكتوبر 1973\n\n{LONG_AR}\n", source="2023/10/06/x.txt")
    assert (a.date, a.diagnostics, b.date, b.diagnostics) == (APR19, (), dt.date(2023, 10, 6), ())


@pytest.mark.parametrize("over", ["", "الجمعة 19 أبريل 2024\n"])
@pytest.mark.parametrize("wrapped", [True, False])
def test_a_credited_wire_dateline_without_a_final_dash_alone_over_the_text_dates_the_article_and_is_its_dateline(
    over, wrapped
):
    # 'القاهرة - 19 أبريل 2024 (أ ف ب)' with no dash after its credit was the title over a
    # one-line paragraph (the article undated), and over a hard-wrapped one the paragraph's first
    # line was the title, the paragraph cut after it. A credit after a place and a whole date
    # says the line is a dateline, as its dash does.
    dateline = "القاهرة - 19 أبريل 2024 (أ ف ب)"
    text = textwrap.fill(f"{LONG_AR} {LONG_AR}", 70) if wrapped else LONG_AR
    a = parse(f"{over}{dateline}\n{text}\n\n{text}\n")
    paragraph = text.replace("\n", " ")
    assert (a.date, a.byline, body_texts(a)) == (APR19, dateline, [paragraph, paragraph])
    assert a.title.startswith("وقال المتحدث باسم الوزارة")
    (note,) = a.diagnostics
    assert note.line == 1 + bool(over) and "no title line" in note.message


@pytest.mark.parametrize(
    ("dateline", "text", "after"),
    [
        ("القاهرة - 19 أبريل 2024 (أ ف ب)", LONG_AR, LONG_AR),
        ("القاهرة - 19 أبريل 2024 (أ ف ب) -", LONG_AR, LONG_AR),
        ("CAIRO, April 19, 2024 (Reuters) -", LONG_EN, LONG_EN),
        ("CAIRO, April 19, 2024 -", LONG_EN, LONG_EN),
    ],
)
def test_a_wire_dateline_alone_over_a_paragraph_wrapped_narrower_than_those_after_it_keeps_the_paragraph_whole(
    dateline, text, after
):
    # The paragraphs after it being one line each, the wrapped one under the dateline was not
    # seen as wrapped: its first line was the title and the rest of it the first paragraph.
    wrapped = textwrap.fill(f"{text} {text}", 70)
    a = parse(f"{dateline}\n{wrapped}\n\n{after}\n")
    assert (a.date, a.byline, body_texts(a)) == (APR19, dateline, [f"{text} {text}", after])
    assert a.title.endswith("…") and "no title line" in a.diagnostics[0].message


@pytest.mark.parametrize(
    ("dateline", "title", "text"),
    [
        ("القاهرة - 19 أبريل 2024 (أ ف ب)", "مصر وقطر تتفقان على استئناف المحادثات بشأن المعابر الحدودية", LONG_AR),
        ("CAIRO, April 19, 2024 (Reuters) -", "Egypt and Qatar agree to resume talks on the border crossings", LONG_EN),
    ],
)
def test_a_wire_dateline_over_a_long_title_right_over_a_paragraph_wrapped_narrower_than_those_after_it_keeps_the_title(
    dateline, title, text
):
    # The title, a few characters short of the width the paragraph under it is wrapped at (70),
    # was read as that paragraph's first line: run into the paragraph, with the title made of
    # the paragraph's words and a "no title line" warning. A wrapping tool would have put the
    # paragraph's first word on the title's line: only a line it fills opens the paragraph.
    wrapped = textwrap.fill(f"{text} {text}", 70)
    a = parse(f"{dateline}\n{title}\n{wrapped}\n\n{text}\n")
    assert (a.title, a.date, a.byline, a.diagnostics) == (title, APR19, dateline, ())
    assert body_texts(a) == [f"{text} {text}", text]


@pytest.mark.parametrize(
    ("dateline", "title", "text"),
    [
        ("القاهرة - 19 أبريل 2024 (أ ف ب)", "استئناف المحادثات في الدوحة", LONG_AR),
        ("القاهرة - 19 أبريل 2024 (أ ف ب) -", "استئناف المحادثات في الدوحة", LONG_AR),
        ("CAIRO, April 19, 2024 (Reuters)", "Talks resume in Doha", LONG_EN),
        ("CAIRO, April 19, 2024 (Reuters) -", "Talks resume in Doha", LONG_EN),
    ],
)
def test_a_credited_wire_dateline_over_a_short_title_over_one_line_paragraphs_stays_the_dateline_over_the_title(
    dateline, title, text
):
    a = parse(f"{dateline}\n{title}\n{text}\n{text}\n")
    assert (a.title, a.date, a.byline, body_texts(a), a.diagnostics) == (title, APR19, dateline, [text, text], ())


@pytest.mark.parametrize("dateline", ["CAIRO -", "WASHINGTON, D.C. -", "القاهرة (أ ف ب) -", "CAIRO (Reuters) -"])
def test_a_wire_dateline_without_a_date_alone_over_the_text_is_its_dateline_not_its_title(dateline):
    # 'CAIRO -' (no credit: a wire service's capitals) and 'القاهرة (أ ف ب) -' over a paragraph
    # were the title, the dateline shown as the article's heading.
    wrapped = textwrap.fill(f"{LONG_EN} {LONG_EN}", 72)
    a = parse(f"{dateline}\n{wrapped}\n\n{wrapped}\n")
    paragraph = f"{LONG_EN} {LONG_EN}"
    assert (a.byline, body_texts(a)) == (dateline, [paragraph, paragraph])
    assert a.title == _title_after_dateline(f"{dateline} {paragraph}")
    assert [d.line for d in a.diagnostics if "no title line" in d.message] == [1]


@pytest.mark.parametrize("dateline", ["CAIRO -", "WASHINGTON, D.C. -"])
def test_a_dateline_of_a_place_in_capitals_over_a_short_title_is_the_dateline_over_the_title(dateline):
    a = parse(f"{dateline}\nTalks resume in Doha\n{LONG_EN}\n")
    assert (a.title, a.byline, body_texts(a)) == ("Talks resume in Doha", dateline, [LONG_EN])


@pytest.mark.parametrize(
    ("top", "byline"),
    [
        ("القاهرة - 19 أبريل 2024\nبقلم: أحمد علي", "القاهرة - 19 أبريل 2024، بقلم: أحمد علي"),
        ("القاهرة في 19 أبريل 2024\nبقلم: أحمد علي", "القاهرة في 19 أبريل 2024، بقلم: أحمد علي"),
        ("القاهرة - 19 أبريل 2024 (أ ف ب)\nكتب: أحمد علي", "القاهرة - 19 أبريل 2024 (أ ف ب)، كتب: أحمد علي"),
        ("بقلم: أحمد علي\nالقاهرة - 19 أبريل 2024", "بقلم: أحمد علي، القاهرة - 19 أبريل 2024"),
        ("CAIRO, April 19, 2024\nBy Jane Doe", "CAIRO, April 19, 2024, By Jane Doe"),
        ("Cairo - April 19, 2024\nBy Jane Doe", "Cairo - April 19, 2024, By Jane Doe"),
        ("By Jane Doe\nCAIRO, April 19, 2024 (Reuters) -", "By Jane Doe, CAIRO, April 19, 2024 (Reuters) -"),
    ],
)
def test_a_dateline_and_a_byline_above_the_title_are_the_byline_and_the_title_stays_the_title(top, byline):
    # Above the title only one of the two was read: the place (or the byline) was the title and
    # the title a subheading. They are joined as they are under a title.
    title = "Talks resume in Doha" if "Jane" in top else "عنوان الخبر"
    text = LONG_EN if "Jane" in top else LONG_AR
    a = parse(f"{top}\n{title}\n\n{text}\n\n{text}\n")
    assert (a.title, a.byline, a.date, body_texts(a), a.diagnostics) == (title, byline, APR19, [text, text], ())


@pytest.mark.parametrize(
    ("top", "title", "subtitle"),
    [
        ("بقلم: أحمد علي", "غزة تحت النار - 19 أبريل 2024", "قراءة في المشهد"),
        ("By Jane Doe", "Gaza ceasefire talks - April 19, 2024", "What comes next"),
    ],
)
def test_a_byline_over_a_title_with_its_date_over_a_subtitle_keeps_the_title(top, title, subtitle):
    # The title's words before its date were read as a place: the title joined the byline and
    # the subtitle was the title. A place above the title needs to be surely one, as in the
    # other order (a dateline over the byline).
    text = LONG_EN if "Jane" in top else LONG_AR
    a = parse(f"{top}\n{title}\n{subtitle}\n\n{text}\n")
    assert (a.title, a.byline, a.date) == (title.split(" - ")[0], top, APR19)
    assert body_texts(a) == [subtitle, text]


def test_a_dateline_with_a_time_written_with_a_dot_after_the_word_for_hour_dates_the_article():
    # 'القاهرة - 19 أبريل 2024 الساعة 10.30' under the title was a subheading, the article undated.
    a = parse(f"قمة عربية طارئة\nالقاهرة - 19 أبريل 2024 الساعة 10.30\n\n{LONG_AR}\n")
    assert (a.date, a.time, a.byline, body_texts(a)) == (APR19, None, "القاهرة - 19 أبريل 2024 الساعة 10.30", [LONG_AR])


@pytest.mark.parametrize("under", [f"\n{LONG_EN}", f"\nThe minister said\n\n{LONG_EN}"])
def test_a_title_with_its_date_over_a_byline_stays_the_title(under):
    a = parse(f"Talks resume in Doha - April 19, 2024\nBy Jane Doe\n{under}\n")
    assert (a.title, a.byline, a.date) == ("Talks resume in Doha", "By Jane Doe", APR19)


@pytest.mark.parametrize(
    ("line", "under"),
    [("عنوان الخبر - 20 أبريل 2024", "محادثات قصيرة"), ("Talks resume - April 20, 2024", "In Doha")],
)
def test_a_title_line_read_as_a_dateline_whose_date_is_not_the_paths_is_warned_about(line, under):
    # Read as a place and a date over a short title, its day beat the path's without a word, as
    # a title's date that is not the path's no longer does.
    a = parse(f"{line}\n{under}\n\n{LONG_AR}\n", source="2024/04/19/x.txt")
    assert (a.title, a.byline, a.date) == (under, line, APR20)
    (note,) = a.diagnostics
    assert (note.file, note.line, note.level) == ("2024/04/19/x.txt", 1, "warning")
    assert f"the first line {line!r} is read as a dateline" in note.message
    assert "not the date in the file's path (2024-04-19)" in note.message


@pytest.mark.parametrize(
    "line",
    ["القاهرة - 20 أبريل 2024", "CAIRO - April 20, 2024", "شرم الشيخ - 20 أبريل 2024", "بيروت - 20 أبريل 2024 (أ ف ب)"],
)
def test_a_dateline_surely_of_a_place_whose_date_is_not_the_paths_is_not_warned_about(line):
    a = parse(f"{line}\nمحادثات قصيرة\n\n{LONG_AR}\n", source="2024/04/19/x.txt")
    assert (a.title, a.date, a.diagnostics) == ("محادثات قصيرة", APR20, ())


@pytest.mark.parametrize("dateline", ["الرياض (واس)", "الدوحة - قنا", "CAIRO (Reuters)", "بيروت (وطنية)"])
def test_a_place_and_a_credit_without_a_dash_above_the_title_is_the_dateline(dateline):
    # Under the title such a line was the byline already; above it, it was the title and the
    # title a subheading.
    a = parse(f"{dateline}\nعنوان الخبر\n{LONG_AR}\n")
    assert (a.title, a.byline, body_texts(a)) == ("عنوان الخبر", dateline, [LONG_AR])


@pytest.mark.parametrize(
    "dateline",
    ["CAIRO (Reuters)", "القاهرة - أ ش أ", "CAIRO -", "القاهرة (أ ش أ) -", "CAIRO, April 19, 2024 (Reuters) -"],
)
def test_a_dateline_over_a_date_line_over_the_text_keeps_the_date_line_as_the_date(dateline):
    # The date line under the dateline was taken for the text: the title, its first paragraph,
    # and the article undated (a dateline without a date had been the title, and the date read).
    a = parse(f"{dateline}\n19 أبريل 2024\n\n{LONG_AR}\n\n{LONG_AR}\n")
    assert (a.byline, a.date, body_texts(a)) == (dateline, APR19, [LONG_AR, LONG_AR])
    assert a.title.startswith("وقال المتحدث باسم الوزارة") and a.title.endswith("…")
    assert [(d.line, d.level) for d in a.diagnostics] == [(1, "warning")]
    assert "no title line" in a.diagnostics[0].message


def test_a_place_and_a_credit_without_a_dash_alone_over_the_text_is_the_dateline():
    a = parse(f"الرياض (واس)\n{LONG_AR}\n\n{LONG_AR}\n")
    assert (a.byline, body_texts(a)) == ("الرياض (واس)", [LONG_AR, LONG_AR])
    assert [d.line for d in a.diagnostics if "no title line" in d.message] == [1]


def test_a_title_of_several_words_that_ends_with_its_source_stays_the_title():
    a = parse(f"زلزال تركيا (الأناضول)\nأرقام الضحايا في ارتفاع\n{LONG_AR}\n")
    assert (a.title, a.byline) == ("زلزال تركيا (الأناضول)", None)


@pytest.mark.parametrize(
    ("dateline", "text"),
    [("PARIS, April 19 (AFP) -", LONG_EN), ("القاهرة (أ ش أ) -", LONG_AR), ("CAIRO (Reuters) -", LONG_EN)],
)
def test_a_first_line_opening_with_a_wire_dateline_without_a_year_goes_on_as_the_text_not_the_title(dateline, text):
    # Wire services leave the year out ("PARIS, April 19 (AFP) -"): the first line, dateline and
    # sentence, was the title (cut at 100 characters), though with a year it is the text.
    first = f"{dateline} {text}"
    a = parse(f"{first}\n\n{text}\n")
    assert (a.title, body_texts(a)) == (_title_after_dateline(first), [first, text])
    assert [d.line for d in a.diagnostics if "no title line" in d.message] == [1]


@pytest.mark.parametrize("credit", ["/وطنية/", "/ وام /", "/واس/"])
def test_a_credit_between_slashes_as_some_agencies_write_it_makes_a_dateline(credit):
    # Lebanon's NNA and the UAE's WAM set their name between slashes ("بيروت في 19 أبريل 2024
    # /وطنية/ -"): under the title the dateline was a subheading and the article undated.
    dateline = f"بيروت في 19 أبريل 2024 {credit} -"
    a = parse(f"عنوان الخبر\n{dateline}\n{LONG_AR}\n")
    assert (a.title, a.date, a.byline, body_texts(a)) == ("عنوان الخبر", APR19, dateline, [LONG_AR])
    first = f"{dateline} {LONG_AR}"
    b = parse(f"{first}\n\n{LONG_AR}\n")
    assert (b.date, body_texts(b)) == (APR19, [first, LONG_AR])


def test_numbers_between_slashes_are_no_credit():
    from sitegen.datelines import place_dateline

    assert place_dateline("بيروت في 19 / 4 / 2024") == APR19


@pytest.mark.parametrize("dateline", ["لندن: «الشرق الأوسط»", "بيروت - «الشرق الأوسط»", "الرياض: واس"])
def test_a_place_and_a_credit_after_a_colon_or_in_quotes_above_the_title_is_the_dateline(dateline):
    # As Asharq Al-Awsat signs its reports ("لندن: «الشرق الأوسط»"): above the title it was the
    # title and the title a subheading; under it, it was the byline already.
    a = parse(f"{dateline}\nعنوان الخبر\n{LONG_AR}\n")
    b = parse(f"عنوان الخبر\n{dateline}\n{LONG_AR}\n")
    assert (a.title, a.byline, body_texts(a)) == ("عنوان الخبر", dateline, [LONG_AR])
    assert (b.title, b.byline, body_texts(b)) == ("عنوان الخبر", dateline, [LONG_AR])


@pytest.mark.parametrize(
    ("first", "text"),
    [
        ("ترامب: الشرق الأوسط", LONG_AR),
        ("إيران - الشرق الأوسط", LONG_AR),
        ("السعودية ـ العمانية", LONG_AR),
        ("Gaza (MAP)", LONG_EN),
        ("Water (TAP)", LONG_EN),
    ],
)
def test_a_word_and_a_credit_that_is_also_a_word_stays_the_title(first, text):
    # 'الشرق الأوسط' is the region as well as the paper, 'العمانية' "Omani" as well as Oman's agency,
    # MAP and TAP other bodies' initials as well as Morocco's and Tunisia's agencies: since
    # 16a007c/ffec9ba such a title was read as a dateline, over the text with a false 'no title
    # line' warning, over a short line with that line made the title.
    a = parse(f"{first}\n{text}\n")
    assert (a.title, a.byline, body_texts(a)) == (first, None, [text])
    assert not any("no title line" in d.message for d in a.diagnostics)
    b = parse(f"{first}\n\nعنوان فرعي\n\n{text}\n")
    assert (b.title, b.byline, body_texts(b)) == (first, None, ["عنوان فرعي", text])


@pytest.mark.parametrize("line", ["Gaza (MAP)", "Water (TAP)"])
def test_a_word_and_initials_that_are_also_an_agencys_under_the_title_stay_a_subheading(line):
    # Since 41be24e MAP and TAP in brackets are a credit, so the line was the byline.
    a = parse(f"Talks resume in Doha\n{line}\n{LONG_EN}\n")
    assert (a.title, a.byline, body_texts(a)) == ("Talks resume in Doha", None, [line, LONG_EN])


@pytest.mark.parametrize(
    "dateline", ["RABAT (MAP)", "تونس (وات)", "مسقط - العمانية", "لندن - الشرق الأوسط", "جدة - واس", "غزة (معا)"]
)
def test_a_credit_that_is_also_a_word_makes_a_dateline_after_a_known_city_or_capitals(dateline):
    # A known city ('تونس', 'مسقط': clock.is_city), a wire service's capitals or a credit that is no
    # word ('واس') says the line is a dateline.
    a = parse(f"{dateline}\nعنوان الخبر\n{LONG_AR}\n")
    assert (a.title, a.byline, body_texts(a)) == ("عنوان الخبر", dateline, [LONG_AR])


@pytest.mark.parametrize(
    "layout",
    [
        "April 18, 2024\nCAIRO, April 19, 2024 (Reuters) -\n{text}\n\n{text}\n",
        "April 18, 2024\nTalks resume in Doha\nCAIRO, April 19, 2024 (Reuters) -\n{text}\n",
    ],
)
def test_a_dateline_of_another_day_than_the_date_line_keeps_the_date_lines_day_with_a_note_only(layout):
    # Sites post wire copy a day after its dateline: the date line's day stands, and a note (no
    # warning: --strict does not count it) says the dateline's day was not used.
    a = parse(layout.format(text=LONG_EN))
    assert a.date == dt.date(2024, 4, 18)
    (note,) = [d for d in a.diagnostics if "dateline" in d.message and "2024-04-19" in d.message]
    assert note.level == "info" and note.line in (2, 3)
    assert all(d.level == "info" for d in a.diagnostics if "no title line" not in d.message)


def test_a_dateline_of_the_date_lines_day_has_no_note():
    a = parse(f"April 19, 2024\nTalks resume in Doha\nCAIRO, April 19, 2024 (Reuters) -\n{LONG_EN}\n")
    assert (a.date, a.diagnostics) == (APR19, ())


@pytest.mark.parametrize(
    ("lines", "byline"),
    [
        ("By JANE DOE\nAssociated Press", "By JANE DOE, Associated Press"),
        ("By Jane Doe\nThe Associated Press", "By Jane Doe, The Associated Press"),
        ("By Jane Doe\nReuters", "By Jane Doe, Reuters"),
        ("كتب: أحمد علي\nوكالة الأنباء الفرنسية", "كتب: أحمد علي، وكالة الأنباء الفرنسية"),
        ("كتب: أحمد علي\nرويترز", "كتب: أحمد علي، رويترز"),
    ],
)
def test_an_agency_named_on_the_line_under_the_byline_joins_it(lines, byline):
    # The agency's name under the author's ("By JANE DOE" / "Associated Press", as AP copy is
    # signed) was a subheading at the top of the text, unless a date line came right under it.
    title = "Talks resume in Doha"
    a = parse(f"{title}\n{lines}\n{LONG_EN}\n\n{LONG_EN}\n")
    assert (a.title, a.byline, body_texts(a)) == (title, byline, [LONG_EN, LONG_EN])


def test_a_tatweel_set_as_a_dash_in_a_wire_dateline_is_a_dash():
    # Arabic papers set the dash as a tatweel between spaces ("القاهرة ـ 19 أبريل 2024 (أ ف ب) ـ
    # أعلن ..."): the first line, dateline and text, was the title and the article undated.
    dateline = "القاهرة ـ 19 أبريل 2024 (أ ف ب) ـ"
    first = f"{dateline} {LONG_AR}"
    a = parse(f"{first}\n\n{LONG_AR}\n")
    assert (a.date, a.title, body_texts(a)) == (APR19, _title_after_dateline(f"x - {LONG_AR}"), [first, LONG_AR])
    b = parse(f"{dateline}\n{LONG_AR}\n\n{LONG_AR}\n")
    assert (b.date, b.byline, body_texts(b)) == (APR19, dateline, [LONG_AR, LONG_AR])
    c = parse(f"القاهرة ـ أ ش أ\nعنوان الخبر\n{LONG_AR}\n")
    assert (c.title, c.byline) == ("عنوان الخبر", "القاهرة ـ أ ش أ")


@pytest.mark.parametrize("dateline", ["CAIRO -", "WASHINGTON, D.C. -"])
def test_a_dateline_of_a_place_in_capitals_under_the_title_is_the_byline(dateline):
    # It was a subheading over the text.
    a = parse(f"Talks resume in Doha\n{dateline}\n{LONG_EN}\n")
    assert (a.title, a.byline, body_texts(a)) == ("Talks resume in Doha", dateline, [LONG_EN])


@pytest.mark.parametrize("label", ["BREAKING NEWS -", "UPDATE -", "OPINION -", "WORLD NEWS -"])
def test_a_label_in_capitals_with_a_dash_is_no_dateline(label):
    # Since 74cc408/63b1526 a line of capitals with its dash was a wire service's city ('CAIRO -'):
    # under the title such a label was the byline (it was a subheading), over the title with a
    # date line the byline (it was the section's tag), alone over the text a dateline with a false
    # 'no title line' warning (it was the title).
    a = parse(f"Talks resume in Doha\n{label}\n{LONG_EN}\n")
    assert (a.title, a.byline, body_texts(a)) == ("Talks resume in Doha", None, [label, LONG_EN])
    b = parse(f"{label}\nTalks resume in Doha\nApril 19, 2024\n{LONG_EN}\n")
    assert (b.title, b.byline, [t.label_en for t in b.tags]) == ("Talks resume in Doha", None, [label])
    c = parse(f"{label}\n{LONG_EN}\n\n{LONG_EN}\n")
    assert (c.title, c.byline, body_texts(c)) == (label, None, [LONG_EN, LONG_EN])
    assert not any("no title line" in d.message for d in c.diagnostics)


@pytest.mark.parametrize(
    ("dateline", "title", "subtitle", "text"),
    [
        ("CAIRO, April 19, 2024", "From Cairo to Doha, a long road", "Talks resume after a year", LONG_EN),
        ("CAIRO (Reuters) -", "By the numbers: the war in Gaza", "Talks resume after a year", LONG_EN),
        ("القاهرة في 19 أبريل 2024", "متابعة الانتخابات الرئاسية", "الناخبون يتوافدون على اللجان", LONG_AR),
    ],
)
def test_a_title_opening_with_a_byline_word_under_a_dateline_stays_the_title(dateline, title, subtitle, text):
    # Since 5cdfba3 a dateline and a byline above the title are joined: a title opening with a
    # byline's word ('From', 'By', 'متابعة') under a dateline was joined to it as the byline, and
    # the subtitle made the title.
    a = parse(f"{dateline}\n{title}\n{subtitle}\n{text}\n")
    assert (a.title, a.byline, body_texts(a)) == (title, dateline, [subtitle, text])


@pytest.mark.parametrize(
    ("dateline", "title"),
    [
        ("القاهرة - 19 أبريل 2024", "متابعة الانتخابات الرئاسية في مصر"),
        ("CAIRO - April 19, 2024", "By the numbers: the war in Gaza"),
    ],
)
def test_a_title_opening_with_a_byline_word_under_a_place_dash_date_line_stays_the_title(dateline, title):
    # "Place - date" over a line opening with a byline's word was read as "Title - date" over
    # its byline: the title came out as "القاهرة" and the real title as the byline. A byline
    # word followed by a word with the article (or, in English, no name) opens a title
    # (_opens_title), so the line above is the dateline.
    text = LONG_AR if "ال" in title else LONG_EN
    a = parse(f"{dateline}\n{title}\n\n{text}\n\n{text}\n")
    assert (a.title, a.byline, a.date, body_texts(a)) == (title, dateline, dt.date(2024, 4, 19), [text, text])


@pytest.mark.parametrize(
    ("dateline", "byline", "title", "text"),
    [
        ("CAIRO, April 19, 2024", "By Jane Doe and John Smith", "Talks resume in Doha", LONG_EN),
        ("CAIRO, April 19, 2024", "By: Jane Doe", "Talks resume in Doha", LONG_EN),
        ("CAIRO, April 19, 2024", "From our correspondent", "Talks resume in Doha", LONG_EN),
        ("القاهرة في 19 أبريل 2024", "متابعة أحمد علي", "عنوان الخبر", LONG_AR),
        ("القاهرة في 19 أبريل 2024", "متابعة: أحمد علي", "عنوان الخبر", LONG_AR),
    ],
)
def test_a_byline_with_a_name_under_a_dateline_above_the_title_joins_it(dateline, byline, title, text):
    a = parse(f"{dateline}\n{byline}\n{title}\n{text}\n")
    joined = f"{dateline}{'، ' if text == LONG_AR else ', '}{byline}"
    assert (a.title, a.byline, body_texts(a)) == (title, joined, [text])


def test_a_title_with_its_date_and_a_credit_over_the_text_stays_the_title():
    # A credit with no dash after it leads into the text only after a place that is surely one:
    # words that may be a title's are left as the title, as before.
    line = "زلزال تركيا - 19 أبريل 2024 (الأناضول)"
    a = parse(f"{line}\n{LONG_AR}\n")
    assert (a.title, a.byline, body_texts(a)) == (line, None, [LONG_AR])


@pytest.mark.parametrize("layout", ["عنوان الخبر\n{dateline}\n{text}\n", "{dateline}\nعنوان الخبر\n{text}\n"])
def test_a_place_dateline_with_an_update_gives_both_dates(layout):
    # Eleven words with its update: it was no dateline, but a paragraph under the title or the
    # title above it, and the article undated.
    dateline = "القاهرة - 19 أبريل 2024 | آخر تحديث: 20 أبريل 2024"
    a = parse(layout.format(dateline=dateline, text=LONG_AR))
    assert (a.title, a.byline, a.date, a.updated, body_texts(a)) == (
        "عنوان الخبر",
        dateline,
        APR19,
        APR20,
        [LONG_AR],
    )
    assert a.diagnostics == ()


@pytest.mark.parametrize(
    "dateline",
    ["CAIRO, April 19, 2024 | Updated April 20, 2024", "القاهرة، 19 أبريل 2024 | آخر تحديث: 20 أبريل 2024"],
)
def test_a_place_dateline_with_a_comma_and_an_update_of_the_same_month_gives_both_dates(dateline):
    # Split at its bar as a "Title - date" line, the words before the update ('CAIRO, April 19,
    # 2024') named the update's month, as an event's name does ('ثورة يوليو - 23 يوليو 1952'):
    # the line was no dateline, a subheading, and the article undated.
    a = parse(f"Talks resume in Doha\n{dateline}\n\n{LONG_EN}\n")
    assert (a.title, a.byline, a.date, a.updated, body_texts(a), a.diagnostics) == (
        "Talks resume in Doha",
        dateline,
        APR19,
        APR20,
        [LONG_EN],
        (),
    )


def test_an_event_with_its_date_and_an_update_stays_no_dateline():
    line = "Yom Kippur War - October 6, 1973 | Updated October 6, 2023"
    a = parse(f"Remembering the crossing\n{line}\n\n{LONG_EN}\n")
    assert (a.date, a.byline) == (None, None) and line in " ".join(body_texts(a))


def test_an_impossible_update_on_a_place_dateline_is_warned_about_and_keeps_the_date():
    # The update's day that does not exist was dropped without a word, as on an update line it is not.
    dateline = "القاهرة - 19 أبريل 2024 | آخر تحديث: 31 أبريل 2024"
    a = parse(f"عنوان الخبر\n{dateline}\n\n{LONG_AR}\n")
    assert (a.title, a.byline, a.date, a.updated, body_texts(a)) == ("عنوان الخبر", dateline, APR19, None, [LONG_AR])
    (warning,) = a.diagnostics
    assert (warning.line, warning.level) == (2, "warning")
    assert warning.message.startswith(f"impossible update date {dateline!r} (31/4/2024 does not exist)")


@pytest.mark.parametrize("dateline", ["الرياض 10 شوال 1445 هـ الموافق 19 أبريل 2024 م واس", "الرياض 19 أبريل 2024 واس"])
def test_an_agency_named_after_the_date_without_brackets_or_a_dash_is_a_credit(dateline):
    # As the Saudi Press Agency signs its datelines: under the title the line was a paragraph and
    # the article undated.
    a = parse(f"عنوان الخبر\n{dateline}\n{LONG_AR}\n")
    assert (a.title, a.byline, a.date, body_texts(a)) == ("عنوان الخبر", dateline, APR19, [LONG_AR])
    b = parse(f"{dateline}\n{LONG_AR}\n\n{LONG_AR}\n")
    assert (b.byline, b.date, body_texts(b)) == (dateline, APR19, [LONG_AR, LONG_AR])


def test_a_wire_dateline_without_a_year_under_the_byline_joins_it():
    # It was a subheading over the text.
    a = parse(f"Talks resume in Doha\nBy Jane Doe and John Smith\nDOHA, April 19 (Reuters) -\n{LONG_EN}\n")
    assert (a.byline, body_texts(a)) == ("By Jane Doe and John Smith, DOHA, April 19 (Reuters) -", [LONG_EN])


@pytest.mark.parametrize("agency", ["Associated Press", "وكالة الأنباء الفرنسية"])
def test_an_agency_named_in_full_alone_under_the_title_is_the_byline(agency):
    a = parse(f"Talks resume in Doha\n{agency}\n{LONG_EN}\n")
    assert (a.title, a.byline, body_texts(a)) == ("Talks resume in Doha", agency, [LONG_EN])


def test_a_name_of_a_credit_alone_under_the_title_is_not_taken_for_a_byline():
    a = parse(f"Travel to Jordan\nPetra\n{LONG_EN}\n")
    assert (a.byline, body_texts(a)[0]) == (None, "Petra")


# --- section breaks -------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["ـــــــ", "-----", "* * *", "***", "———", "ــــ ــــ"])
@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_rule_line_between_paragraphs_is_a_section_break_shown_as_hr(rule, gap):
    # A rule line was taken as a blank line: the break the writer drew between two parts of
    # the text was lost. It is kept as a block of its own, rendered <hr>.
    a = parse(f"عنوان الخبر\n\n{LONG_AR}{gap}{rule}{gap}{LONG_EN}\n")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("hr", ""), ("p", LONG_EN)]
    assert "</p>\n<hr>\n<p" in str(body_html(a.body, "ar"))


def test_rule_lines_that_separate_nothing_are_no_section_break():
    # Under the title, over the title, after the text, or after the last paragraph over a date
    # line read as the date: nothing on one side to break from.
    a = parse(
        f"=====\nعنوان الخبر\n=====\n\n-----\n{LONG_AR}\n\n* * *\n{LONG_EN}\n* * *\n\nنشر في 19 أبريل 2024\n-----\n"
    )
    assert [b.kind for b in a.body] == ["p", "hr", "p"]
    assert a.date == dt.date(2024, 4, 19)


def test_a_rule_under_a_subheading_is_its_underline_not_a_break():
    a = parse(f"عنوان الخبر\n\n{LONG_AR}\n\nالمحور الاقتصادي\n----------------\n{LONG_AR}\n")
    assert [b.kind for b in a.body] == ["p", "h2", "p"]


@pytest.mark.parametrize(
    "table",
    [
        "Name        Score\n-----       -----\nAli         10",
        "------------------\nName        Score\n------------------\nAli         10\n------------------",
        "| Name | Score |\n----------------\n| Ali  | 10    |",
    ],
)
def test_rule_lines_of_a_table_typed_with_dashes_are_no_section_breaks(table):
    a = parse(f"Talks resume\n\n{LONG_EN}\n\n{table}\n\n{LONG_EN}\n")
    assert "hr" not in [b.kind for b in a.body]


def test_a_rule_between_list_items_ends_the_list_in_sound_html():
    a = parse(f"عنوان الخبر\n\n{LONG_AR}\n\n- الأجور\n- المعاشات\n\n-----\n\n- الضرائب\n- الدعم\n")
    assert [b.kind for b in a.body] == ["p", "li", "li", "hr", "li", "li"]
    html_ = str(body_html(a.body, "ar"))
    assert "</ul>\n<hr>\n<ul" in html_ and html_.count("<ul") == 2


# --- nested front matter (Hugo, Jekyll, Ghost) -------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "---\ntitle: T\nauthors: [{name: Jane Doe, url: 'https://x'}, {name: Sami Ali}]\n---\n",
        "---\ntitle: T\nauthor:\n  - name: Jane Doe\n    url: https://x\n  - Sami Ali\n---\n",
        '+++\ntitle = "T"\nauthors = [{name = "Jane Doe"}, {name = "Sami Ali"}]\n+++\n',
        '{\n  "title": "T",\n  "authors": [{"name": "Jane Doe"}, {"name": "Sami Ali"}]\n}\n',
    ],
)
def test_a_list_of_author_tables_is_the_byline_and_the_article_is_built(header):
    """Hugo and Ghost exports list their authors as objects: the article was skipped with an error."""
    a = parse(header + "Body.\n", source="post.md")
    assert (a.title, a.byline, body_texts(a)) == ("T", "Jane Doe, Sami Ali", ["<p>Body.</p>"])
    assert [d.message for d in a.diagnostics] == ["no 'date:' in the metadata; the article is listed as undated"]


@pytest.mark.parametrize(
    ("header", "line"),
    [
        ("---\ntitle: T\ndate: 2020-01-01\nimages:\n  - src: x.jpg\n    alt: A harbour\n  - src: y.jpg\n---\n", 5),
        ('+++\ntitle = "T"\ndate = 2020-01-01\n[[images]]\nsrc = "x.jpg"\nalt = "A harbour"\n+++\n', 5),
        ("---\ntitle: T\ndate: 2020-01-01\nfeatured_image:\n  url: x.jpg\n  alt: A harbour\n---\n", 5),
    ],
)
def test_a_lead_image_written_as_a_table_or_a_list_of_tables_is_shown_with_its_description(header, line):
    """'images: [{src, alt}]' gave no picture and no word about it."""
    a = parse(header + "Body.\n", source="post.md")
    assert body_texts(a) == [
        '<figure class="lead-image"><img src="../../media/x.jpg" alt="A harbour"></figure><p>Body.</p>'
    ]
    assert a.media == (("x.jpg", line),) and a.diagnostics == ()


def test_an_image_table_field_sitegen_does_not_read_is_named_with_its_line():
    a = parse("---\ntitle: T\ndate: 2020-01-01\nimages:\n  - src: x.jpg\n    alt: b\n    width: 300\n---\nB.\n", "p.md")
    assert a.media == (("x.jpg", 5),)
    assert [(d.line, d.message) for d in a.diagnostics] == [
        (7, "unknown metadata key 'images.width' ignored (the line is not shown on the page)")
    ]


@pytest.mark.parametrize(
    ("header", "line", "key"),
    [
        ("---\ntitle: {en: Hello, ar: مرحبا}\ndate: 2020-01-01\n---\n", 2, "title"),
        ("---\ntitle: T\ndate: 2020-01-01\nsummary:\n  - text: a\n---\n", 4, "summary"),
        ("---\ntitle: T\ndate: 2020-01-01\nslug: {en: a}\n---\n", 4, "slug"),
        ('+++\ntitle = "T"\ndate = 2020-01-01\n[summary]\nen = "a"\n+++\n', 4, "summary"),
    ],
)
def test_a_table_under_a_key_sitegen_reads_is_warned_with_its_line_and_the_article_is_built(header, line, key):
    """A value nested where sitegen reads text skipped the whole article; now only the value is ignored."""
    a = parse(header + "# Heading\n\nBody.\n", source="post.md")
    assert a.date == dt.date(2020, 1, 1) and body_texts(a)[-1].endswith("<p>Body.</p>")
    said = f"'{key}' holds a table or a list of tables, not text: sitegen cannot read it, and ignores it"
    assert (line, said) in [(d.line, d.message.split(" (")[0]) for d in a.diagnostics]


def test_tags_with_a_nested_item_keep_the_others_and_the_item_is_warned_with_its_line():
    a = parse(
        "---\ntitle: T\ndate: 2020-01-01\ntags:\n  - Cairo\n  - [b, c]\n  - slug: x\n  - name: News\n---\nB.\n", "p.md"
    )
    assert [t.label_en for t in a.tags] == ["Cairo", "News"]
    assert [(d.line, d.message) for d in a.diagnostics] == [
        (6, "a tag in 'tags' is a list or a table without a name, not text; it is ignored"),
        (7, "a tag in 'tags' is a list or a table without a name, not text; it is ignored"),
    ]


def test_a_nested_table_under_an_author_table_leaves_no_byline_and_says_why():
    a = parse("---\ntitle: T\ndate: 2020-01-01\nauthor:\n  name:\n    first: Jane\n---\nB.\n", "p.md")
    assert a.byline is None and body_texts(a) == ["<p>B.</p>"]
    assert [d.line for d in a.diagnostics] == [5]
    assert a.diagnostics[0].message.startswith("'author.name' holds a table or a list of tables, not text")


def test_authors_after_a_large_table_of_another_key_are_still_the_byline():
    """Every value of the header drew on one budget of 10,000 pieces (kept for aliases that
    repeat a table many times): after a gallery of a few thousand pictures, the authors' tables
    were cut off unread, and the byline was lost without a word."""
    gallery = "".join(f"  - {{src: p{n}.jpg, alt: Photo {n}}}\n" for n in range(3500))
    a = parse(f"---\ntitle: T\ndate: 2020-01-01\ngallery:\n{gallery}authors:\n  - name: Jane Doe\n---\nB.\n", "p.md")
    assert a.byline == "Jane Doe"


def test_a_value_too_large_to_read_is_named_with_its_line():
    """Aliases may make a value of millions of pieces: what is beyond the budget is not read,
    and the warning says so rather than dropping the rest of the authors silently."""
    header = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, inner in zip("bcdef", "abcde", strict=True):
        header += f"{name}: &{name} [" + ", ".join([f"*{inner}"] * 10) + "]\n"
    a = parse(f"---\ntitle: T\ndate: 2020-01-01\n{header}authors: [{{name: Jane Doe}}, *f]\n---\nB.\n", "p.md")
    assert a.byline == "Jane Doe" and body_texts(a) == ["<p>B.</p>"]
    said = [(d.line, d.message) for d in a.diagnostics if "'authors'" in d.message]
    assert said and said[0][0] == 10 and "too large" in said[0][1]


def test_an_author_table_without_a_name_is_warned_with_its_line_and_the_others_kept():
    """'authors: [{name: A}, {url: x}]' gave the byline A and no word about the second author."""
    a = parse("---\ntitle: T\ndate: 2020-01-01\nauthors:\n  - name: Jane Doe\n  - url: https://x\n---\nB.\n", "p.md")
    assert a.byline == "Jane Doe"
    assert [(d.line, d.message) for d in a.diagnostics] == [
        (6, "an author in 'authors' is a list or a table without a name, not text; it is ignored")
    ]


@pytest.mark.parametrize(
    ("header", "line"),
    [
        ("author: {url: https://x}\n", 4),
        ("author:\n  url: https://x\n  twitter: x\n", 5),
        ("byline: Jane Doe\nauthor: {twitter: x}\n", 5),
    ],
)
def test_a_single_author_table_without_a_name_is_warned_with_its_line(header, line):
    """'author: {url: x}' was dropped without a word, while the same table in a list
    ('authors: [{name: A}, {url: x}]') is warned about: no byline comes from it either way."""
    a = parse(f"---\ntitle: T\ndate: 2020-01-01\n{header}---\nB.\n", "p.md")
    assert a.byline == ("Jane Doe" if "byline" in header else None)
    assert [(d.line, d.message) for d in a.diagnostics] == [
        (line, "an author in 'author' is a list or a table without a name, not text; it is ignored")
    ]


def test_a_toml_author_table_without_a_name_is_warned_with_its_line():
    a = parse('+++\ntitle = "T"\ndate = 2020-01-01\n[author]\nurl = "https://x"\n+++\nB.\n', "p.md")
    assert a.byline is None
    assert [(d.line, d.message) for d in a.diagnostics] == [
        (5, "an author in 'author' is a list or a table without a name, not text; it is ignored")
    ]


@pytest.mark.parametrize(
    ("authors", "byline"),
    [
        ("a: &b {name: Jane Doe}\nauthors: [*b, *b]", "Jane Doe"),
        ("a: &b Jane Doe\nauthors: [*b, *b]", "Jane Doe"),
        ("authors: [Jane Doe, Jane Doe]", "Jane Doe"),
        ("authors: [Jane Doe, {name: Jane Doe}]", "Jane Doe"),
        ("author:\n  - Jane Doe\n  - Sami Ali\n  - Jane Doe", "Jane Doe, Sami Ali"),
    ],
)
def test_an_author_named_twice_is_in_the_byline_once(authors, byline):
    """A YAML alias repeating an author's table (or the name typed twice) repeated it in the byline."""
    a = parse(f"---\ntitle: T\ndate: 2020-01-01\n{authors}\n---\nB.\n", "p.md")
    assert a.byline == byline
    assert not [d for d in a.diagnostics if "author" in d.message]


# --- month names of two words joined as search joins them ----------------------------------


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("الاثنين 15 كانون - الثاني 2024", dt.date(2024, 1, 15)),
        ("15 كانون‐الثاني 2024", dt.date(2024, 1, 15)),  # U+2010, a word processor's hyphen
        ("15 كانون‑ثاني 2024", dt.date(2024, 1, 15)),  # U+2011
        ("15 كانونـالثاني 2024", dt.date(2024, 1, 15)),
        ("15 تشرينـأول 2024", dt.date(2024, 10, 15)),
        ("15 تشرين -الأول 2024", dt.date(2024, 10, 15)),
        ("15 تشرين ـ الثاني 2024", dt.date(2024, 11, 15)),
        ("الجمعة 15 ذو - الحجة 1445 هـ", dt.date(2024, 6, 21)),
        ("15 ربيع‑الأول 1445 هـ", dt.date(2023, 9, 30)),
    ],
)
def test_a_month_of_two_words_joined_by_a_hyphen_with_spaces_or_a_tatweel_dates_a_plain_text_article(line, day):
    """Search read كانون - الثاني, كانون‐الثاني and تشرينـأول as the month; the date line did
    not, and the article was listed as undated."""
    a = parse(f"{line}\nقمة القاهرة\nنص الخبر هنا.\n", source="news.txt")
    assert (a.date, a.title) == (day, "قمة القاهرة")


@pytest.mark.parametrize(
    "line",
    [
        "15 كانون—الثاني 2024",  # a dash is no hyphen, for search either
        "15 كانون--الثاني 2024",
        "15 تشرين - أكتوبر الثاني 2024",
        "15 آذار - الثاني 2024",
    ],
)
def test_a_dash_or_another_word_after_a_months_first_word_is_no_month(line):
    a = parse(f"{line}\nقمة القاهرة\nنص الخبر هنا.\n", source="news.txt")
    assert a.date is None


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("draft:\n  value: false\n", "draft"),
        ("published: [{on: yes}]\n", "published"),
    ],
)
def test_a_table_under_draft_or_published_keeps_the_article_a_draft_and_says_so(header, key):
    """Publishing what its author may have meant to hold back cannot be undone: a draft switch
    sitegen cannot read keeps the article unpublished, as a draft: value that is no yes or no does."""
    a = parse(f"---\ntitle: T\ndate: 2020-01-01\n{header}---\nB.\n", "p.md")
    assert a.draft and body_texts(a) == ["<p>B.</p>"]
    said = f"'{key}' holds a table or a list of tables, not yes or no: the article is kept as a draft (not published)"
    assert [(d.line, d.message) for d in a.diagnostics] == [(4, said)]


# --- datelines as news sites print them: a place in brackets, WAM's slashes, relative times ------

DEC3 = dt.date(2024, 12, 3)
_TITLE_OF_LONG_AR = LONG_AR[: LONG_AR.rfind(" ", 0, 100)].rstrip(" ,،") + "…"  # a title made of the text


@pytest.mark.parametrize(
    "dateline",
    [
        "(القاهرة) - 3 ديسمبر 2024",
        "(القاهرة) – 3 ديسمبر 2024",
        "(القاهرة) — 3 ديسمبر 2024",
        "(القاهرة) ـ 3 ديسمبر 2024",
        "(القاهرة)- 3 ديسمبر 2024",
        "(القاهرة) في 3 ديسمبر 2024",
        "(القاهرة)، 3 ديسمبر 2024",
        "(القاهرة) 3 ديسمبر 2024",
        "(القاهرة) - 3 ديسمبر 2024 (أ ف ب)",
        "[القاهرة] - 3 ديسمبر 2024",
        "(رام الله) - 3 ديسمبر 2024",
        "(Cairo) - December 3, 2024",
        "(Cairo), December 3, 2024",
    ],
)
def test_a_dateline_with_its_place_in_brackets_dates_the_article_and_is_kept_as_its_dateline(dateline):
    # Some papers set the place in brackets: under the title it was the byline and the article
    # undated ("no date found"); over the title it was the title and the title a subheading.
    for text in (f"عنوان الخبر\n{dateline}\n\n{LONG_AR}\n", f"{dateline}\nعنوان الخبر\n\n{LONG_AR}\n"):
        a = parse(text)
        assert (a.title, a.date, a.byline, body_texts(a)) == ("عنوان الخبر", DEC3, dateline, [LONG_AR])
        assert a.diagnostics == ()


def test_a_dateline_with_its_place_in_brackets_opening_the_text_dates_it_and_the_paragraph_stays_whole():
    first = f"(القاهرة) - 3 ديسمبر 2024 - {LONG_AR}"
    a = parse(f"عنوان الخبر\n\n{first}\n")
    assert (a.title, a.date, body_texts(a)) == ("عنوان الخبر", DEC3, [first])
    # On the first line, the paragraph is the text: kept whole, its words after the dateline the title.
    b = parse(f"{first}\n\n{LONG_AR}\n")
    assert (b.date, body_texts(b)) == (DEC3, [first, LONG_AR])
    assert b.title == _TITLE_OF_LONG_AR
    assert [d.line for d in b.diagnostics if "no title line" in d.message] == [1]


@pytest.mark.parametrize(
    "dateline",
    [
        "(رويترز) - 3 ديسمبر 2024",
        "(أ ف ب) - 3 ديسمبر 2024",
        "(وام) - 3 ديسمبر 2024",
        "(وام) ـ 3 ديسمبر 2024",
        "(رويترز)، 3 ديسمبر 2024",
        "(رويترز) 3 ديسمبر 2024",
        "(Reuters) - December 3, 2024",
        "(AP) - December 3, 2024",
        "(AFP), December 3, 2024",
    ],
)
def test_a_dateline_of_an_agency_in_brackets_and_a_date_dates_the_article_and_is_kept_as_its_dateline(dateline):
    # A credit where the place stands: over the title it was the title ("(رويترز)", its date
    # the article's) and the real title a subheading; under it, the byline of an undated
    # article. Read as the same line without brackets ("رويترز - 3 ديسمبر 2024") is read.
    for text in (f"{dateline}\nعنوان الخبر\n\n{LONG_AR}\n", f"عنوان الخبر\n{dateline}\n\n{LONG_AR}\n"):
        a = parse(text)
        assert (a.title, a.date, a.byline, body_texts(a)) == ("عنوان الخبر", DEC3, dateline, [LONG_AR])
        assert a.diagnostics == ()


def test_a_dateline_of_an_agency_in_brackets_opening_the_text_dates_it_and_the_paragraph_stays_whole():
    first = f"(رويترز) - 3 ديسمبر 2024 - {LONG_AR}"
    a = parse(f"عنوان الخبر\n\n{first}\n")
    assert (a.title, a.date, body_texts(a)) == ("عنوان الخبر", DEC3, [first])
    b = parse(f"{first}\n\n{LONG_AR}\n")
    assert (b.date, body_texts(b)) == (DEC3, [first, LONG_AR])
    assert b.title == _TITLE_OF_LONG_AR


@pytest.mark.parametrize("line", ["(الأهرام) - 3 ديسمبر 2024", "(خاص) - 3 ديسمبر 2024", "(1) - 3 ديسمبر 2024"])
def test_a_bracket_naming_no_agency_before_a_date_over_the_title_is_read_as_before(line):
    # Only a wire agency's credit is read as the place: other words in brackets are a place
    # ("(الأهرام)": as before) or no place at all, as the start commit read them.
    a = parse(f"{line}\nعنوان الخبر\n\n{LONG_AR}\n")
    assert line in (a.title, a.byline, *body_texts(a))


@pytest.mark.parametrize(
    ("line", "date", "updated"),
    [
        ("(1) - 3 ديسمبر 2024", None, None),  # a numbered point, not a place
        ("(تحديث) - 3 ديسمبر 2024", None, DEC3),  # an update line, not a place named تحديث
        ("(Updated) - December 3, 2024", None, DEC3),
        ("(في القاهرة) - 3 ديسمبر 2024", None, None),  # a phrase
    ],
)
def test_a_bracket_opening_a_number_an_update_or_a_phrase_is_no_place_of_a_dateline(line, date, updated):
    a = parse(f"عنوان الخبر\n{line}\n\n{LONG_AR}\n")
    assert (a.title, a.date, a.updated) == ("عنوان الخبر", date, updated)
    assert line in (a.byline, *body_texts(a)) or updated is not None  # kept, or shown as the update date


@pytest.mark.parametrize(
    "opening", ["(1) - 3 ديسمبر 2024 - ", "(تحديث) - 3 ديسمبر 2024 - ", "(في القاهرة) - 3 ديسمبر 2024 - ", "(1) - "]
)
def test_a_paragraph_opening_with_a_bracket_that_is_no_place_does_not_date_the_article(opening):
    a = parse(f"عنوان الخبر\n\n{opening}{LONG_AR}\n")
    assert (a.title, a.date, body_texts(a)) == ("عنوان الخبر", None, [f"{opening}{LONG_AR}"])


@pytest.mark.parametrize(
    "dateline", ["أبوظبي في 3 ديسمبر 2024 / وام /", "دبي في 3 ديسمبر 2024/ وام/", "رأس الخيمة في 3 ديسمبر 2024 /وام/"]
)
def test_a_wam_dateline_with_its_credit_between_slashes_and_no_dash_dates_the_article_from_the_first_paragraph(
    dateline,
):
    # The UAE's WAM sets the credit between slashes and the text right after it, with no dash.
    first = f"{dateline} {LONG_AR}"
    a = parse(f"عنوان الخبر\n\n{first}\n\n{LONG_AR}\n")
    assert (a.title, a.date, body_texts(a)) == ("عنوان الخبر", DEC3, [first, LONG_AR])
    assert a.diagnostics == ()
    # On the first line it was the title: the paragraph is the text, kept whole, as with a dash.
    b = parse(f"{first}\n\n{LONG_AR}\n")
    assert (b.date, body_texts(b)) == (DEC3, [first, LONG_AR])
    assert b.title == _TITLE_OF_LONG_AR
    assert [d.line for d in b.diagnostics if "no title line" in d.message] == [1]


@pytest.mark.parametrize("dateline", ["أبوظبي في 3 ديسمبر / وام /", "دبي في 3 ديسمبر/ وام/"])
def test_a_wam_dateline_without_the_year_dates_nothing_and_its_paragraph_is_kept_whole(dateline):
    first = f"{dateline} {LONG_AR}"
    a = parse(f"عنوان الخبر\n\n{first}\n")
    assert (a.title, a.date, body_texts(a)) == ("عنوان الخبر", None, [first])  # no year is guessed
    b = parse(f"{first}\n\n{LONG_AR}\n")
    assert (b.date, body_texts(b)) == (None, [first, LONG_AR])
    assert b.title == _TITLE_OF_LONG_AR
    assert [d.line for d in b.diagnostics if "no title line" in d.message] == [1]


@pytest.mark.parametrize(
    "dateline", ["أبوظبي في 3 ديسمبر / وام /", "دبي في 3 ديسمبر/ وام/", "القاهرة في 19 أبريل (أ ش أ)"]
)
def test_a_dateline_without_the_year_over_the_title_is_kept_as_its_dateline_not_made_the_title(dateline):
    # It was the title, and the title a subheading; it is the dateline, as under the title. No
    # year is guessed: the article is undated.
    for text in (f"{dateline}\nعنوان الخبر\n\n{LONG_AR}\n", f"عنوان الخبر\n{dateline}\n\n{LONG_AR}\n"):
        a = parse(text)
        assert (a.title, a.date, a.byline, body_texts(a)) == ("عنوان الخبر", None, dateline, [LONG_AR])


def test_a_byline_under_the_title_joins_a_dateline_without_the_year_over_it_as_a_dated_one():
    # Over the title the dateline took the byline's place: "كتب: ..." under the title was text.
    for dateline in ("أبوظبي في 3 ديسمبر / وام /", "أبوظبي في 3 ديسمبر 2024 / وام /"):
        a = parse(f"{dateline}\nعنوان الخبر\nكتب: منى عبد الرحمن\n\n{LONG_AR}\n")
        assert (a.title, a.byline, body_texts(a)) == ("عنوان الخبر", f"{dateline}، كتب: منى عبد الرحمن", [LONG_AR])


@pytest.mark.parametrize(
    "first",
    [
        f"أعلنت الوزارة في 3 ديسمبر 2024 / وام / {LONG_AR}",  # a sentence, not a place, before the date
        f"أبوظبي في 3 ديسمبر 2024 / خاص / {LONG_AR}",  # no agency between the slashes
        f"أبوظبي في 3 ديسمبر 2024 / وام /{LONG_AR}",  # the text joined to the slash
    ],
)
def test_slashes_in_a_first_paragraph_that_are_no_wam_dateline_do_not_date_it(first):
    a = parse(f"عنوان الخبر\n\n{first}\n")
    assert (a.title, a.date, body_texts(a)) == ("عنوان الخبر", None, [first])


def test_the_text_after_a_wam_dateline_keeps_its_own_dashes_in_the_title_made_of_it():
    text = "أعلنت الوزارة - في بيان لها - أن الخطة ستبدأ قريبا في كل المدن والقرى."
    a = parse(f"أبوظبي في 3 ديسمبر 2024 / وام / {text}\n\n{LONG_AR}\n")
    assert a.title == text.rstrip(".")


@pytest.mark.parametrize(
    "stamp",
    [
        "Updated 2 hours ago",
        "Updated an hour ago",
        "Last updated: 5 mins ago",
        "3 days ago",
        "آخر تحديث منذ ساعتين",
        "آخر تحديث: منذ ساعة",
        "منذ 3 ساعات",
        "نشر منذ يومين",
    ],
)
def test_a_relative_time_under_the_title_stays_text_not_a_subheading_and_is_noted(stamp):
    # A site's "2 hours ago" names no day: in an archive it says nothing true. It is kept as
    # typed, as a paragraph (a subheading would make a section of it), with a note.
    a = parse(f"عنوان الخبر\n{stamp}\n\n{LONG_AR}\n")
    assert [(b.kind, b.text) for b in a.body] == [("p", stamp), ("p", LONG_AR)]
    assert (a.date, a.updated) == (None, None)
    notes = [d for d in a.diagnostics if "how long ago" in d.message]
    assert [(d.line, d.level) for d in notes] == [(2, "info")]


@pytest.mark.parametrize("stamp", ["Updated 2 hours ago", "منذ ساعتين", "آخر تحديث منذ 3 ساعات", "3 days ago"])
def test_a_relative_time_over_the_title_is_no_title_and_stays_text_with_a_note(stamp):
    # It was the title, and the title a subheading. It says what it does under the title: it
    # is kept as typed, the first paragraph, with the same note, on its own line.
    for date_line in ("", "19 أبريل 2024\n"):
        a = parse(f"{date_line}{stamp}\nعنوان الخبر\n\n{LONG_AR}\n")
        assert (a.title, a.byline) == ("عنوان الخبر", None)
        assert [(b.kind, b.text) for b in a.body] == [("p", stamp), ("p", LONG_AR)]
        assert lead_text(a.body) == LONG_AR
        notes = [d for d in a.diagnostics if "how long ago" in d.message]
        assert [(d.line, d.level) for d in notes] == [(1 + bool(date_line), "info")]
    # Over a wire dateline that opens the text, which still dates the article.
    a = parse(f"{stamp}\nعنوان الخبر\n\nأبوظبي في 3 ديسمبر 2024 / وام / {LONG_AR}\n")
    assert (a.title, a.date, len(a.body)) == ("عنوان الخبر", DEC3, 2)


def test_a_relative_time_over_a_paragraph_and_no_title_line_stays_the_title_as_before():
    a = parse(f"منذ ساعتين\n\n{LONG_AR}\n")
    assert (a.title, body_texts(a)) == ("منذ ساعتين", [LONG_AR])


@pytest.mark.parametrize("stamp", ["منذ 3 أشهر", "منذ أسبوعين", "منذ شهر", "منذ سنة", "2 weeks ago", "a year ago"])
def test_a_week_a_month_or_a_year_ago_under_or_over_the_title_stays_text_with_a_note(stamp):
    # Under the title it was a subheading; over it, the title. Between paragraphs it may head
    # a section of a timeline, and stays a subheading (test_a_heading_that_is_no_relative_time...).
    for text, line in ((f"عنوان الخبر\n{stamp}\n\n{LONG_AR}\n", 2), (f"{stamp}\nعنوان الخبر\n\n{LONG_AR}\n", 1)):
        a = parse(text)
        assert a.title == "عنوان الخبر"
        assert [(b.kind, b.text) for b in a.body] == [("p", stamp), ("p", LONG_AR)]
        assert lead_text(a.body) == LONG_AR
        assert [(d.line, d.level) for d in a.diagnostics if "how long ago" in d.message] == [(line, "info")]


@pytest.mark.parametrize(
    "title",
    [
        "September 11, 2001 - 20 years ago",
        "September 11, 2001: 20 years ago",
        "11 سبتمبر 2001.. منذ 20 عاما",
        "7 أكتوبر 2023 - منذ عام",
    ],
)
def test_a_title_naming_a_day_and_how_many_years_ago_it_was_stays_the_title(title):
    # An anniversary's title: since weeks, months and years ago are relative times, such a
    # line read as a date line, the article dated 2001 and its title made of the text.
    body = LONG_EN if title.startswith("S") else LONG_AR
    a = parse(f"{title}\n\n{body}\n")
    assert (a.title, a.date, body_texts(a)) == (title, None, [body])
    # ... also under the article's date line: its date stands, with no warning of two dates
    b = parse(f"3 December 2024\n\n{title}\n\n{body}\n")
    assert (b.title, b.date, body_texts(b), b.diagnostics) == (title, DEC3, [body], ())


def test_a_date_line_with_a_week_a_month_or_a_year_ago_over_the_title_still_dates_it():
    for line in ("December 3, 2024 - 2 weeks ago", "3 ديسمبر 2024 - منذ 3 أشهر"):
        a = parse(f"{line}\nTitle of the story\n\n{LONG_EN}\n")
        assert (a.title, a.date, body_texts(a)) == ("Title of the story", DEC3, [LONG_EN])


@pytest.mark.parametrize(
    ("stamp", "byline"),
    [("منذ ساعتين", "كتب: محمد علي"), ("منذ سنة", "كتب: محمد علي"), ("3 hours ago", "By John Smith")],
)
def test_a_relative_time_over_a_byline_leaves_the_byline_a_byline(stamp, byline):
    # The line under a relative time was taken for the title, however it read: "كتب: ..." was
    # made the title and the article had no byline.
    a = parse(f"{stamp}\n{byline}\n\n{LONG_AR}\n")
    assert a.byline == byline
    assert a.title != byline
    assert LONG_AR in body_texts(a)
    # ... and over a byline over the title, it is kept as text and the title is the title
    b = parse(f"{stamp}\n{byline}\nعنوان الخبر\n\n{LONG_AR}\n")
    assert (b.title, b.byline, body_texts(b)) == ("عنوان الخبر", byline, [stamp, LONG_AR])


def test_a_relative_time_opening_the_text_is_no_excerpt_of_the_article():
    """Cards, feeds and the meta description showed "Updated 2 hours ago" as what the article
    is about; its first real paragraph is the excerpt."""
    for stamp in ("Updated 2 hours ago", "آخر تحديث منذ ساعتين"):
        a = parse(f"عنوان الخبر\n{stamp}\n\n{LONG_AR}\n")
        assert lead_text(a.body) == LONG_AR
    only = parse("عنوان الخبر\n19 أبريل 2024\n\nمنذ 3 ساعات\n")  # nothing else: it is the text
    assert lead_text(only.body) == "منذ 3 ساعات"


def test_a_relative_time_between_two_paragraphs_is_no_subheading_either():
    a = parse(f"عنوان الخبر\n\n{LONG_AR}\n\nمنذ 3 ساعات\n\n{LONG_AR}\n")
    assert [b.kind for b in a.body] == ["p", "p", "p"]


def test_a_wire_dateline_under_a_relative_time_still_dates_the_article():
    first = f"أبوظبي في 3 ديسمبر 2024 / وام / {LONG_AR}"
    a = parse(f"عنوان الخبر\nمنذ 3 ساعات\n\n{first}\n")
    assert (a.date, body_texts(a)) == (DEC3, ["منذ 3 ساعات", first])


@pytest.mark.parametrize("line", ["منذ البداية", "منذ 3 أشهر", "Two hours to go", "منذ ساعتين في القاهرة"])
def test_a_heading_that_is_no_relative_time_stays_a_subheading(line):
    a = parse(f"عنوان الخبر\n19 أبريل 2024\n\n{LONG_AR}\n\n{line}\n\n{LONG_AR}\n")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("h2", line), ("p", LONG_AR)]


@pytest.mark.parametrize("line", ["7 أكتوبر 2023 - منذ عام", "September 11, 2001 - 20 years ago"])
def test_a_day_and_how_many_years_ago_it_was_between_paragraphs_stays_a_subheading(line):
    # A section of a timeline, as "منذ 3 أشهر" alone is: it was made a paragraph once weeks,
    # months and years ago were relative times, which a date line may hold.
    a = parse(f"عنوان الخبر\n19 أبريل 2024\n\n{LONG_AR}\n\n{line}\n\n{LONG_AR}\n")
    assert (a.date, [(b.kind, b.text) for b in a.body]) == (APR19, [("p", LONG_AR), ("h2", line), ("p", LONG_AR)])


def test_since_the_day_of_a_date_is_text_not_a_date_line():
    # "منذ يوم 7 أكتوبر 2023" is "since the day of 7 October 2023": read as "a day ago" and a
    # date, the line was taken for a date line, dropped from the article, its date the article's.
    line = "منذ يوم 7 أكتوبر 2023"
    a = parse(f"{line}\n\n{LONG_AR}\n\n{LONG_AR}\n")
    assert (a.title, a.date) == (line, None)
    a = parse(f"عنوان الخبر\n19 أبريل 2024\n\n{LONG_AR}\n\n{line}\n\n{LONG_AR}\n")
    assert [(b.kind, b.text) for b in a.body] == [("p", LONG_AR), ("h2", line), ("p", LONG_AR)]


@pytest.mark.parametrize(
    ("lead_in", "day"),
    [
        ("آخر موعد للتقديم:", "30 يونيو 2024"),
        ("موعد التسجيل:", "الأحد 30 يونيو 2024"),
        ("The deadline is:", "June 30, 2024"),
    ],
)
def test_a_date_a_lead_in_with_a_colon_introduces_on_the_last_line_is_text_not_the_article_date(lead_in, day):
    # The date the lead-in announces (a deadline, an appointment) was taken for the article's
    # date and left the page: the lead-in stood alone over nothing.
    a = parse(f"عنوان الخبر\n\n{LONG_AR}\n\n{lead_in}\n{day}\n")
    assert (a.date, body_texts(a)[-2:]) == (None, [lead_in, day])
    assert [d.message for d in a.diagnostics] == [
        "no date found; the article is listed as undated (put a date line such as '19 أبريل 2024' before the title)"
    ]


@pytest.mark.parametrize(
    ("lead_in", "day"), [("آخر موعد للتسجيل:", "30 يونيو 2024"), ("The deadline is:", "June 30, 2024")]
)
def test_a_date_a_lead_in_with_a_colon_introduces_under_the_title_is_text_not_a_subtitles_date_line(lead_in, day):
    # A short line over a date line under the title is a subtitle, the date the article's; a
    # lead-in ending with a colon is none: its date is the one it announces.
    a = parse(f"عنوان الخبر\n{lead_in}\n{day}\n\n{LONG_AR}\n")
    assert (a.date, body_texts(a)) == (None, [lead_in, day, LONG_AR])


def test_the_last_of_a_run_of_dates_at_the_end_is_text_not_the_article_date():
    # A schedule's or a timeline's days, each alone on its line: the last one dated the article
    # (20 May) and left the page.
    a = parse(f"عنوان الخبر\n\n{LONG_AR}\n\nمراحل الخطة\n\n19 أبريل 2024\n\n20 مايو 2024\n")
    assert (a.date, body_texts(a)[-2:]) == (None, ["19 أبريل 2024", "20 مايو 2024"])


def test_an_update_line_under_a_date_line_at_the_end_is_still_the_update_date():
    a = parse(f"عنوان الخبر\n\n{LONG_AR}\n\n{LONG_AR}\n\n19 أبريل 2024\n\nآخر تحديث: 20 أبريل 2024\n")
    assert (a.updated, body_texts(a)) == (dt.date(2024, 4, 20), [LONG_AR, LONG_AR, "19 أبريل 2024"])


@pytest.mark.parametrize(
    ("line", "said"),
    [
        # a month off: one of the two is mistyped, and the Gregorian date is used unseen
        (
            "10 شوال 1445 هـ الموافق 19 مايو 2024 م",
            "the date line '10 شوال 1445 هـ الموافق 19 مايو 2024 م' names the Hijri day 10 شوال 1445 "
            "(2024-04-19 in Umm al-Qura), 30 days from 2024-05-19; the Gregorian date is used (correct one of them)",
        ),
        ("19 April 2024 / 10 Dhu al-Hijjah 1445 AH", "(2024-06-16 in Umm al-Qura), 58 days from 2024-04-19"),
        # a day or two off is local moon sighting, not a typo
        ("الجمعة 9 شوال 1445 هـ الموافق 19 أبريل 2024 م", None),
        ("الجمعة 10 شوال 1445 هـ الموافق 19 أبريل 2024 م", None),
        ("الجمعة 12 شوال 1445 هـ الموافق 19 أبريل 2024 م", None),
    ],
)
def test_a_hijri_date_days_away_from_the_gregorian_one_on_its_line_is_said_and_the_gregorian_kept(line, said):
    a = parse(f"{line}\n\nالعنوان\n\n{IMPOSSIBLE_BODY}")
    messages = [(d.line, d.message) for d in a.diagnostics]
    assert a.date == dates_on(line)
    if said is None:
        assert messages == []
    else:
        assert len(messages) == 1 and messages[0][0] == 1 and said in messages[0][1]


def dates_on(line: str) -> dt.date:
    return dt.date(2024, 5, 19) if "مايو" in line else dt.date(2024, 4, 19)


@pytest.mark.parametrize(
    ("label", "day"),
    [("التاريخ:", "19 أبريل 2024"), ("تاريخ النشر:", "الجمعة 19 أبريل 2024"), ("Posted:", "April 19, 2024")],
)
def test_a_date_label_with_a_colon_over_the_date_line_still_dates_the_article_at_the_end_and_under_the_title(
    label, day
):
    # A label with a colon alone on its line over the date ("التاريخ:" / "19 أبريل 2024") names
    # the article's date, as on one line: it is no lead-in announcing a day of the text. Taking
    # every line ending with a colon for a lead-in left such articles undated.
    at_end = parse(f"عنوان الخبر\n\n{LONG_AR}\n\n{LONG_AR}\n\n{label}\n{day}\n")
    under_title = parse(f"عنوان الخبر\n{label}\n{day}\n\n{LONG_AR}\n")
    under_byline = parse(f"عنوان الخبر\nكتب: محمد علي\n{label}\n{day}\n\n{LONG_AR}\n")
    for a in (at_end, under_title, under_byline):
        assert (a.date, a.diagnostics, day in body_texts(a)) == (dt.date(2024, 4, 19), (), False)


APR19 = dt.date(2024, 4, 19)
# The labels newsrooms and content systems write over or before an article's date.
AR_DATE_LABELS = [
    *("تاريخ الخبر:", "تاريخ المقال:", "تاريخ المقالة:", "تاريخ الإضافة:", "أضيف في:", "أضيف بتاريخ:"),
    *("نُشر بتاريخ:", "نشر يوم:", "صدر في:", "صدر بتاريخ:", "التاريخ:", "تاريخ النشر:"),
]
EN_DATE_LABELS = [
    *("Publication date:", "Date published:", "Date of publication:", "Published on:", "Story date:"),
    *("Article date:", "Posted on:", "Dated:", "Posted:", "First published:"),
]
LABELLED = [
    *((label, "عنوان الخبر الأول هنا", "19 أبريل 2024", "كتب: محمد علي", LONG_AR) for label in AR_DATE_LABELS),
    *((label, "Talks resume in Doha", "19 April 2024", "By Jane Doe", LONG_EN) for label in EN_DATE_LABELS),
]


@pytest.mark.parametrize(("label", "title", "day", "byline", "body"), LABELLED)
def test_a_date_label_dates_the_article_on_its_own_line_and_on_the_date_line_under_the_title_a_byline_and_at_the_end(
    label, title, day, byline, body
):
    # "تاريخ الخبر:" / "19 أبريل 2024" left the article undated with a warning, the label and
    # its date in the text; on one line, "تاريخ الخبر: 19 أبريل 2024" was read as a place's
    # dateline, the label shown as the byline. A label alone on its line that did date the
    # article ("التاريخ:") was left in the text, over nothing.
    for own_line in (f"{label}\n{day}", f"{label} {day}"):
        for text, its_byline in (
            (f"{title}\n{own_line}\n\n{body}\n", None),
            (f"{title}\n{byline}\n{own_line}\n\n{body}\n", byline),
            (f"{own_line}\n{title}\n\n{body}\n", None),
            (f"{title}\n\n{body}\n\n{body}\n\n{own_line}\n", None),
        ):
            a = parse(text)
            assert (a.title, a.date, a.byline, a.diagnostics) == (title, APR19, its_byline, ()), text
            assert not {label, day, own_line} & set(body_texts(a)), text


@pytest.mark.parametrize(
    "lead_in",
    [
        *("آخر موعد للتقديم:", "موعد الانتخابات:", "تاريخ الانتخابات:", "تاريخ الإصدار:"),
        *("The deadline is:", "Election day:", "Release date:"),
    ],
)
def test_a_lead_in_announcing_a_day_of_the_text_stays_text_at_the_head_and_at_the_end(lead_in):
    # "تاريخ" or "date" with another noun than the article's names another day: an event's, a
    # film's release. Under the title as at the end, the article is undated with a warning rather
    # than dated by it unseen.
    day = "30 يونيو 2024"
    for text in (
        f"عنوان الخبر\n{lead_in}\n{day}\n\n{LONG_AR}\n",
        f"عنوان الخبر\nكتب: محمد علي\n{lead_in}\n{day}\n\n{LONG_AR}\n",
        f"عنوان الخبر\n\n{LONG_AR}\n\n{lead_in}\n{day}\n",
    ):
        a = parse(text)
        assert (a.date, a.updated, lead_in in body_texts(a), day in body_texts(a)) == (None, None, True, True), text


@pytest.mark.parametrize(
    "lead_in",
    [
        *("آخر موعد للتقديم:", "موعد الانتخابات:", "تاريخ الانتخابات:", "يوم الانتخابات:", "تاريخ الإصدار:"),
        "آخر يوم للتقديم:",
        *("The deadline is:", "Election day:", "Election date:", "Release date:"),
    ],
)
def test_a_lead_in_and_its_day_on_one_line_under_the_title_is_text_not_a_places_dateline(lead_in):
    # "آخر موعد للتقديم: 30 يونيو 2024" has the shape of a place's dateline ("القاهرة: 19 أبريل
    # 2024"): it dated the article by its deadline and was shown as the byline.
    line = f"{lead_in} 30 يونيو 2024"
    for text in (f"عنوان الخبر\n{line}\n\n{LONG_AR}\n", f"عنوان الخبر\nكتب: محمد علي\n{line}\n\n{LONG_AR}\n"):
        a = parse(text)
        assert (a.date, a.byline in (None, "كتب: محمد علي"), body_texts(a)) == (None, True, [line, LONG_AR]), text


@pytest.mark.parametrize(
    "dateline",
    [
        *("القاهرة يوم 19 أبريل 2024", "القاهرة يوم الجمعة 19 أبريل 2024", "الرباط يوم الجمعة في 19 أبريل 2024"),
        "القاهرة تاريخ 19 أبريل 2024",
    ],
)
def test_a_places_dateline_with_yawm_or_tarikh_before_its_date_dates_the_article(dateline):
    # "يوم" and "تاريخ" between the place and its date are the date's filler, as on a date line
    # ("يوم الجمعة 19 أبريل 2024"), not a lead-in's word for a day ("آخر موعد للتقديم:"): the
    # article was left undated with its dateline in the text.
    a = parse(f"عنوان الخبر\n{dateline}\n\n{LONG_AR}\n")
    assert (a.date, a.byline, body_texts(a)) == (dt.date(2024, 4, 19), dateline, [LONG_AR])
    a = parse(f"عنوان الخبر\n\n{dateline} (أ ش أ) - {LONG_AR}\n")
    assert (a.date, body_texts(a)) == (dt.date(2024, 4, 19), [f"{dateline} (أ ش أ) - {LONG_AR}"])


def test_a_places_dateline_with_yawm_names_its_update_and_its_impossible_day():
    a = parse(f"عنوان الخبر\nالقاهرة يوم 19 أبريل 2024 | آخر تحديث: 20 أبريل 2024\n\n{LONG_AR}\n")
    assert (a.date, a.updated, body_texts(a)) == (dt.date(2024, 4, 19), dt.date(2024, 4, 20), [LONG_AR])
    a = parse(f"عنوان الخبر\nبغداد يوم 31 نيسان 2024\n\n{LONG_AR}\n")
    assert (a.date, a.byline, body_texts(a)) == (None, "بغداد يوم 31 نيسان 2024", [LONG_AR])
    assert any("31/4/2024 does not exist" in d.message for d in a.diagnostics)


@pytest.mark.parametrize(
    ("label", "text"),
    [
        *(("التاريخ:", LONG_AR), ("تاريخ", LONG_AR), ("يوم الجمعة", LONG_AR), ("تاريخ الخبر:", LONG_AR)),
        ("Date:", LONG_EN),
    ],
)
def test_a_dates_label_with_a_credit_or_opening_the_first_paragraph_still_dates_the_article(label, text):
    # Only a date's label stands where the place would ("التاريخ: 19 أبريل 2024 (أ ش أ)"): no
    # lead-in's word for a day (datelines._DAY_WORDS), which left these articles undated.
    day = "April 19, 2024" if text is LONG_EN else "19 أبريل 2024"
    credit = "(Reuters)" if text is LONG_EN else "(أ ش أ)"
    line = f"{label} {day} {credit}"
    a = parse(f"Title of the story\n{line}\n\n{text}\n")
    assert (a.date, a.byline, body_texts(a)) == (dt.date(2024, 4, 19), line, [text])
    a = parse(f"Title of the story\n\n{line} - {text}\n")
    assert (a.date, body_texts(a)) == (dt.date(2024, 4, 19), [f"{line} - {text}"])


@pytest.mark.parametrize(
    ("update", "day"),
    [("آخر تحديث:", "20 أبريل 2024"), ("تاريخ التحديث:", "20 أبريل 2024"), ("Last updated:", "April 20, 2024")],
)
def test_an_update_label_on_its_own_line_under_a_date_line_gives_the_updated_date(update, day):
    # The label was left in the text and its date with it, or, at the end, the update's day was
    # taken for the publication date; over the title the label was taken for the title.
    apr20 = dt.date(2024, 4, 20)
    for text in (
        f"عنوان الخبر\n19 أبريل 2024\n{update}\n{day}\n\n{LONG_AR}\n",
        f"عنوان الخبر\nتاريخ الخبر:\n19 أبريل 2024\n{update}\n{day}\n\n{LONG_AR}\n",
        f"19 أبريل 2024\n{update}\n{day}\nعنوان الخبر\n\n{LONG_AR}\n",
        f"عنوان الخبر\n19 أبريل 2024\n\n{LONG_AR}\n\n{LONG_AR}\n\n{update}\n{day}\n",
    ):
        a = parse(text)
        assert (a.title, a.date, a.updated, a.diagnostics) == ("عنوان الخبر", APR19, apr20, ()), text
        assert not {update, day} & set(body_texts(a)), text


@pytest.mark.parametrize("update", ["آخر تحديث:", "Last updated:"])
def test_an_update_label_over_the_only_date_gives_the_update_date_as_on_one_line(update):
    # It was taken for the publication date. On one line ("آخر تحديث: 19 أبريل 2024") the day is
    # the update's, and the article has no publication date: said so, under the title or at the end.
    for text in (
        f"عنوان الخبر\n{update}\n19 أبريل 2024\n\n{LONG_AR}\n",
        f"عنوان الخبر\n\n{LONG_AR}\n\n{LONG_AR}\n\n{update}\n19 أبريل 2024\n",
    ):
        for read in (text, text.replace(f"{update}\n", f"{update} ")):
            a = parse(read)
            assert (a.date, a.updated) == (None, APR19), read
            assert [d.message.split(";")[0] for d in a.diagnostics] == [
                "no publication date found, only an update date"
            ]


def test_a_date_label_over_a_day_that_does_not_exist_is_warned_about_as_on_one_line():
    # Taken for a lead-in, the impossible date stayed text with only "no date found" said.
    a = parse(f"عنوان الخبر\nتاريخ الخبر:\n31 أبريل 2024\n\n{LONG_AR}\n")
    assert a.date is None and [d.message for d in a.diagnostics] == [
        "impossible date 'تاريخ الخبر: 31 أبريل 2024' (31/4/2024 does not exist); the article is listed as "
        "undated (correct the date line)"
    ]
    a = parse(f"عنوان الخبر\n\n{LONG_AR}\n\n{LONG_AR}\n\nتاريخ الخبر:\n31 أبريل 2024\n")
    assert a.date is None and body_texts(a)[-2:] == ["تاريخ الخبر:", "31 أبريل 2024"]
    assert "impossible date 'تاريخ الخبر: 31 أبريل 2024'" in a.diagnostics[0].message


@pytest.mark.parametrize(
    ("other", "its_day"),
    [
        ("الجمعة 10 شوال 1445 هـ", 19),  # the day's Hijri date beside its Gregorian one
        ("11 شوال 1445 هـ", 20),  # ... a day off, as local moon sighting has it
        ("19 أبريل 2024", 19),  # the date line repeated
        ("19 أبريل 2024 10:30", 19),  # ... once with its time
    ],
)
def test_two_date_lines_of_one_day_at_the_end_still_date_the_article(other, its_day):
    # Only a run of different days is a schedule's or a timeline's; two lines naming one day
    # (Hijri and Gregorian, or a repeat) are the article's date, as at the top. The last line
    # dates it, as one date line at the end does.
    for gap in ("\n", "\n\n"):
        a = parse(f"عنوان الخبر\n\n{LONG_AR}\n\n{LONG_AR}\n\n{other}{gap}19 أبريل 2024\n")
        assert (a.date, a.diagnostics) == (dt.date(2024, 4, 19), ())
    a = parse(f"عنوان الخبر\n\n{LONG_AR}\n\n{LONG_AR}\n\n19 أبريل 2024\n\n{other}\n")
    assert (a.date, a.diagnostics) == (dt.date(2024, 4, its_day), ())


def test_a_long_line_of_emphasis_marks_under_a_markdown_title_is_read_in_linear_time():
    # The emphasis on a part of a date line ("**Date:** April 19, 2024") was looked for on a line
    # of any length: on "**a **a **a …" that took time quadratic in its length (9 s for 40,000
    # characters). No date line is that long.
    def parse_line(n: int):
        return parse(f"# Talks resume in Doha\n\n{'**a ' * n}\n\n{LONG_EN}\n", "a.md")

    assert_linear(parse_line, 1000, repeats=3)  # to 32,000 characters
    a = parse_line(10_000)
    assert a.date is None and body_texts(a)[0].startswith("<p>**a **a ") and LONG_EN in body_texts(a)[0]


@pytest.mark.parametrize("title", ["مهرجان الربيع - 5 الربيع 2009", "عيد الفاتح - 1 الفاتح 2009"])
def test_a_title_named_for_the_libyan_month_of_its_date_is_an_event_as_for_a_gregorian_month(title):
    # "ثورة يوليو - 23 يوليو 1952" names the month of its date: the event's. Libya's month names,
    # read in a date since 2d85b58, were no month to the title's words, so such a title lost its
    # date and dated the article by the event (at 23730fc the date was not read: undated, whole).
    a = parse(f"{title}\n\n{LONG_AR}\n")
    assert (a.title, a.date, body_texts(a)) == (title, None, [LONG_AR])
    (note,) = a.diagnostics
    assert "the date in the title" in note.message and note.line == 1
    # ... and a Libyan month's word in a title over another month's date is no such event
    a = parse(f"شارع ناصر - 19 أبريل 2024\n\n{LONG_AR}\n")
    assert (a.title, a.date) == ("شارع ناصر", dt.date(2024, 4, 19))


# --- a text value YAML cannot read, read as typed ----------------------------------------------


def test_a_title_with_a_colon_yaml_cannot_read_is_the_title_and_makes_the_slug():
    """The article was skipped with an error: 'mapping values are not allowed'."""
    a = parse("---\ntitle: Breaking: Q&A with the minister\ndate: 2024-03-05\n---\n\nBody.\n", "post.md")
    assert (a.title, a.slug, a.date, body_texts(a)) == (
        "Breaking: Q&A with the minister",
        "breaking-q-a-with-the-minister",
        dt.date(2024, 3, 5),
        ["<p>Body.</p>"],
    )
    assert [(d.line, d.message.split(" (")[0]) for d in a.diagnostics] == [(2, "title: YAML cannot read this value")]


def test_a_title_that_starts_with_hash_is_the_title_not_a_missing_one():
    """YAML read it as a comment: the file name was the title, said to be missing from the metadata."""
    a = parse("---\ntitle: #1 story of the year\ndate: 2024-03-05\n---\n\nBody.\n", "post.md")
    assert (a.title, a.slug) == ("#1 story of the year", "1-story-of-the-year")
    assert [(d.line, d.message.split(" (")[0]) for d in a.diagnostics] == [
        (2, "title: YAML reads a value that starts with '#' as a comment")
    ]


def test_a_title_read_as_typed_keeps_the_authors_written_as_tables():
    """nested.py reads the header again for the authors' names: the title's line stopped it."""
    a = parse(
        "---\ntitle: Talks: day one\nauthors: [{name: Jane Doe}, {name: Sami Ali}]\ndate: 2024-03-05\n---\nB.\n", "p.md"
    )
    assert (a.title, a.byline) == ("Talks: day one", "Jane Doe, Sami Ali")
    assert [d.line for d in a.diagnostics] == [2]


def test_a_title_left_as_a_comment_is_no_title_and_the_heading_titles_the_article():
    """'title: # TODO' was read as typed: the article was titled '# TODO', at /articles/todo/."""
    a = parse("---\ntitle: # TODO\ndate: 2024-03-05\n---\n\n# Real heading\n\nBody.\n", "post.md")
    assert (a.title, a.slug) == ("Real heading", "real-heading")
    assert not [d for d in a.diagnostics if "YAML" in d.message]


@pytest.mark.parametrize(
    "first",
    ["التاريخ: يعيد نفسه", "مسودة: قانون الأحوال الشخصية الجديد يثير الجدل", "الملخص: الحكومة تستقيل"],
)
def test_a_markdown_articles_first_line_of_prose_with_an_arabic_key_word_stays_on_the_page(first):
    a = parse(f"{first}\n{LONG_AR}\n\n{LONG_AR}\n", source="opinion.md")
    assert first in a.body[0].text and not a.draft
    assert [d.message for d in a.diagnostics if first.split(": ")[1] in d.message] == []


# --- text YAML reads as a table, a list or a tagged value -----------------------------------------


@pytest.mark.parametrize(
    ("line", "title", "slug", "said"),
    [
        ("title: {{ page.title }}", "{{ page.title }}", "page-title", "a table: it is template code"),
        ("title: !important news", "!important news", "important-news", "a tagged value"),
        ("title: [Video] ", "[Video]", "video", "a list"),
    ],
)
def test_a_title_yaml_reads_as_a_table_tag_or_list_is_the_title_as_typed_with_a_warning(line, title, slug, said):
    """The template code's title was the file name ('post'); the tag's was 'news', unsaid."""
    a = parse(f"---\n{line}\ndate: 2024-03-05\n---\n\nBody.\n", "post.md")
    assert (a.title, a.slug, a.date, body_texts(a)) == (title, slug, dt.date(2024, 3, 5), ["<p>Body.</p>"])
    [warning] = a.diagnostics
    assert (warning.file, warning.line, warning.level) == ("post.md", 2, "warning")
    assert warning.message.startswith(f"title: YAML reads this value as {said}")


def test_an_author_and_a_description_left_as_template_code_are_shown_as_typed():
    """author: was an error ('a front matter key must be plain text') that skipped the article."""
    a = parse("---\ntitle: T\nauthor: {{ page.author }}\ndescription: {{ page.excerpt }}\n---\n\nBody.\n", "p.md")
    assert (a.byline, a.summary, body_texts(a)) == ("{{ page.author }}", "{{ page.excerpt }}", ["<p>Body.</p>"])
    assert [(d.line, "template code" in d.message) for d in a.diagnostics if d.line] == [(3, True), (4, True)]


@pytest.mark.parametrize(
    "line", ["layout: {{ layout }}", "layout: {% if page.wide %}wide{% endif %}", "image: {{ page.image }}"]
)
def test_template_code_under_a_key_that_is_not_text_is_ignored_with_a_warning_not_an_error(line):
    """'{% ... %}' and image: '{{ ... }}' skipped the article with an error; layout: '{{ ... }}'
    was ignored unsaid. The authors' table after it is still read (nested.py reads the header again)."""
    a = parse(f"---\ntitle: Talks\n{line}\nauthors: [{{name: Jane Doe}}]\ndate: 2024-03-05\n---\n\nBody.\n", "p.md")
    assert (a.title, a.byline, a.date, body_texts(a), a.media) == (
        "Talks",
        "Jane Doe",
        dt.date(2024, 3, 5),
        ["<p>Body.</p>"],
        (),
    )
    [warning] = a.diagnostics
    assert (warning.line, warning.level) == (3, "warning")
    assert warning.message.startswith(f"'{line.split(':')[0]}' is template code of another generator, ")
    assert warning.message.endswith(
        "which sitegen does not run: the line is ignored (write the value itself, or delete the line)"
    )


@pytest.mark.parametrize("line", ["draft: {{ page.draft }}", "published: {% if x %}true{% endif %}"])
def test_template_code_under_a_draft_switch_keeps_the_article_a_draft(line):
    a = parse(f"---\ntitle: Talks\n{line}\ndate: 2024-03-05\n---\n\nBody.\n", "p.md")
    assert a.draft and [(d.line, "kept as a draft" in d.message) for d in a.diagnostics] == [(3, True)]
