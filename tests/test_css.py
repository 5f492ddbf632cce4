"""One stylesheet serves both directions: no physical left/right outside a commented exception."""

from __future__ import annotations

import re

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
