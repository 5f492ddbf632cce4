"""One stylesheet serves both directions: no physical left/right outside a commented exception."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

PHYSICAL = re.compile(
    r"(?<![\w-])("
    r"(margin|padding|border)-(left|right)[\w-]*"
    r"|(left|right)\s*:"
    r"|float\s*:\s*(left|right)"
    r"|clear\s*:\s*(left|right)"
    r"|text-align\s*:\s*(left|right)"
    r"|border-(top|bottom)-(left|right)-radius"
    r")"
)


def physical_uses(css: str) -> list[str]:
    """Lines using physical left/right, unless the line carries a /* physical: reason */ comment."""
    found = []
    for n, line in enumerate(css.splitlines(), start=1):
        code = re.sub(r"/\*.*?\*/", "", line)
        if PHYSICAL.search(code) and "/* physical:" not in line:
            found.append(f"{n}: {line.strip()}")
    return found


def test_default_stylesheet_uses_only_logical_properties():
    for path in (REPO / "static").rglob("*.css"):
        assert physical_uses(path.read_text("utf-8")) == [], path


def test_the_check_catches_physical_properties():
    css = "a { margin-left: 1px }\nb { float: right; }\nc { text-align:left }\nd { right: 0 }\n"
    css += "e { padding-inline-start: 1px }"
    assert [line.split(":")[0] for line in physical_uses(css)] == ["1", "2", "3", "4"]


def test_a_commented_exception_is_allowed():
    assert physical_uses("a { left: 0; /* physical: a slider that must not flip */ }") == []


def test_no_page_has_a_link_that_leads_nowhere(mixed_site):
    """[text](javascript:...) in Markdown leaves its text, not an <a> without href: that would
    look clickable and is a link crawlers cannot follow (Lighthouse SEO)."""
    page = mixed_site / "articles" / "قمة-اقتصادية-في-القاهرة" / "index.html"
    assert "<p>رابط خبيث</p>" in page.read_text("utf-8")
    for html in mixed_site.rglob("*.html"):
        assert re.findall(r"<a(?=[\s>])(?![^>]*\shref=)[^>]*>", html.read_text("utf-8")) == [], html


CARDS = """
    const edge = (el, dir) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const text = range.getBoundingClientRect(), box = el.getBoundingClientRect();
        return dir === 'rtl' ? box.right - text.right : text.left - box.left;  // gap at the start side
    };
    return [...document.querySelectorAll('.card')].map(card => {
        const dir = getComputedStyle(card).direction;
        const parts = [...card.querySelectorAll('.card-title, .meta, .excerpt')];
        const excerpt = card.querySelector('.excerpt');
        const time = card.querySelector('.meta time');
        const style = excerpt && getComputedStyle(excerpt);
        return {
            lang: card.querySelector('.card-title').lang,
            dir,
            gaps: parts.map(el => [el.className, getComputedStyle(el).direction, Math.round(edge(el, dir))]),
            time: time && [time.textContent, getComputedStyle(time).direction],
            leading: style && parseFloat(style.lineHeight) / parseFloat(style.fontSize),
        };
    });
"""


def test_every_part_of_a_card_follows_the_direction_of_its_article(mixed_site, tmp_path):
    """On the English home an Arabic card is right-aligned as a whole (title, date, excerpt),
    its date still reads as English; Arabic excerpts get the Arabic line height on any page."""
    from browser import evaluate

    for home, interface in (("en/index.html", "ltr"), ("index.html", "rtl")):
        cards = evaluate(mixed_site / home, mixed_site, CARDS, tmp_path)
        assert {card["lang"] for card in cards} == {"ar", "en"}
        for card in cards:
            assert card["dir"] == ("rtl" if card["lang"] == "ar" else "ltr"), card
            for name, direction, gap in card["gaps"]:
                assert direction == card["dir"] and gap == 0, (home, card["lang"], name, gap)
            if card["time"]:
                assert card["time"][1] == interface  # the date keeps the interface's reading order
            if card["lang"] == "ar" and card["leading"]:
                assert card["leading"] >= 1.85, (home, card)


META = """
    const meta = document.querySelector('.article-header .meta');
    const rtl = getComputedStyle(meta).direction === 'rtl';
    const start = el => { const r = el.getBoundingClientRect(); return rtl ? -r.right : r.left; };
    const items = [...meta.children];
    // Where an item's separator is drawn: a leading dot in its text, or its ::before box, which
    // reaches margin + width past the item's start; the part outside the meta box is clipped.
    const dot = el => {
        if (el.textContent.trim().startsWith('·')) return {inside: 1};
        const before = getComputedStyle(el, '::before');
        if (!before.content.includes('·')) return null;
        const reach = parseFloat(before.marginInlineStart) + parseFloat(before.width);
        const clipped = getComputedStyle(meta).overflow !== 'visible';
        return {inside: clipped ? reach : parseFloat(before.width)};
    };
    return {
        lines: new Set(items.map(el => Math.round(el.getBoundingClientRect().top))).size,
        separators: items.slice(1).filter(dot).length,
        starting: items.slice(1).filter(el => Math.abs(start(el) - start(meta)) < 1 && dot(el) && dot(el).inside > 0.5)
            .map(el => el.className),
    };
"""


def test_a_wrapped_meta_line_never_starts_with_the_separator(mixed_site, tmp_path):
    """Date, Hijri date and reading time do not fit on one line of a 390 px phone: the dot
    between them must not be left at the start of the second line."""
    from browser import evaluate

    page = mixed_site / "articles" / "علاقات-روسية-باكستانية-متنامية" / "index.html"
    narrow = evaluate(page, mixed_site, META, tmp_path, width=390)
    assert narrow["lines"] >= 2 and narrow["separators"] == 1
    assert narrow["starting"] == []
    wide = evaluate(page, mixed_site, META, tmp_path, width=900)
    assert wide == {"lines": 1, "separators": 1, "starting": []}


# WCAG's contrast of two computed colours, and the colour behind an element (the nearest painted one).
COLOURS = """
    const luminance = color => {
        const [r, g, b] = color.match(/[\\d.]+/g).slice(0, 3).map(v => {
            v = v / 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a, b) => {
        const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
    };
    const background = el => {
        for (; el; el = el.parentElement) {
            const c = getComputedStyle(el).backgroundColor;
            if (c !== 'rgba(0, 0, 0, 0)') return c;
        }
        return 'rgb(255, 255, 255)';
    };
"""

FOCUS = (
    COLOURS
    + """
    const links = ['.skip-link', '.site-title', '.site-nav a', '.lang-switch', '.card-title a'];
    return links.map(selector => {
        const el = document.querySelector(selector);
        el.focus();
        const s = getComputedStyle(el);
        // The ring is drawn around the element, on what lies behind it.
        const behind = selector === '.skip-link' ? background(document.querySelector('.site-header'))
            : background(el.parentElement);
        return [selector, s.outlineStyle, Math.round(contrast(s.outlineColor, behind) * 10) / 10];
    });
"""
)


def test_the_keyboard_focus_ring_stands_out_from_what_surrounds_it(mixed_site, tmp_path):
    """WCAG 1.4.11: a focus indicator needs 3:1 against its surroundings. The header is the
    accent colour, on which the blue ring of the page body was 1.5:1."""
    from browser import evaluate

    for home in ("index.html", "en/index.html"):
        for selector, style, ratio in evaluate(mixed_site / home, mixed_site, FOCUS, tmp_path):
            assert style == "solid" and ratio >= 3, (home, selector, ratio)


WIDE_CODE = """Title: شيفرة
Date: 2024-03-10

```python
def growth(previous, current):  # a comment long enough to run past the edge of a printed page, and then some more
    return (current - previous) / previous * 100
```
"""


def printed_box(tmp_path, markdown: str, selector: str) -> list:
    """[how far the box's content runs past it, whether the box fits the page] for the first
    element of an article page under the print styles (made the screen's), 650 px wide."""
    from browser import evaluate
    from conftest import build_site, write_source

    site = build_site(write_source(tmp_path, {"box.md": markdown}), tmp_path / "out")
    css = site / "static" / "style.css"
    css.write_text(css.read_text("utf-8").replace("@media print", "@media all"), "utf-8")
    page = next(site.glob("articles/*/index.html"))
    script = f"""
        const box = document.querySelector('.article-body {selector}');
        return [box.scrollWidth - box.clientWidth, box.getBoundingClientRect().width <= innerWidth];
    """
    return evaluate(page, site, script, tmp_path, width=650)


def test_a_printed_code_line_wraps_instead_of_being_cut_off(tmp_path):
    """On screen a long code line scrolls inside its box; paper cannot scroll, so in print the
    part past the edge was lost."""
    assert printed_box(tmp_path, WIDE_CODE, "pre") == [0, True]


def test_no_heading_of_an_article_body_is_smaller_than_its_text(tmp_path):
    """Browser defaults make h5 and h6 smaller than the paragraphs: Arabic letters that small
    (12 px on a phone) are hard to read."""
    from browser import evaluate
    from conftest import build_site

    source = tmp_path / "src"
    source.mkdir()
    headings = "".join(f"{'#' * n} عنوان من المستوى {n}\n\nفقرة تحت العنوان.\n\n" for n in range(2, 7))
    (source / "a.md").write_text(f"Title: مقال بعناوين\nDate: 2024-04-19\n\n{headings}", "utf-8")
    site = build_site(source, tmp_path / "out")
    page = next((site / "articles").glob("*/index.html"))
    script = """
        const size = el => parseFloat(getComputedStyle(el).fontSize);
        const body = document.querySelector('.article-body p');
        const headings = document.querySelectorAll('.article-body :is(h2,h3,h4,h5,h6)');
        return {text: size(body), headings: [...headings].map(size)};
    """
    (tmp_path / "shot").mkdir()
    seen = evaluate(page, site, script, tmp_path / "shot")
    assert len(seen["headings"]) == 5
    assert min(seen["headings"]) >= seen["text"], seen


ARABIC_TYPEFACE = """
    // The longest Arabic word of an element, set once in the element's own font stack and once
    // in the Arabic one: equal widths mean the browser drew it with the same font. (Spaces and
    // digits may come from an English face; they are not what this is about.)
    const arabic = /[\\u0621-\\u064a]+/g;
    const width = (el, text, family) => {
        const probe = document.createElement('span');
        probe.textContent = text;
        Object.assign(probe.style, {position: 'absolute', whiteSpace: 'nowrap', fontFamily: family});
        el.append(probe);
        const found = probe.getBoundingClientRect().width;
        probe.remove();
        return found;
    };
    return [...document.querySelectorAll(SELECTORS)].map(el => {
        const text = (el.textContent.match(arabic) || ['']).sort((a, b) => b.length - a.length)[0];
        const own = width(el, text, getComputedStyle(el).fontFamily);
        const arabicStack = width(el, text, 'var(--font-ar)');
        return [el.className || el.localName, text, Math.abs(own - arabicStack) < 0.5];
    });
"""

QUOTING = """Title: Ministers meet in Cairo
Date: 2024-03-10

The minister opened with the proverb الصبر مفتاح الفرج before the talks began.
"""


def test_arabic_text_on_english_pages_is_set_in_the_arabic_typeface(mixed_site, tmp_path):
    """The English font stack had no Arabic face: an Arabic excerpt, the language switch or an
    Arabic phrase in English text fell back to whatever font the browser found (DejaVu Sans on
    Linux), not the Naskh that the same words get on Arabic pages."""
    from browser import evaluate
    from conftest import build_site

    source = tmp_path / "src"
    source.mkdir()
    (source / "quote.md").write_text(QUOTING, "utf-8")
    quoting = build_site(source, tmp_path / "out")
    for site, page, selectors in (
        (mixed_site, "en/index.html", ".card .excerpt[lang=ar], .lang-switch"),
        (quoting, next((quoting / "articles").glob("*/index.html")), ".article-body p"),
    ):
        script = ARABIC_TYPEFACE.replace("SELECTORS", repr(selectors))
        shot = tmp_path / f"shot-{len(list(tmp_path.iterdir()))}"
        shot.mkdir()
        seen = evaluate(site / page, site, script, shot)
        assert seen and all(text for _, text, _ in seen), (page, seen)
        assert all(same for _, _, same in seen), (page, seen)


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Nine short Arabic articles with one tag, one per page: every listing has page 2, and the
    pagination of the first page skips pages (1 2 3 … 9)."""
    from conftest import build_site

    root = tmp_path_factory.mktemp("paged")
    source = root / "src"
    source.mkdir()
    for n in range(1, 10):
        (source / f"a{n}.md").write_text(
            f"---\ntitle: مقال رقم {n}\ndate: 2024-03-{n:02d}\ntags: [مفوضية الأمم المتحدة لشؤون اللاجئين]\n---\n"
            f"نص المقال {n}.\n",
            "utf-8",
        )
    (root / "sitegen.toml").write_text("per_page = 1\n", "utf-8")
    return build_site(source, root / "out", "--config", str(root / "sitegen.toml"))


PAGE_NUMBER = """
    // Narrow the heading step by step: the page number under it must move as a whole.
    const h1 = document.querySelector('h1'), small = h1.querySelector('small');
    const split = [];
    for (let width = 150; width <= 390; width += 2) {
        h1.style.inlineSize = width + 'px';
        // One box per bidi run (digits among Arabic), so count the lines their tops are on.
        const tops = [...small.getClientRects()].map(r => r.top).sort((a, b) => a - b);
        if (tops.some((top, i) => i > 0 && top - tops[i - 1] > 10)) split.push(width);
    }
    return [small.textContent, split];
"""


def test_the_page_number_of_a_listing_title_never_breaks_across_lines(paged_site, tmp_path):
    """On a phone the title of page 2 of a tag wrapped inside «صفحة 2 من 40», leaving «40»
    alone on the next line."""
    from browser import evaluate

    for page in ("page/2/index.html", "en/page/2/index.html", "tags/unhcr/page/2/index.html"):
        shot = tmp_path / page.replace("/", "-")
        shot.mkdir()
        text, split = evaluate(paged_site / page, paged_site, PAGE_NUMBER, shot)
        assert "2" in text and split == [], (page, text, split)


PAGINATION_GAP = """
    // The middle of the "…" against the middle of the page link shown before it, on the same row.
    const gap = document.querySelector('.pagination .gap');
    const range = document.createRange();
    range.selectNodeContents(gap);
    let before = gap.previousElementSibling;
    while (!before.getBoundingClientRect().width) before = before.previousElementSibling;
    const dots = range.getBoundingClientRect(), link = before.getBoundingClientRect();
    return [gap.textContent.trim(), Math.round((dots.top + dots.bottom) / 2 - (link.top + link.bottom) / 2)];
"""


def test_the_pagination_gap_sits_level_with_the_page_numbers(paged_site, tmp_path):
    """The "…" between page numbers was drawn at the top of the row, above the numbers."""
    from browser import evaluate

    for width in (390, 900):
        shot = tmp_path / str(width)
        shot.mkdir()
        dots, offset = evaluate(paged_site / "index.html", paged_site, PAGINATION_GAP, shot, width=width)
        assert dots == "…" and abs(offset) <= 2, (width, offset)


TEXT_CONTRAST = (
    COLOURS
    + """
    // Every element that shows text of its own, with its colour against what lies behind it.
    const found = [];
    for (const el of document.body.querySelectorAll('*')) {
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.closest('.visually-hidden, .skip-link, script')) continue;
        const ratio = contrast(getComputedStyle(el).color, background(el));
        found.push([el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''), Math.round(ratio * 10) / 10]);
    }
    return {paper: Math.round(luminance(background(document.body)) * 1000) / 1000, texts: found};
"""
)

DARK_ARTICLE = """---
title: Night edition
date: 2024-04-19
lang: en
image: harbour.png
caption: The harbour at night
---
The harbour reopened on [Friday](https://example.org/).

> A quoted statement from the port authority.

```
code = "shown on its own background"
```

| Port | Ships |
|------|-------|
| Haifa | 12 |
"""


def test_a_reader_who_asks_for_dark_gets_dark_pages_whose_text_stays_readable(tmp_path):
    """Readers of an archive at night ask their system for dark pages; the theme was light only.
    In the dark scheme every text keeps at least 4.5:1 against its background (WCAG AA), and the
    focus ring 3:1. Asked for light (the default), the pages are as they were."""
    import shutil

    from browser import evaluate
    from conftest import SEEDS, build_site
    from test_media import png

    source = tmp_path / "src"
    source.mkdir()
    for seed in SEEDS.iterdir():
        shutil.copy(seed, source / seed.name)
    (source / "harbour.png").write_bytes(png(8, 6))
    (source / "night.md").write_text(DARK_ARTICLE, "utf-8")
    site = build_site(source, tmp_path / "out")

    def fresh(name: str) -> Path:  # a folder of its own for each browser run
        (tmp_path / name).mkdir()
        return tmp_path / name

    pages = [
        "index.html",
        "en/index.html",
        "articles/night-edition/index.html",
        "tags/index.html",
        "archive/index.html",
        "search/index.html",  # from file:// its script cannot fetch the index: it says so (results: test_search_page)
    ]
    light = evaluate(site / pages[0], site, TEXT_CONTRAST, fresh("light"))
    assert light["paper"] > 0.9  # the default is the light scheme
    css = site / "static" / "style.css"
    dark_rule = "@media screen and (prefers-color-scheme: dark)"
    assert dark_rule in css.read_text("utf-8")
    css.write_text(css.read_text("utf-8").replace(dark_rule, "@media all"), "utf-8")  # as a dark system asks
    for n, name in enumerate(pages):
        shown = evaluate(site / name, site, TEXT_CONTRAST, fresh(f"dark-{n}"))
        assert shown["paper"] < 0.02, name  # a dark page
        assert len(shown["texts"]) > 5, name
        faint = [(what, ratio) for what, ratio in shown["texts"] if ratio < 4.5]
        assert faint == [], (name, faint)
    for n, home in enumerate(("index.html", "en/index.html")):
        for selector, style, ratio in evaluate(site / home, site, FOCUS, fresh(f"focus-{n}")):
            assert style == "solid" and ratio >= 3, (home, selector, ratio)


INTERFACE_FACE = """
    // The header's face is the interface face (--font-ui); every other piece of interface takes
    // it too, whatever the page's language. Running text keeps the language's reading face.
    const ui = getComputedStyle(document.querySelector('.site-header')).fontFamily;
    const parts = [...document.querySelectorAll(SELECTORS)];
    const excerpt = document.querySelector('.card .excerpt:lang(en)');
    return {
        ui,
        parts: parts.map(el => [el.localName + '.' + el.className, getComputedStyle(el).fontFamily === ui]),
        english_text: excerpt && getComputedStyle(excerpt).fontFamily,
    };
"""


def test_the_interface_of_an_english_page_is_set_in_the_face_it_has_on_an_arabic_page(mixed_site, tmp_path):
    """English pages set every element in the English reading face, so their header, titles,
    search label and footer were serif beside a sans search button, and sans on Arabic pages."""
    from browser import evaluate

    interface = ".site-title, .site-nav a:not(.lang-switch), main h1, .card-title, .meta, .site-footer p"
    search = ".site-title, main h1, .search-form label, #search-q, .search-form button"
    faces = set()
    for page, selectors in (
        ("index.html", interface),
        ("en/index.html", interface),
        ("en/search/index.html", search),
    ):
        shot = tmp_path / page.replace("/", "-")
        shot.mkdir()
        seen = evaluate(mixed_site / page, mixed_site, INTERFACE_FACE.replace("SELECTORS", repr(selectors)), shot)
        faces.add(seen["ui"])
        assert len(seen["parts"]) >= 5, (page, seen)
        assert [name for name, same in seen["parts"] if not same] == [], (page, seen)
        if page == "en/index.html":
            assert seen["english_text"].startswith('"Iowan Old Style"'), seen  # the excerpt stays serif
    assert len(faces) == 1, faces


CODE = """---
title: TITLE
date: 2024-03-10
lang: LANG
---
TEXT `a_long_identifier` TEXT

```
print("ok")
```
"""

CODE_FACE = """
    const face = el => getComputedStyle(el).fontFamily;
    const size = el => parseFloat(getComputedStyle(el).fontSize);
    const text = document.querySelector('.article-body p');
    return ['pre', 'pre code', 'p code'].map(selector => {
        const el = document.querySelector('.article-body ' + selector);
        return [selector, face(el).endsWith('monospace') && !face(el).startsWith('monospace'),
                Math.round(size(el) / size(text) * 100) / 100];
    });
"""


def test_code_is_set_in_a_monospace_face_on_pages_in_either_language(tmp_path):
    """On English pages the reading face beat the browser's monospace: code was set in a serif."""
    from browser import evaluate
    from conftest import build_site, write_source

    source = write_source(
        tmp_path,
        {
            "en.md": CODE.replace("TITLE", "Code").replace("LANG", "en").replace("TEXT", "Call it as"),
            "ar.md": CODE.replace("TITLE", "شيفرة").replace("LANG", "ar").replace("TEXT", "استدعِ الدالة"),
        },
    )
    site = build_site(source, tmp_path / "out")
    for slug in ("code", "شيفرة"):
        shot = tmp_path / slug
        shot.mkdir()
        for selector, monospace, ratio in evaluate(site / "articles" / slug / "index.html", site, CODE_FACE, shot):
            # a named face first: "monospace" alone shrinks the text to 13 px
            assert monospace and 0.85 <= ratio <= 1, (slug, selector, ratio)


LONG_WORD = "الاستراتيجيةالوطنيةللتنميةالمستدامةوالتحولالرقمي" * 2
LONG_URL = "https://www.example.org/reports/2024/05/02/annual-economic-outlook-for-the-middle-east-and-north-africa.pdf"
WIDE = (
    f"---\ntitle: {LONG_WORD}\ndate: 2024-05-01\nimage: wide.png\n"
    "tags: [" + ", ".join(f"وسم رقم {n} طويل نسبيا" for n in range(40)) + "]\n---\n"
    f"التقرير على <{LONG_URL}> وفي [رابط]({LONG_URL}).\n\n"
    "| " + " | ".join(f"العمود رقم {n}" for n in range(8)) + " |\n"
    "|" + "---|" * 8 + "\n"
    "| " + " | ".join(f"{n * 1234567:,}" for n in range(8)) + " |\n\n"
    "![خريطة](wide.png)\n\n"
    "```\n" + "compute_quarterly_growth_rate(previous_quarter_revenue, current_quarter_revenue) " * 3 + "\n```\n\n"
    "- الاقتصاد\n    - التجارة\n        - صادرات المنتجات البترولية المكررة إلى الدول المجاورة\n\n"
    "> قال الوزير إن الاقتصاد يتعافى بسرعة أكبر من المتوقع.\n\n"
    "نص متنازع عليه.[^1]\n\n[^1]: المصدر: التقرير السنوي للوزارة، صفحة 42.\n"
)
WIDE_TEXT = (
    "الأحد - 12 مايو 2024\n\nرابط طويل في نص عادي\n\n"
    f"اقرأ التقرير الكامل على {LONG_URL}?utm_source=newsletter&utm_medium=email قبل نهاية الأسبوع.\n\n"
    "والموقع www.example.org/ar/news/2024/economy/a-very-long-section-name/article-123456789.html يعرض التفاصيل.\n"
)

SIDEWAYS = """
    // What reaches past either edge of a phone's screen, outside a box that scrolls on its own
    // (the page's box: a scroll bar may stand on either side of it).
    const width = document.documentElement.clientWidth, screen = document.documentElement.getBoundingClientRect();
    const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const past = [...document.body.querySelectorAll('*')].filter(el => {
        const box = el.getBoundingClientRect();
        if (!box.width || el.closest('.visually-hidden, .skip-link')) return false;
        for (let up = el.parentElement; up; up = up.parentElement) if (scrolls(up)) return false;
        return box.left < screen.left - 1 || box.right > screen.right + 1;
    }).map(el => el.localName + '.' + el.className);
    const boxes = ['table', 'pre'].map(name => [...document.querySelectorAll('.article-body ' + name)].map(el =>
        [name, el.scrollWidth > el.clientWidth, el.getBoundingClientRect().width <= width]));
    return {page: document.documentElement.scrollWidth - width, past, boxes: boxes.flat()};
"""


def test_nothing_in_an_article_makes_a_phone_scroll_sideways(tmp_path):
    """At 390 px a long unbroken Arabic title, long addresses (typed, linked and found in plain
    text), a table of 8 columns, a wide picture, a long code line, nested lists and 40 tags all
    stay within the screen: the table and the code scroll inside their own boxes."""
    from browser import evaluate
    from conftest import build_site, write_source
    from test_media import png

    source = write_source(tmp_path, {"wide.md": WIDE, "url.txt": WIDE_TEXT})
    (source / "wide.png").write_bytes(png(2400, 500))
    site = build_site(source, tmp_path / "out")
    pages = sorted((site / "articles").glob("*/index.html"))
    assert len(pages) == 2
    for n, page in enumerate(pages):
        shot = tmp_path / f"shot-{n}"
        shot.mkdir()
        seen = evaluate(page, site, SIDEWAYS, shot, width=390)
        assert seen["page"] == 0 and seen["past"] == [], (page.parent.name, seen)
        for name, scrolls_inside, fits in seen["boxes"]:
            assert scrolls_inside and fits, (name, seen)
    assert {name for name, _, _ in seen["boxes"]} <= {"table", "pre"}


def test_a_tag_named_with_one_long_word_stays_within_a_phones_screen(tmp_path):
    """A tag pill was as wide as its name: one long word (an address, words typed without
    spaces) made the article page and the list of tags scroll sideways at 390 px."""
    from browser import evaluate
    from conftest import build_site, write_source

    tags = f"[{LONG_WORD[:60]}, {LONG_URL}]"
    site = build_site(
        write_source(tmp_path, {"a.md": f"---\ntitle: وسوم طويلة\ndate: 2024-05-01\ntags: {tags}\n---\nنص.\n"}),
        tmp_path / "out",
    )
    for page in ("articles/وسوم-طويلة/index.html", "tags/index.html"):
        shot = tmp_path / page.replace("/", "-")
        shot.mkdir()
        seen = evaluate(site / page, site, SIDEWAYS, shot, width=390)
        assert seen["page"] == 0 and seen["past"] == [], (page, seen)


SOURCES_TABLE = (
    "---\ntitle: Where the figures come from\ndate: 2024-05-04\nlang: en\n---\n\n"
    "| Figure | Value | Source | Note |\n|---|---:|---|---|\n"
    "| Exports | 1,234,567,890 | https://www.example.org/statistics/2024/trade/exports-by-country-and-commodity.html"
    " | Provisional until the annual report is published in the autumn |\n"
    "| Imports | 987,654,321 | https://data.example.gov/api/v2/datasets/imports?format=csv&year=2024 | Final |\n"
)


def test_an_address_in_a_table_cell_wraps_so_that_the_table_fits_the_column(tmp_path):
    """A table's cell is as wide as its longest unbreakable run, and a cell's address was one:
    the table of sources ran past the 640 px column on a desktop, its last column (the notes)
    was cut off, squeezed to a word a line, out of sight. The address wraps anywhere, as it does
    in a paragraph; a figure beside it still never breaks."""
    from browser import evaluate
    from conftest import build_site, write_source

    site = build_site(write_source(tmp_path, {"sources.md": SOURCES_TABLE}), tmp_path / "out")
    page = site / "articles" / "where-the-figures-come-from" / "index.html"
    script = """
        const table = document.querySelector('.article-body table');
        const lines = cell => { const range = document.createRange(); range.selectNodeContents(cell);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; };
        return [table.scrollWidth - table.clientWidth, [...table.rows].slice(1).map(row => lines(row.cells[1]))];
    """
    (tmp_path / "shot").mkdir()
    assert evaluate(page, site, script, tmp_path / "shot", width=900) == [0, [1, 1]]


def test_a_printed_table_is_narrowed_to_the_page_instead_of_being_cut_off(tmp_path):
    """On screen a wide table scrolls in its box; on paper the columns past the edge were lost."""
    assert printed_box(tmp_path, WIDE, "table") == [0, True]


FOOTNOTES = """Title: حواشٍ
Date: 2024-03-10

أول إشارة[^1] وثانية[^2].

[^1]: المصدر الأول.
[^2]: المصدر الثاني.
"""


def test_a_footnote_jumped_to_is_marked_and_its_arrow_back_is_not_printed(tmp_path):
    """The last notes of a page cannot scroll to the top of the screen: after a tap on a mark the
    reader could not tell which note it meant. On paper the arrow back to the mark leads nowhere."""
    from browser import evaluate
    from conftest import build_site, write_source

    site = build_site(write_source(tmp_path, {"notes.md": FOOTNOTES}), tmp_path / "out")
    page = next(site.glob("articles/*/index.html"))
    script = """
        const paint = el => getComputedStyle(el).backgroundColor;
        const [first, second] = document.querySelectorAll('.footnote li');
        const before = paint(second);
        location.hash = '#fn:2';
        return [before === paint(first), paint(second) !== paint(first),
                getComputedStyle(document.querySelector('.footnote-backref')).display];
    """
    (tmp_path / "screen").mkdir()
    assert evaluate(page, site, script, tmp_path / "screen") == [True, True, "inline-block"]  # mirrored
    css = site / "static" / "style.css"
    css.write_text(css.read_text("utf-8").replace("@media print", "@media all"), "utf-8")
    (tmp_path / "print").mkdir()
    assert evaluate(page, site, script, tmp_path / "print")[2] == "none"


def test_a_tap_beside_a_footnote_mark_is_taken_as_the_marks(tmp_path):
    """A mark is one raised digit, 8 px wide and hard to hit with a finger: a tap a few pixels
    beside it, or on the line under it, opened nothing."""
    from browser import evaluate
    from conftest import build_site, write_source

    site = build_site(write_source(tmp_path, {"notes.md": FOOTNOTES}), tmp_path / "out")
    page = next(site.glob("articles/*/index.html"))
    script = """
        const mark = document.querySelector('.footnote-ref');
        const box = mark.getBoundingClientRect();
        const x = (box.left + box.right) / 2, y = (box.top + box.bottom) / 2;
        const at = (dx, dy) => document.elementFromPoint(x + dx, y + dy)?.closest('.footnote-ref') === mark;
        return [Math.round(box.width) < 24, at(0, 0), at(-10, 0), at(10, 0), at(0, 10), at(40, 0)];
    """
    (tmp_path / "shot").mkdir()
    assert evaluate(page, site, script, tmp_path / "shot", width=390) == [True, True, True, True, True, False]


LINKS = """Title: Links
Date: 2024-03-10
Lang: en

The [ministry's statement](https://example.org/statement) and a [note](#fn) came out; see https://example.org/shown too.
"""


def test_a_printed_link_to_another_site_shows_its_address(tmp_path):
    """Paper cannot follow a link: the words 'the ministry's statement' said nowhere where the
    statement was. An address already shown as the link's words is not printed twice."""
    from browser import evaluate
    from conftest import build_site, write_source

    site = build_site(write_source(tmp_path, {"links.md": LINKS}), tmp_path / "out")
    page = next(site.glob("articles/*/index.html"))
    script = """
        return [...document.querySelectorAll('.article-body a')].map(
            a => [a.textContent, getComputedStyle(a, '::after').content]);
    """
    (tmp_path / "screen").mkdir()
    on_screen = evaluate(page, site, script, tmp_path / "screen")
    assert [after for _, after in on_screen] == ["none"] * 3
    css = site / "static" / "style.css"
    css.write_text(css.read_text("utf-8").replace("@media print", "@media all"), "utf-8")
    (tmp_path / "print").mkdir()
    assert evaluate(page, site, script, tmp_path / "print") == [
        ["ministry's statement", '" (https://example.org/statement)"'],
        ["note", "none"],
        ["https://example.org/shown", "none"],
    ]


AUTOLINKS = """Title: Autolinks
Date: 2024-03-10
Lang: en

The statement is at <https://example.org/statement>, the report at
[example.org/report](https://example.org/report/), the data at
[HTTPS://example.org/data/](http://example.org/data) and [the note](https://example.org/note).
"""


def test_a_printed_link_whose_words_are_its_address_does_not_print_it_twice(tmp_path):
    """A Markdown autolink (<https://...>), or a link whose words are its address but for the
    scheme or a closing slash, printed its address twice: only the bare addresses of the text
    were known to show theirs."""
    from browser import evaluate
    from conftest import build_site, write_source

    site = build_site(write_source(tmp_path, {"autolinks.md": AUTOLINKS}), tmp_path / "out")
    page = next(site.glob("articles/*/index.html"))
    css = site / "static" / "style.css"
    css.write_text(css.read_text("utf-8").replace("@media print", "@media all"), "utf-8")
    script = """
        return [...document.querySelectorAll('.article-body a')].map(
            a => [a.textContent, getComputedStyle(a, '::after').content]);
    """
    assert evaluate(page, site, script, tmp_path) == [
        ["https://example.org/statement", "none"],
        ["example.org/report", "none"],
        ["HTTPS://example.org/data/", "none"],
        ["the note", '" (https://example.org/note)"'],
    ]


LONE_LINKS = """
    // Links that stand alone on their line: a phone's finger needs a target of 24 px or more
    // (WCAG 2.5.8), and they had only the height of their text.
    return [...document.querySelectorAll(SELECTORS)].map(el => {
        const box = el.getBoundingClientRect();
        return [el.closest('[class]').className, el.textContent.trim(), Math.round(box.height)];
    });
"""


def test_a_link_alone_on_its_line_is_tall_enough_to_tap(mixed_site, tmp_path):
    """The way up from a tag or an archive year, the Hijri archive, the undated articles, a tag's
    feed and the 404 page's way home were 20 px tall on a phone, beside 40 px month links."""
    from browser import evaluate

    lone = ".breadcrumb a, .archive-switch a, .archive-jump a, .feed-link a, .back-home a, .archive-months a"
    seen = []
    for page in ("archive/index.html", "archive/2024/index.html", "tags/afghanistan/index.html", "404.html"):
        shot = tmp_path / page.replace("/", "-")
        shot.mkdir()
        seen += evaluate(mixed_site / page, mixed_site, LONE_LINKS.replace("SELECTORS", repr(lone)), shot)
    kinds = {kind.split()[0] for kind, _, _ in seen}
    assert kinds >= {"breadcrumb", "archive-switch", "archive-jump", "feed-link", "back-home", "archive-months"}, seen
    assert [link for link in seen if link[2] < 40] == [], seen


def test_the_month_links_of_an_archive_and_the_way_home_are_set_in_the_interface_face(mixed_site, tmp_path):
    """Month names were set in the reading face, serif on English pages, beside their counts in
    the interface face: "December (2)" in two typefaces; the 404 page's way home, unlike every
    other way up, was in the reading face too."""
    from browser import evaluate

    archive = ".site-title, main h1, .archive-years h2, .archive-months a, .archive-months .count, .archive-jump a"
    lost = ".site-title, main h1, .back-home a, .not-found-other h2"
    for page, selectors in (("archive/index.html", archive), ("en/archive/index.html", archive), ("404.html", lost)):
        shot = tmp_path / page.replace("/", "-")
        shot.mkdir()
        seen = evaluate(mixed_site / page, mixed_site, INTERFACE_FACE.replace("SELECTORS", repr(selectors)), shot)
        assert len(seen["parts"]) >= 5, (page, seen)
        assert [name for name, same in seen["parts"] if not same] == [], (page, seen)


def test_the_arrow_back_from_a_note_points_to_where_the_lines_of_its_text_start(tmp_path):
    """↩ returns leftwards, to where English lines start; Unicode leaves it as it is in Arabic
    text, where it pointed away from the text into the left margin. An Arabic note's arrow is
    drawn mirrored (↪), an English note's as it is."""
    from browser import evaluate
    from conftest import build_site, write_source

    english = FOOTNOTES.replace("Title: حواشٍ", "Title: Notes\nLang: en").replace("أول إشارة", "A first mention")
    site = build_site(write_source(tmp_path, {"ar.md": FOOTNOTES, "en.md": english}), tmp_path / "out")
    script = """
        const back = document.querySelector('.footnote-backref');
        const box = getComputedStyle(back), note = getComputedStyle(back.closest('li'));
        return [note.direction, box.transform, box.display];
    """
    seen = {}
    for slug in ("حواش", "notes"):
        (tmp_path / slug).mkdir()
        seen[slug] = evaluate(site / "articles" / slug / "index.html", site, script, tmp_path / slug)
    assert seen == {
        "حواش": ["rtl", "matrix(-1, 0, 0, 1, 0, 0)", "inline-block"],
        "notes": ["ltr", "none", "inline"],
    }


TAG_FACE = """
    // A tag's name in the other language against the title or pill that holds it.
    return [...document.querySelectorAll('h1 bdi[lang], .tag-cloud bdi[lang], .tag-list bdi[lang]')].map(el => {
        const own = getComputedStyle(el), holder = getComputedStyle(el.closest('h1, a'));
        return [el.lang, el.textContent, own.fontFamily === holder.fontFamily, own.lineHeight === holder.lineHeight];
    });
"""


def test_a_tag_named_only_in_the_other_language_is_set_in_the_face_of_its_title_or_list(tmp_path):
    """A tag with no name in the page's language shows its own, marked with its language; it took
    that language's reading face: a serif "youth" in the sans title and pills of Arabic pages."""
    from browser import evaluate
    from conftest import build_site, write_source

    source = write_source(
        tmp_path,
        {
            "en.md": "---\ntitle: Young voters\ndate: 2024-03-10\nlang: en\ntags: [youth]\n---\nText.\n",
            "ar.md": "---\ntitle: ناخبون شباب\ndate: 2024-03-11\ntags: [ناخبون شباب]\n---\nنص.\n",
        },
    )
    site = build_site(source, tmp_path / "out")
    seen = []
    for page in ("tags/index.html", "tags/youth/index.html", "en/tags/index.html"):
        shot = tmp_path / page.replace("/", "-")
        shot.mkdir()
        seen += evaluate(site / page, site, TAG_FACE, shot)
    assert {(lang, name) for lang, name, _, _ in seen} == {("en", "youth"), ("ar", "ناخبون شباب")}, seen
    assert len(seen) == 3 and all(face and leading for _, _, face, leading in seen), seen


def test_a_printed_page_names_the_site_it_comes_from(tmp_path):
    """Print hid the whole header: a printed article did not say which archive it came from.
    The site's name stays, black on the white paper; the links beside it, useless on paper, go."""
    from browser import evaluate
    from conftest import build_site, write_source

    site = build_site(write_source(tmp_path, {"notes.md": FOOTNOTES}), tmp_path / "out")
    css = site / "static" / "style.css"
    css.write_text(css.read_text("utf-8").replace("@media print", "@media all"), "utf-8")
    script = (
        COLOURS
        + """
        const title = document.querySelector('.site-title'), nav = document.querySelector('.site-nav');
        const ratio = contrast(getComputedStyle(title).color, background(title));
        return [title.textContent, title.getClientRects().length > 0, getComputedStyle(nav).display, ratio >= 7];
        """
    )
    page = next(site.glob("articles/*/index.html"))
    assert evaluate(page, site, script, tmp_path) == ["أرشيف الأخبار", True, "none", True]


NUMBERED = {
    "ar.md": "Title: مطالب\nDate: 2024-03-10\n\nالمطالب:\n\n1. رفع الأجور\n2. خفض الأسعار\n    1. الخبز\n\n"
    "ثم:\n\n3. تجميد الضرائب\n4. دعم المزارعين\n\n"
    "بالإنجليزية:\n\n- Raise wages now\n- Cut taxes today\n- خفض الأسعار\n",
    "en.md": "Title: Demands\nDate: 2024-03-10\nLang: en\n\nThe demands:\n\n1. Raise wages\n2. Cut prices\n\n"
    "In Arabic:\n\n- رفع الأجور\n- Cut taxes\n",
}


def test_a_numbered_markdown_list_on_an_arabic_page_counts_in_the_pages_digits(tmp_path):
    """Under digits = "arabic" every number of an Arabic page is ١٢٣, the notes' too, but a
    Markdown list was numbered 1. 2. 3. by the browser. It counts ١، ٢ now, from where it
    starts (start="3" is ٣); an English page counts 1, 2."""
    from browser import evaluate
    from conftest import build_site, write_source

    (tmp_path / "sitegen.toml").write_text('digits = "arabic"\n', "utf-8")
    source = write_source(tmp_path, NUMBERED)
    site = build_site(source, tmp_path / "out", "--config", str(tmp_path / "sitegen.toml"))
    script = """
        return [...document.querySelectorAll('.article-body ol')].map(list =>
            [list.start, getComputedStyle(list.querySelector('li')).listStyleType]);
    """
    seen = {}
    for slug in ("مطالب", "demands"):
        (tmp_path / slug).mkdir()
        seen[slug] = evaluate(site / "articles" / slug / "index.html", site, script, tmp_path / slug)
    assert seen == {
        "مطالب": [[1, "arabic-indic"], [1, "arabic-indic"], [3, "arabic-indic"]],
        "demands": [[1, "decimal"]],
    }


def test_an_item_in_the_other_language_of_its_list_has_its_bullet_within_the_column(tmp_path):
    """An English item of an Arabic article's Markdown list starts on the left, but its bullet,
    drawn outside it, hung in the left margin, half off a phone's screen. It is drawn inside the
    item, where its first line starts; the items in the list's own language keep theirs outside."""
    from browser import evaluate
    from conftest import build_site, write_source

    site = build_site(write_source(tmp_path, NUMBERED), tmp_path / "out")
    script = """
        return [...document.querySelectorAll('.article-body ul > li')].map(item =>
            [item.dir || 'same', getComputedStyle(item).listStylePosition]);
    """
    seen = {}
    for slug in ("مطالب", "demands"):
        (tmp_path / slug).mkdir()
        seen[slug] = evaluate(site / "articles" / slug / "index.html", site, script, tmp_path / slug)
    assert seen == {
        "مطالب": [["ltr", "inside"], ["ltr", "inside"], ["same", "outside"]],
        "demands": [["rtl", "inside"], ["same", "outside"]],
    }


def test_the_label_of_the_way_back_from_a_note_is_heard_but_not_seen(tmp_path):
    """The arrow back to a note's mark is named by its text (axe: label-content-name-mismatch):
    the label beside the arrow is for screen readers only; a reader still sees the arrow alone."""
    from browser import evaluate
    from conftest import build_site, write_source

    site = build_site(write_source(tmp_path, {"notes.md": FOOTNOTES}), tmp_path / "out")
    script = """
        const back = document.querySelector('.footnote-backref');
        const [arrow, label] = back.children, box = label.getBoundingClientRect();
        return [arrow.textContent, arrow.getAttribute('aria-hidden'), label.textContent,
                box.width <= 1 && box.height <= 1, back.getBoundingClientRect().width < 30];
    """
    page = next(site.glob("articles/*/index.html"))
    assert evaluate(page, site, script, tmp_path) == [
        "\u21a9\ufe0e",
        "true",
        "العودة إلى موضع الحاشية 1 في النص",
        True,
        True,
    ]


FIGURES = """---
title: صورتان
date: 2024-05-06
image: lead.png
caption: صورة الغلاف
image_alt: الغلاف
---
نص قبل الصورة.

{{< figure src="inside.png" caption="مؤتمر صحفي في القاهرة" alt="مؤتمر" >}}

نص بعد الصورة.
"""


def test_a_figure_in_the_text_is_laid_out_as_the_lead_image_is(tmp_path):
    """Hugo's figure shortcode gave a figure the browser's 40 px indent on each side (a fifth of a
    phone's column, the picture shrunk to 278 px of 358) and a caption in the text's face and size,
    read as one more paragraph; the lead image above it spans the column with a small muted caption."""
    from browser import evaluate
    from conftest import build_site, write_source
    from test_media import png

    source = write_source(tmp_path, {"figures.md": FIGURES})
    (source / "lead.png").write_bytes(png(1600, 900))
    (source / "inside.png").write_bytes(png(1600, 900))
    site = build_site(source, tmp_path / "out")
    script = """
        const body = document.querySelector('.article-body').getBoundingClientRect();
        return [...document.querySelectorAll('.article-body figure')].map(figure => {
            const img = figure.querySelector('img').getBoundingClientRect();
            const caption = getComputedStyle(figure.querySelector('figcaption'));
            return [Math.round(body.width - img.width), caption.fontFamily, caption.fontSize, caption.color];
        });
    """
    shot = tmp_path / "shot"
    shot.mkdir()
    lead, inside = evaluate(site / "articles" / "صورتان" / "index.html", site, script, shot, width=390)
    assert lead[0] == 0 and inside == lead, (lead, inside)


PAGINATION_ROWS = """
    // The top of each shown page number, and of each step back or on (in the order of the list).
    const shown = [...document.querySelectorAll('.pagination li')].filter(li => li.getBoundingClientRect().width);
    const top = li => Math.round(li.getBoundingClientRect().top);
    const numbers = shown.filter(li => !li.querySelector('[rel]') && !li.classList.contains('gap'));
    const steps = shown.filter(li => li.querySelector('[rel]'));
    return [numbers.map(li => li.textContent.trim()), [...new Set(numbers.map(top))].length,
            steps.every(li => top(li) > Math.max(...numbers.map(n => n.getBoundingClientRect().bottom)))];
"""


def test_the_page_numbers_keep_one_row_and_the_steps_back_and_on_go_under_them(paged_site, tmp_path):
    """At 390 px the bar of page 5 of 9 wrapped after "4": «الصفحة السابقة 1 … 3 4» over
    «5 6 7 … 9 الصفحة التالية», the page shown at the start of the second row. On the 320 px of
    the smallest phones the last number went on alone to a row of its own, and on a desktop
    «الصفحة التالية» alone under «الصفحة السابقة»."""
    from browser import evaluate

    for page, numbers, width in (
        ("page/5/index.html", ["1", "4", "5", "6", "9"], 390),
        ("en/page/5/index.html", ["1", "4", "5", "6", "9"], 390),
        ("page/4/index.html", ["1", "2", "3", "4", "5", "9"], 390),
        ("index.html", ["1", "2", "9"], 390),
        ("en/page/5/index.html", ["1", "4", "5", "6", "9"], 320),
        ("page/4/index.html", ["1", "2", "3", "4", "5", "9"], 320),
        ("page/5/index.html", ["1", "3", "4", "5", "6", "7", "9"], 1280),
    ):
        shot = tmp_path / f"{width}-{page.replace('/', '-')}"
        shot.mkdir()
        seen = evaluate(paged_site / page, paged_site, PAGINATION_ROWS, shot, width=width)
        assert seen == [numbers, 1, True], (page, width)


ARTICLE_NAV = """
    // Where each line of the way to the next article starts, against where its box's text starts.
    const li = document.querySelector('.article-nav .newer'), box = li.getBoundingClientRect();
    const pad = parseFloat(getComputedStyle(li).paddingRight) + parseFloat(getComputedStyle(li).borderRightWidth);
    // One box per bidi run (digits among Arabic): a line's start is the right of its rightmost box.
    const lines = {};
    for (const r of li.querySelector('a').getClientRects()) {
        const top = Math.round(r.top);
        lines[top] = Math.max(lines[top] ?? -Infinity, r.right);
    }
    const rights = Object.values(lines);
    return [rights.length, rights.map(right => Math.round(box.right - pad - right))];
"""


def test_on_a_phone_the_way_to_the_next_article_is_aligned_as_arabic_text_is(tmp_path):
    """Beside the way back (a wide screen) the way on stands at the end of the row, its text at
    the end; on a phone the two boxes are stacked, and the next article's Arabic title, ranged to
    the left, had ragged starts under one another on the right, where Arabic lines start."""
    from browser import evaluate
    from conftest import build_site, write_source

    long_title = "عنوان طويل لمقال جديد يحتوي على أرقام 2024 ونسبة 15% وعلامات ترقيم كثيرة في آخره"
    files = {
        f"{n}.md": f"---\ntitle: {title}\ndate: 2024-05-0{n}\n---\nنص.\n"
        for n, title in ((1, "مقال قديم"), (2, "مقال في الوسط"), (3, long_title))
    }
    site = build_site(write_source(tmp_path, files), tmp_path / "out")
    page = site / "articles" / "مقال-في-الوسط" / "index.html"
    for width in (390, 900):
        shot = tmp_path / str(width)
        shot.mkdir()
        lines, starts = evaluate(page, site, ARTICLE_NAV, shot, width=width)
        if width == 390:
            assert lines >= 2 and set(starts) == {0}, starts
        else:
            assert starts[-1] > 0, starts  # on a wide screen unchanged: at the end of its box


def test_a_tap_beside_the_arrow_back_from_a_note_is_taken_as_the_arrows(tmp_path):
    """The arrow back from a note to its mark is one character, 13 px wide on a phone: a tap a
    few pixels beside it opened nothing (or the link before it in the note), and Lighthouse's
    target-size failed the page when a link stood before it. It needs a box 24 px wide."""
    from browser import evaluate
    from conftest import build_site, write_source

    site = build_site(write_source(tmp_path, {"notes.md": FOOTNOTES}), tmp_path / "out")
    page = next(site.glob("articles/*/index.html"))
    script = """
        const arrow = document.querySelector('.footnote-backref');
        const box = arrow.getBoundingClientRect();
        const x = (box.left + box.right) / 2, y = (box.top + box.bottom) / 2;
        const at = (dx, dy) => document.elementFromPoint(x + dx, y + dy)?.closest('.footnote-backref') === arrow;
        return [box.width >= 24, at(0, 0), at(-11, 0), at(11, 0), at(40, 0), at(-40, 0)];
    """
    (tmp_path / "shot").mkdir()
    assert evaluate(page, site, script, tmp_path / "shot", width=390) == [True, True, True, True, False, False]


PAGINATION_READING_ORDER = """
    // The shown links of the bar as a keyboard reaches them (the list's order), and as the eye reads
    // them: row after row, each row from its start (the right on an Arabic page).
    const rtl = getComputedStyle(document.querySelector('.pagination ul')).direction === 'rtl';
    const shown = [...document.querySelectorAll('.pagination li')].filter(
        li => li.getBoundingClientRect().width && !li.classList.contains('gap'));
    const at = li => {
        const box = li.getBoundingClientRect();
        return [Math.round((box.top + box.bottom) / 2), rtl ? -box.right : box.left];
    };
    const seen = [...shown].sort((a, b) => at(a)[0] - at(b)[0] || at(a)[1] - at(b)[1]);
    return [shown.map(li => li.textContent.trim()), seen.map(li => li.textContent.trim())];
"""


def test_the_keyboard_and_a_screen_reader_meet_the_pagination_in_the_order_it_is_seen(paged_site, tmp_path):
    """The steps back and on are shown under the page numbers; listed before them, «الصفحة
    السابقة» under the numbers was reached first, the Tab key jumping from it up to «1» and back
    down to «الصفحة التالية» (WCAG 2.4.3, focus order), and a screen reader read it first."""
    from browser import evaluate

    for page, width in (("page/5/index.html", 390), ("en/page/5/index.html", 320), ("page/2/index.html", 1280)):
        shot = tmp_path / f"{width}-{page.replace('/', '-')}"
        shot.mkdir()
        keyboard, eye = evaluate(paged_site / page, paged_site, PAGINATION_READING_ORDER, shot, width=width)
        assert keyboard == eye, (page, width)


@pytest.fixture(scope="module")
def long_paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """112 short articles, one per page: page numbers of three digits, as a 10,000-article archive
    has at 20 a page."""
    from conftest import build_site

    root = tmp_path_factory.mktemp("long-paged")
    source = root / "src"
    source.mkdir()
    for n in range(1, 113):
        (source / f"a{n}.md").write_text(f"---\ntitle: مقال {n}\ndate: 2024-01-01\n---\nنص {n}.\n", "utf-8")
    (root / "sitegen.toml").write_text("per_page = 1\n", "utf-8")
    return build_site(source, root / "out", "--config", str(root / "sitegen.toml"))


def test_page_numbers_of_three_digits_keep_one_row_on_the_smallest_phone(long_paged_site, tmp_path):
    """Near the end of a long listing five numbers follow the "…": «1 … 108 109 110 111 112»
    took 312 px of the 288 px column of a 320 px phone, and «112» went on alone to a second row."""
    from browser import evaluate

    for page, numbers in (
        ("page/109/index.html", ["1", "108", "109", "110", "111", "112"]),
        ("en/page/109/index.html", ["1", "108", "109", "110", "111", "112"]),
        ("page/56/index.html", ["1", "55", "56", "57", "112"]),
    ):
        shot = tmp_path / page.replace("/", "-")
        shot.mkdir()
        seen = evaluate(long_paged_site / page, long_paged_site, PAGINATION_ROWS, shot, width=320)
        assert seen == [numbers, 1, True], page


def test_a_linked_figure_has_its_caption_as_close_as_a_figure_without_a_link(tmp_path):
    """Hugo's figure shortcode with link= wraps the picture in a link: its paragraph kept its
    margin, and the caption stood 18 px under the picture on a phone, 6 px under one without a link."""
    from browser import evaluate
    from conftest import build_site, write_source
    from test_media import png

    text = (
        "---\ntitle: صورتان\ndate: 2024-05-06\n---\nنص.\n\n"
        '{{< figure src="a.png" caption="بلا رابط" alt="أ" >}}\n\n'
        '{{< figure src="a.png" link="https://example.com/" caption="برابط" alt="ب" >}}\n\nنص.\n'
    )
    source = write_source(tmp_path, {"figures.md": text})
    (source / "a.png").write_bytes(png(800, 450))
    site = build_site(source, tmp_path / "out")
    script = """
        return [...document.querySelectorAll('.article-body figure')].map(figure =>
            Math.round(figure.querySelector('figcaption').getBoundingClientRect().top
                       - figure.querySelector('img').getBoundingClientRect().bottom));
    """
    (tmp_path / "shot").mkdir()
    plain, linked = evaluate(site / "articles" / "صورتان" / "index.html", site, script, tmp_path / "shot", width=390)
    assert linked == plain, (plain, linked)


def test_a_telephone_number_in_an_arabic_paragraph_reads_left_to_right(tmp_path):
    """The bidirectional algorithm laid the groups of a number a space apart out right to left in
    an Arabic paragraph: "+20 2 1234 5678" showed as 5678 1234 2 +20. Its groups must stand left
    to right, in plain text and in Markdown, and in the excerpt on the home page's card."""
    from browser import evaluate
    from conftest import build_site, write_source

    text = "اتصالات القاهرة\n5 مارس 2024\n\nللاستفسار اتصل على +20 2 1234 5678 أو 0100 123 4567 يوميا.\n"
    markdown = "---\ntitle: أرقام الطوارئ\ndate: 2024-03-05\n---\n\nللاستفسار اتصل على **+20 2 1234 5678** يوميا.\n"
    site = build_site(write_source(tmp_path, {"a.txt": text, "b.md": markdown}), tmp_path / "out")
    script = """
        const p = document.querySelector('.article-body p, .card .excerpt');
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        const groups = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.data.matchAll(/[+0-9]+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                groups.push([range.getBoundingClientRect().left, m[0]]);
            }
        }
        return groups.sort((a, b) => a[0] - b[0]).map(g => g[1]).join(' ');
    """
    (tmp_path / "shot").mkdir()
    pages = sorted((site / "articles").glob("*/index.html"))
    shown = [evaluate(page, site, script, tmp_path / "shot", width=900) for page in pages]
    # left to right on the screen: the second number (read after the first, right to left) first
    assert sorted(shown) == sorted(["+20 2 1234 5678", "0100 123 4567 +20 2 1234 5678"]), shown
    card = evaluate(site / "index.html", site, script.replace("'.article-body p, ", "'"), tmp_path / "shot", width=900)
    assert card in ("+20 2 1234 5678", "0100 123 4567 +20 2 1234 5678"), card


def test_a_telephone_number_in_an_arabic_paragraph_is_laid_out_as_typed(tmp_path):
    """Its groups were laid out right to left ('٤٥٦٧ ١٢٣ ٠١٠٠'): in Arabic-Indic digits even in a
    <span dir="ltr">, whose spaces the digits around them still made right to left."""
    from browser import evaluate
    from conftest import build_site

    source = tmp_path / "src"
    source.mkdir()
    body = "للاستفسار اتصلوا على ٠١٠٠ ١٢٣ ٤٥٦٧ أو على +20 2 1234 5678 أو 0100 123 4567 طوال اليوم."
    (source / "a.txt").write_text(f"19 أبريل 2024\nأرقام الهواتف\n\n{body}\n", "utf-8")
    site = build_site(source, tmp_path / "out")
    page = next((site / "articles").glob("*/index.html"))
    script = """
        return [...document.querySelectorAll('.article-body p bdo')].map(box => {
            const text = box.firstChild, xs = [];
            let at = 0;
            for (const group of text.data.split(' ')) {
                const range = document.createRange();
                range.setStart(text, at);
                range.setEnd(text, at + group.length);
                xs.push(range.getBoundingClientRect().x);
                at += group.length + 1;
            }
            return [text.data, xs];
        });
    """
    (tmp_path / "shot").mkdir()
    seen = evaluate(page, site, script, tmp_path / "shot", width=900)
    assert [number for number, _ in seen] == ["٠١٠٠ ١٢٣ ٤٥٦٧", "+20 2 1234 5678", "0100 123 4567"]
    for number, xs in seen:
        assert xs == sorted(xs), (number, xs)  # the first group leftmost, as typed
