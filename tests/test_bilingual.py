"""Both interfaces, translations, direction and dates, on the built mixed fixture archive."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
import sitecheck
from conftest import FIXTURES, REPO, build_site, must_match, write_source

from sitegen.cli import main

BASE = "/archive/"


def html_of(site: Path, rel: str) -> str:
    return (site / rel).read_text("utf-8")


def target(site: Path, href: str) -> Path:
    """The file a site link (under BASE) points to."""
    path = unquote(urlsplit(href).path)
    assert path.startswith(BASE), href
    rel = path[len(BASE) :]
    return site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def rows(capsys) -> dict[str, dict]:
    assert main(["inspect", "--json", "--source", str(FIXTURES / "archive")]) == 0
    return {r["source"]: r for r in json.loads(capsys.readouterr().out)}


@pytest.mark.parametrize("section", ["", "archive/", "tags/", "tags/russia/", "archive/2024/"])
def test_listing_pages_exist_in_both_interfaces_with_right_direction(mixed_site, section):
    ar = html_of(mixed_site, section + "index.html")
    en = html_of(mixed_site, "en/" + section + "index.html")
    assert '<html lang="ar" dir="rtl">' in ar
    assert '<html lang="en" dir="ltr">' in en


def test_both_home_pages_list_every_published_article(mixed_site, capsys):
    published = [r for r in rows(capsys).values() if r["url"]]
    for home in ("index.html", "en/index.html"):
        text = html_of(mixed_site, home)
        for row in published:
            assert row["url"].split("/")[1] in unquote(text), (home, row["source"])


def test_switcher_of_every_page_lands_on_an_existing_page(mixed_site):
    pattern = re.compile(r'<a class="lang-switch" href="([^"]+)" hreflang="(\w+)"')
    pages = sitecheck.content_pages(mixed_site)  # a redirect only sends the reader on
    checked = 0
    for page in pages:
        for href, lang in pattern.findall(page.read_text("utf-8")):
            dest = target(mixed_site, href)
            assert dest.is_file(), (page, href)
            assert f'<html lang="{lang}"' in dest.read_text("utf-8")
            checked += 1
    assert checked >= len(pages) - 2  # every page but none skipped silently (404s included)


def test_translated_pair_links_both_ways_with_reciprocal_hreflang(mixed_site, capsys):
    r = rows(capsys)
    ar, en = r["pairs/summit.ar.txt"], r["pairs/summit.en.txt"]
    ar_html, en_html = html_of(mixed_site, ar["path"]), html_of(mixed_site, en["path"])
    for html in (ar_html, en_html):
        links = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))
        assert unquote(links["ar"]).endswith(ar["url"])
        assert unquote(links["en"]).endswith(en["url"])
        assert links["x-default"] == links["ar"]
    switch_ar = must_match(r'class="lang-switch" href="([^"]+)"', ar_html).group(1)
    switch_en = must_match(r'class="lang-switch" href="([^"]+)"', en_html).group(1)
    assert unquote(switch_ar) == BASE + en["url"]
    assert unquote(switch_en) == BASE + ar["url"]


def test_metadata_translation_key_pairs_markdown_articles(mixed_site, capsys):
    r = rows(capsys)
    ar_html = html_of(mixed_site, r["meta-translation-ar.md"]["path"])
    assert 'hreflang="en"' in ar_html and "Municipal elections in Tunisia" in ar_html


def test_article_without_translation_switches_to_the_other_home(mixed_site, capsys):
    r = rows(capsys)
    html = html_of(mixed_site, r["2023/levantine.txt"]["path"])
    assert re.search(rf'class="lang-switch" href="{BASE}en/"', html)
    assert 'hreflang="x-default"' not in html


def test_arabic_dates_with_hijri_and_english_dates(mixed_site, capsys):
    r = rows(capsys)
    ar = html_of(mixed_site, r["pairs/summit.ar.txt"]["path"])
    en = html_of(mixed_site, r["pairs/summit.en.txt"]["path"])
    assert '<time datetime="2024-06-10">الاثنين 10 يونيو 2024</time>' in ar
    assert "ذو الحجة 1445" in ar  # 10 June 2024 = 4 Dhu al-Hijjah 1445 (Umm al-Qura)
    assert '<time datetime="2024-06-10">Monday, 10 June 2024</time>' in en
    assert "هـ" not in en


def test_update_lines_and_keys_are_shown_as_update_dates_under_the_date_not_as_bylines(mixed_site, capsys):
    r = rows(capsys)
    assert (r["2023/levantine.txt"]["updated"], r["2023/levantine.txt"]["byline"]) == ("2023-10-13", "بيروت - وكالات")
    assert r["english-front-matter.md"]["updated"] == "2023-06-08"
    ar = html_of(mixed_site, r["2023/levantine.txt"]["path"])
    en = html_of(mixed_site, r["english-front-matter.md"]["path"])
    assert '<span class="updated">آخر تحديث: <time datetime="2023-10-13">الجمعة 13 أكتوبر 2023</time></span>' in ar
    assert '<span class="updated">Updated: <time datetime="2023-06-08">Thursday, 8 June 2023</time></span>' in en
    # its date's time of day and zone (date: 2023-06-06 14:30:00 +03:00); the update has none
    assert '<time datetime="2023-06-06T14:30:00+03:00">Tuesday, 6 June 2023 at 14:30</time>' in en
    assert "١٠:٣٠" not in ar and 'class="updated"' not in html_of(mixed_site, r["pairs/summit.ar.txt"]["path"])


def test_titles_of_the_other_direction_are_isolated_in_lists(mixed_site):
    home = html_of(mixed_site, "index.html")
    card = r'<article class="card" dir="{}">\s*<h2 class="card-title" lang="{}"><a [^>]+>{}'
    assert re.search(card.format("ltr", "en", "Energy summit ends in Riyadh</a>"), home)
    en_home = html_of(mixed_site, "en/index.html")
    assert re.search(card.format("rtl", "ar", "قمة الطاقة"), en_home)


def test_urls_in_arabic_text_stay_left_to_right(mixed_site, capsys):
    html = html_of(mixed_site, rows(capsys)["pairs/summit.ar.txt"]["path"])
    assert '<a href="https://example.org/energy-plan" dir="ltr" rel="noopener noreferrer">' in html


def test_hijri_archive_lists_articles_by_hijri_month(mixed_site):
    index = html_of(mixed_site, "archive/hijri/index.html")
    assert "1445" in index and "شوال" in index
    year = html_of(mixed_site, "archive/hijri/1445/index.html")
    assert "علاقات روسية ـ باكستانية متنامية" in year


def test_tag_pages_use_bilingual_labels_with_the_same_slug(mixed_site):
    assert "روسيا" in html_of(mixed_site, "tags/russia/index.html")
    assert "Russia" in html_of(mixed_site, "en/tags/russia/index.html")


def build_with(tmp_path: Path, toml: str) -> Path:
    site = tmp_path / "site"
    site.mkdir(parents=True)
    (site / "sitegen.toml").write_text(toml, "utf-8")
    return build_site(REPO / "seeds", tmp_path / "out", "--config", str(site / "sitegen.toml"))


def seed_page(out: Path) -> str:
    return next(p for p in (out / "articles").rglob("index.html") if "متنامية" in str(p)).read_text("utf-8")


@pytest.mark.parametrize(("system", "month"), [("egyptian", "أبريل"), ("levantine", "نيسان"), ("maghrebi", "أفريل")])
def test_month_system_applies_to_arabic_pages(tmp_path, system, month):
    assert f"الجمعة 19 {month} 2024" in seed_page(build_with(tmp_path, f'month_system = "{system}"\n'))


def test_arabic_indic_digit_policy_applies_everywhere_on_arabic_pages(tmp_path):
    out = build_with(tmp_path, 'digits = "arabic"\nper_page = 1\n')
    page = seed_page(out)
    assert "الجمعة ١٩ أبريل ٢٠٢٤" in page and "١٠ شوال ١٤٤٥" in page
    assert re.search(r"مدة القراءة: ([٠-٩]+ دقائق|دقيقتان)", page)
    home = html_of(out, "index.html")
    assert re.search(r'<span aria-current="page">١</span>', home)
    assert "صفحة ٢ من ٢" in html_of(out, "page/2/index.html")
    # The same numbers on English pages of the same build keep 0-9 (numbers are formatted once
    # per interface: a memo that mixed them up would show ٢ here).
    assert "Page 2 of 2" in html_of(out, "en/page/2/index.html")
    assert '<span aria-current="page">2</span>' in html_of(out, "en/page/2/index.html")
    visible = re.sub(r"<[^>]+>", " ", html_of(out, "archive/index.html").split("<main")[1])
    assert "٢٠٢٤" in visible and not re.search(r"[0-9]", visible)
    assert "April 2024" in html_of(out, "en/archive/2024/index.html")  # English pages keep 0-9


def test_hijri_can_be_switched_off_and_offset(tmp_path):
    assert "شوال" not in seed_page(build_with(tmp_path / "a", "hijri = false\n"))
    assert "11 شوال 1445" in seed_page(build_with(tmp_path / "b", "hijri_offset = 1\n"))


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "zero"),
        (1, "one"),
        (2, "two"),
        (3, "few"),
        (10, "few"),
        (11, "many"),
        (99, "many"),
        (100, "other"),
        (103, "few"),
        (111, "many"),
        (1000, "other"),
    ],
)
def test_arabic_plural_categories_follow_cldr(n, expected):
    from sitegen.views import plural_category

    assert plural_category(n, "ar") == expected


def test_counts_read_naturally_in_arabic_and_english(mixed_site):
    tags = html_of(mixed_site, "tags/index.html")
    assert "مقال واحد" in tags and "مقالان" in tags
    assert "1 article<" in html_of(mixed_site, "en/tags/index.html")


def test_tags_with_as_many_articles_are_listed_alphabetically(tmp_path):
    """Ties on the tag index were ordered by code point: capitals before small letters
    ("UNESCO" before "cryptocurrency"), and each hamza form of alef apart (أ, then إ, then ا)."""
    english = ["cryptocurrency", "Vienna", "budget", "Amman"]
    arabic = ["إندونيسيا", "أوروبا", "آسيان", "اليابان"]
    files = {
        f"{n}.md": f"---\ntitle: {title}\ndate: 2024-03-0{n + 1}\ntags: [{tag}]\n---\nText.\n"
        for n, (title, tag) in enumerate([("One", english[0]), ("Two", english[1]), ("Three", english[2])])
    }
    files["3.md"] = f"---\ntitle: Four\ndate: 2024-03-04\ntags: [{english[3]}, {', '.join(arabic)}]\n---\nText.\n"
    out = build_site(write_source(tmp_path, files), tmp_path / "out")

    def listed(page: str, names: list[str]) -> list[str]:
        found = re.findall(r"<bdi[^>]*>([^<]+)</bdi>", html_of(out, page))
        return [name for name in found if name in names]

    assert listed("en/tags/index.html", english) == ["Amman", "budget", "cryptocurrency", "Vienna"]
    assert listed("tags/index.html", arabic) == ["آسيان", "اليابان", "إندونيسيا", "أوروبا"]


def test_newer_and_older_links_stay_in_the_articles_language(mixed_site, capsys):
    # The home page lists every article in listing order (newest first, undated last).
    cards = re.findall(r'<h2 class="card-title" lang="(\w+)"><a href="([^"]+)">', html_of(mixed_site, "index.html"))
    assert len({lang for lang, _ in cards}) == 2
    for lang in ("ar", "en"):
        chain = [href for card_lang, href in cards if card_lang == lang]
        for n, href in enumerate(chain):
            page = target(mixed_site, href).read_text("utf-8")
            nav = dict(
                re.findall(r'<li class="(older|newer)"><span class="label">[^<]*</span> <a href="([^"]+)"', page)
            )
            assert nav.get("newer") == (chain[n - 1] if n > 0 else None), href
            assert nav.get("older") == (chain[n + 1] if n + 1 < len(chain) else None), href
    r = rows(capsys)
    english = html_of(mixed_site, r["pairs/summit.en.txt"]["path"]).split('class="article-nav"')[1]
    assert "قمة الطاقة" not in english  # never the article's own translation
    assert 'lang="ar"' not in english


def test_later_home_pages_name_the_site_once_in_their_title(tmp_path):
    out = build_with(tmp_path, "per_page = 1\n")

    def title(rel: str) -> str:
        found = re.search(r"<title>([^<]+)</title>", html_of(out, rel))
        assert found is not None
        return found.group(1)

    assert title("index.html") == "أرشيف الأخبار"
    assert title("page/2/index.html") == "صفحة 2 من 2 | أرشيف الأخبار"
    assert title("en/page/2/index.html") == "Page 2 of 2 | News Archive"
    assert title("tags/russia/page/2/index.html") == "الوسم: روسيا – صفحة 2 من 2 | أرشيف الأخبار"  # as before


def test_year_pages_lead_back_to_their_own_archive_index(mixed_site):
    def breadcrumb(rel: str) -> tuple[str, str]:
        found = re.search(r'<p class="breadcrumb"><a href="([^"]+)">([^<]+)</a>', html_of(mixed_site, rel))
        assert found is not None
        return found[1], found[2]

    assert breadcrumb("archive/hijri/1445/index.html") == (f"{BASE}archive/hijri/", "الأرشيف الهجري")
    assert target(mixed_site, f"{BASE}archive/hijri/").is_file()
    assert breadcrumb("archive/2024/index.html") == (f"{BASE}archive/", "الأرشيف")
    assert breadcrumb("en/archive/2024/index.html") == (f"{BASE}en/archive/", "Archive")


@pytest.mark.parametrize(
    "rel", ["archive/index.html", "en/archive/index.html", "archive/2024/index.html", "en/archive/2024/index.html"]
)
def test_the_article_count_of_an_archive_heading_stands_apart_from_its_year(mixed_site, rel):
    """A heading read "2024 26 مقالًا" or "December 2023 2 articles": the year and the count ran
    together as one string of numbers. The count stands in parentheses, as in the month lists."""
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html_of(mixed_site, rel))
    counts = [re.search(r'<span class="count">([^<]*)</span>$', h) for h in headings]
    assert headings and all(counts), headings
    assert [c.group(1) for c in counts if c is not None and not re.fullmatch(r"\(\D*\d*\D+\)", c.group(1))] == []


@pytest.mark.parametrize(
    "rel", ["archive/2024/index.html", "en/archive/2024/index.html", "archive/hijri/1445/index.html"]
)
def test_a_year_page_opens_with_a_list_of_its_months_that_leads_to_each(mixed_site, rel):
    html = html_of(mixed_site, rel)
    nav = re.search(r'<nav id="months" aria-label="[^"]+">\s*<ul class="archive-months">(.*?)</ul>', html, re.S)
    assert nav, "no month list"
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a> <span class="count">\((\S+)\)</span>', nav.group(1))
    sections = re.findall(r'<h2 id="([^"]+)">', html)
    assert [anchor for anchor, _, _ in links] == sections and len(sections) > 1
    cards = [part.count('class="card"') for part in html.split('<section class="archive-month"')[1:]]
    for (anchor, name, count), n in zip(links, cards, strict=True):  # the name without the year; the count
        heading = must_match(rf'<h2 id="{anchor}">([^<]+)<', html).group(1)
        assert heading.startswith(name) and "2024" not in name and "1445" not in name
        assert count == str(n)


@pytest.mark.parametrize(
    ("rel", "label"),
    [
        ("archive/2024/index.html", "العودة إلى قائمة الأشهر"),
        ("en/archive/2024/index.html", "Back to the list of months"),
        ("archive/hijri/1445/index.html", "العودة إلى قائمة الأشهر"),
    ],
)
def test_each_month_of_a_year_page_ends_with_a_link_back_to_the_month_list(mixed_site, rel, label):
    """A big year is thousands of cards long: after a month, the next month should be a tap away, not a long scroll."""
    html = html_of(mixed_site, rel)
    sections = html.split('<section class="archive-month"')[1:]
    assert len(sections) > 1 and '<nav id="months" ' in html and html.count('id="months"') == 1
    for section in sections:
        body = section.split("</section>")[0]
        assert f'<p class="archive-back"><a href="#months">{label}</a></p>' in body
        assert body.index('class="archive-back"') > body.rindex('class="card"')


def test_a_year_page_of_one_month_has_no_month_list_to_go_back_to(tmp_path):
    source = write_source(tmp_path, {"a.md": "Title: خبر\nDate: 2024-04-19\n\nنص الخبر.\n"})
    html = html_of(build_site(source, tmp_path / "o"), "archive/2024/index.html")
    assert 'class="archive-month"' in html and 'id="months"' not in html and "#months" not in html


def test_a_tag_named_only_in_arabic_is_marked_arabic_on_english_pages(tmp_path):
    """It gets the Arabic font and line height; an English tag on the same page is left alone."""
    text = "Title: Dates in the desert\nDate: 2024-04-19\nTags: نخيل, Desert life\nLang: en\n\nA long English body.\n"
    source = write_source(tmp_path, {"a.md": text})
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "o"), "-q"]) == 0
    article = (tmp_path / "o" / "articles" / "dates-in-the-desert" / "index.html").read_text("utf-8")
    index = (tmp_path / "o" / "en" / "tags" / "index.html").read_text("utf-8")
    for page in (article, index):
        assert '<bdi lang="ar">نخيل</bdi>' in page and "<bdi>Desert life</bdi>" in page


def test_a_tag_page_heading_marks_a_name_in_the_other_language(tmp_path):
    """The tag index and article tag lists marked an Arabic-only tag lang=ar on English pages,
    but its own page's heading did not: a screen reader read the Arabic name with an English
    voice. The name is isolated (bdi) in every heading and stays escaped."""
    text = "Title: Dates in the desert\nDate: 2024-04-19\nTags: نخيل, R&D\nLang: en\n\nA long English body.\n"
    out = build_site(write_source(tmp_path, {"a.md": text}), tmp_path / "o")

    def heading(rel: str) -> str:
        found = re.search(r"<h1>(.*?)</h1>", html_of(out, rel))
        assert found is not None
        return found.group(1)

    slug = next(p.name for p in (out / "tags").iterdir() if p.name.startswith("r"))
    assert heading("en/tags/نخيل/index.html") == 'Articles tagged “<bdi lang="ar">نخيل</bdi>”'
    assert heading("tags/نخيل/index.html") == "مقالات الوسم «<bdi>نخيل</bdi>»"
    assert heading(f"tags/{slug}/index.html") == 'مقالات الوسم «<bdi lang="en">R&amp;D</bdi>»'
    assert heading(f"en/tags/{slug}/index.html") == "Articles tagged “<bdi>R&amp;D</bdi>”"


@pytest.mark.parametrize(
    ("rel", "label"), [("archive/index.html", "مقالات بلا تاريخ"), ("en/archive/index.html", "Undated articles")]
)
def test_archive_index_leads_at_the_top_to_the_undated_articles_on_pages_of_their_own(mixed_site, rel, label):
    """An archive may hold thousands of undated articles: they have their own (paginated) pages,
    and the index says, above the years, how many there are and where."""
    html = html_of(mixed_site, rel)
    jump = re.search(
        r'<p class="archive-jump"><a href="([^"]+)">([^<]+)</a> <span class="count">\((\S+)\)</span></p>', html
    )
    assert jump, "no link to the undated articles"
    assert jump.start() < html.index('<ul class="archive-years">')
    href, text, count = jump.groups()
    prefix = "en/" if rel.startswith("en/") else ""
    assert href == f"/archive/{prefix}archive/undated/" and text == label  # the site is served under /archive/
    undated = html_of(mixed_site, f"{prefix}archive/undated/index.html")
    assert count == str(undated.count('class="card"')) and undated.count('class="card"') >= 1
    assert 'class="card"' not in html  # the index itself lists years, months and that link
    assert f'<p class="breadcrumb"><a href="/archive/{prefix}archive/">' in undated  # and the way back


def test_archive_jump_to_undated_counts_in_the_interface_digits_and_only_when_there_are_some(tmp_path):
    out = build_with(tmp_path, 'digits = "arabic"\n')
    assert '<a href="/archive/undated/">مقالات بلا تاريخ</a> <span class="count">(١)</span>' in html_of(
        out, "archive/index.html"
    )
    dated = write_source(tmp_path, {"a.md": "Title: خبر مؤرخ\nDate: 2024-04-19\n\nنص الخبر.\n"})
    site = build_site(dated, tmp_path / "o2")
    assert (site / "archive/2024/index.html").is_file() and "undated" not in html_of(site, "archive/index.html")
    assert not (site / "archive/undated").exists()


def _hijri_jump(out: Path) -> tuple[str, str] | None:
    """(href, count) of the Hijri index's link to the articles it cannot list, or None."""
    page = html_of(out, "archive/hijri/index.html")
    jump = r'<p class="archive-jump"><a href="([^"]*)">[^<]*</a> <span class="count">\(([^)]*)\)</span>'
    found = re.search(jump, page)
    return (found[1], found[2]) if found else None


def test_the_hijri_archive_leads_to_the_articles_it_cannot_list(tmp_path):
    """Undated articles, and dated ones outside the Umm al-Qura tables, are only in the Gregorian
    archive; a reader of the Hijri one is told how many and where."""
    out = build_site(REPO / "seeds", tmp_path / "out")  # one dated seed, one undated
    assert _hijri_jump(out) == ("/archive/undated/", "1")
    assert "مقالات بلا تاريخ هجري" in html_of(out, "archive/hijri/index.html")
    src = tmp_path / "src"
    shutil.copytree(REPO / "seeds", src)
    (src / "old.md").write_text("---\ntitle: An old report\ndate: 1900-01-01\n---\n\nText.\n", "utf-8")
    old = build_site(src, tmp_path / "old")
    assert _hijri_jump(old) == ("/archive/", "2")  # the 1900 one is under its Gregorian year
    (src / "001_cc7b3c5100db086b.txt").unlink()
    (src / "old.md").unlink()
    assert _hijri_jump(build_site(src, tmp_path / "dated")) is None


BUSY_YEAR = {
    **{f"jun{d}.md": f"Title: خبر يونيو {d}\nDate: 2024-06-{d}\n\nنص.\n" for d in (20, 15, 10)},
    **{f"apr{d}.md": f"Title: خبر أبريل {d}\nDate: 2024-04-{d}\n\nنص.\n" for d in (20, 12)},
    "mar.md": "Title: خبر مارس\nDate: 2024-03-05\n\nنص.\n",
    **{f"undated{n}.md": f"Title: خبر بلا تاريخ {n}\n\nنص.\n" for n in range(3)},
}


def test_a_busy_archive_year_is_cut_into_pages_and_every_month_link_leads_to_where_it_begins(tmp_path, vnu):
    """A year of thousands of articles on one page took Lighthouse 5.8 s to paint (a 0.9 MB page):
    archive_per_page articles a page, a month running on to the next page under '(continued)'."""
    (tmp_path / "sitegen.toml").write_text("archive_per_page = 2\nper_page = 2\n", "utf-8")
    out = build_site(write_source(tmp_path, BUSY_YEAR), tmp_path / "out", "--config", str(tmp_path / "sitegen.toml"))
    year = "/archive/2024/"
    pages = [html_of(out, rel) for rel in ("archive/2024/index.html", "archive/2024/page/2/index.html")]
    pages.append(html_of(out, "archive/2024/page/3/index.html"))
    assert not (out / "archive/2024/page/4").exists()

    def titles(html: str) -> list[str]:
        return re.findall(r'class="card-title" lang="ar"><a href="[^"]+">([^<]+)</a>', html)

    def headings(html: str) -> list[tuple[str, str]]:
        return re.findall(r'<h2(?: id="([^"]+)")?>([^<]+?) <span class="count">', html)

    assert [titles(p) for p in pages] == [
        ["خبر يونيو 20", "خبر يونيو 15"],
        ["خبر يونيو 10", "خبر أبريل 20"],
        ["خبر أبريل 12", "خبر مارس"],
    ]
    assert [headings(p) for p in pages] == [
        [("m06", "يونيو 2024")],
        [("", "يونيو 2024 (تتمة)"), ("m04", "أبريل 2024")],
        [("", "أبريل 2024 (تتمة)"), ("m03", "مارس 2024")],
    ]
    assert "<title>أرشيف 2024 – صفحة 2 من 3 | " in pages[1] and 'rel="next"' in pages[1]
    starts = {"يونيو": f"{year}#m06", "أبريل": f"{year}page/2/#m04", "مارس": f"{year}page/3/#m03"}
    # The months list on each page: a jump within the page, or a link to the page the month begins on.
    nav = r'<li><a href="([^"]+)">([^<]+)</a> <span class="count">\((\d+)\)</span></li>'
    for n, page in enumerate(pages, start=1):
        months = must_match(r'<nav id="months".*?</nav>', page, re.S).group(0)
        here = f"{year}page/{n}/" if n > 1 else year
        jump = {m: link[len(here) :] if link.startswith(here + "#") else link for m, link in starts.items()}
        expected = [(jump[m], m, c) for m, c in (("يونيو", "3"), ("أبريل", "2"), ("مارس", "1"))]
        assert re.findall(nav, months) == expected
    index = html_of(out, "archive/index.html")
    assert [m for m in re.findall(r'<li><a href="([^"]+)">', index) if "#" in m] == list(starts.values())
    # Undated articles: pages of their own, per_page each.
    assert '<a href="/archive/undated/">مقالات بلا تاريخ</a> <span class="count">(3)</span>' in index
    assert len(titles(html_of(out, "archive/undated/index.html"))) == 2
    assert len(titles(html_of(out, "archive/undated/page/2/index.html"))) == 1
    # The Hijri archive is cut the same way, and English pages match the Arabic ones.
    assert (out / "archive/hijri/1445/page/3/index.html").is_file()
    assert titles(html_of(out, "en/archive/2024/page/3/index.html")) == titles(pages[2])
    assert sitecheck.vnu_errors(out) == []


def test_the_sitemap_gives_each_page_of_an_archive_year_its_newest_date(tmp_path):
    (tmp_path / "sitegen.toml").write_text("archive_per_page = 2\n", "utf-8")
    source = write_source(tmp_path, BUSY_YEAR)
    url = "https://example.github.io/archive/"
    out = build_site(source, tmp_path / "out", "--config", str(tmp_path / "sitegen.toml"), "--base-url", url)
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    lastmod = dict(re.findall(r"<loc>([^<]+)</loc>\n    <lastmod>([^<]+)</lastmod>", sitemap))
    for prefix in ("", "en/"):
        assert lastmod[f"{url}{prefix}archive/2024/"] == "2024-06-20"
        assert lastmod[f"{url}{prefix}archive/2024/page/2/"] == "2024-06-10"  # 10 June, 20 April
        assert lastmod[f"{url}{prefix}archive/2024/page/3/"] == "2024-04-12"
    assert f"{url}archive/undated/" in sitemap and f"{url}archive/undated/" not in lastmod
    assert lastmod[f"{url}archive/hijri/1445/"] == "2024-06-20"


def test_pelican_translations_sharing_a_slug_are_linked_and_named_by_language(tmp_path, capsys):
    """Pelican pairs the versions of an article by their slug and marks one `Translation: true`.
    sitegen read "true" as a translation key: no version was linked to the other, and the
    second got a hash for a URL (summit-opens-b2c139)."""
    source = write_source(
        tmp_path,
        {
            "summit.md": "Title: Summit opens\nDate: 2024-04-19\nSlug: summit-opens\nLang: en\n\nThe summit opened.\n",
            "summit-ar.md": (
                "Title: افتتاح القمة\nDate: 2024-04-19\nSlug: summit-opens\nLang: ar\nTranslation: true\n\n"
                "افتتحت القمة اليوم.\n"
            ),
            "deal.md": "Title: Energy deal\nDate: 2024-04-20\nSlug: deal\nLang: en\nTranslation: false\n\nA deal.\n",
        },
    )
    out = tmp_path / "out"
    capsys.readouterr()
    assert main(["build", "--source", str(source), "--output", str(out), "--base-url", "https://example.org/"]) == 0
    err = capsys.readouterr().err
    assert "is another article's" not in err  # sharing a slug is how Pelican pairs them
    # The original keeps the URL; the translation (Translation: true) gets its language, as in Pelican.
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["deal", "summit-opens", "summit-opens-ar"]
    arabic = (out / "articles" / "summit-opens-ar" / "index.html").read_text("utf-8")
    english = (out / "articles" / "summit-opens" / "index.html").read_text("utf-8")
    assert '<link rel="alternate" hreflang="en" href="https://example.org/articles/summit-opens/">' in arabic
    assert '<link rel="alternate" hreflang="ar" href="https://example.org/articles/summit-opens-ar/">' in english
    assert '<link rel="alternate" hreflang="ar"' not in (out / "articles" / "deal" / "index.html").read_text("utf-8")


def warnings_of(tmp_path: Path, capsys, files: dict[str, str]) -> str:
    """What a build of these files says on stderr (it must succeed), into tmp_path/out."""
    source = write_source(tmp_path, files)
    capsys.readouterr()
    assert main(["build", "--source", str(source), "--output", str(tmp_path / "out")]) == 0
    return capsys.readouterr().err


def test_two_versions_in_one_language_of_one_translation_are_said_not_dropped_silently(tmp_path, capsys):
    err = warnings_of(
        tmp_path,
        capsys,
        {
            "a.md": "Title: Summit opens\nDate: 2024-04-19\nTranslation: summit\n\nThe summit opened.\n",
            "b.md": "Title: Summit opens today\nDate: 2024-04-18\nTranslation: summit\n\nIt opened today.\n",
            "c.md": "Title: افتتاح القمة\nDate: 2024-04-19\nTranslation: summit\n\nافتتحت القمة اليوم.\n",
        },
    )
    assert "b.md: has the translation key 'summit' of a.md, in the same language (en)" in err
    assert "a.md: has" not in err and "c.md: has" not in err
    # both English versions are published; only the first is linked to the Arabic one
    assert len(list((tmp_path / "out" / "articles").iterdir())) == 3


def test_an_explicit_slug_that_another_article_holds_is_said_with_the_address_it_gets(tmp_path, capsys):
    err = warnings_of(
        tmp_path,
        capsys,
        {
            "a.md": "---\ntitle: Linker article\ndate: 2024-04-18\n---\n\nFirst.\n",
            "b.md": "---\ntitle: Another\nslug: linker-article\ndate: 2024-04-19\n---\n\nSecond.\n",
            "c.md": "---\ntitle: Linker article\ndate: 2024-04-20\n---\n\nA repeated title, said by no warning.\n",
        },
    )
    (said,) = [line for line in err.splitlines() if "is another article's" in line]
    published = sorted(p.name for p in (tmp_path / "out" / "articles").iterdir())
    assert said.startswith("WARNING: b.md: slug 'linker-article' is another article's; this one is published as")
    assert said.split("published as '")[1].split("'")[0] in published


FOOTNOTED = {
    "ar.md": "Title: قمة بحواشٍ\nDate: 2024-05-12\nLang: ar\n\nبلغ النمو 3.5%[^1] ثم 4%[^1] وفق التقرير[^src].\n\n"
    "[^1]: بحسب صندوق النقد الدولي.\n[^src]: تقرير أبريل.\n",
    "en.md": "Title: A footnoted summit\nDate: 2024-05-12\nLang: en\n\nGrowth reached 3.5%[^1].\n\n[^1]: IMF data.\n",
}


def test_footnote_links_are_named_in_the_articles_language_and_the_arrow_is_no_emoji(tmp_path, vnu):
    """A footnote's mark is a bare number and its way back an arrow: a screen reader said "link 1"
    and "link, leftwards arrow with hook" (or nothing), in any language. Each now has a name in
    the article's language that holds the number it shows; the arrow carries U+FE0E, without
    which iOS drew it as a blue emoji key."""
    site = build_site(write_source(tmp_path, FOOTNOTED), tmp_path / "out")
    ar = html_of(site, "articles/قمة-بحواش/index.html")
    en = html_of(site, "articles/a-footnoted-summit/index.html")
    assert re.findall(r'class="footnote-ref" href="#fn:[^"]*" aria-label="([^"]*)">(\d)<', ar) == [
        ("الحاشية 1", "1"),
        ("الحاشية 1", "1"),
        ("الحاشية 2", "2"),
    ]
    # The way back is named by its text: the arrow (hidden from screen readers), then the label
    # (hidden from the eye), so that its name holds what it shows (axe: label-content-name-mismatch).
    back = r'class="footnote-backref" href="#(fnref\d*:[^"]*)"><span aria-hidden="true">([^<]*)</span>'
    backs = re.findall(back + r'<span class="visually-hidden">([^<]*)</span></a>', ar)
    assert backs == [
        ("fnref:1", "\u21a9\ufe0e", "العودة إلى موضع الحاشية 1 في النص"),
        ("fnref2:1", "\u21a9\ufe0e", "العودة إلى موضع الحاشية 1 في النص"),
        ("fnref:src", "\u21a9\ufe0e", "العودة إلى موضع الحاشية 2 في النص"),
    ]
    assert 'aria-label="Footnote 1">1<' in en
    arrow = '<span aria-hidden="true">\u21a9\ufe0e</span>'
    assert f'{arrow}<span class="visually-hidden">Back to footnote 1 in the text</span>' in en
    assert sitecheck.vnu_errors(site) == []


def test_a_tag_page_offers_its_own_feed_to_feed_readers_before_the_sites(tmp_path):
    """A reader who subscribes from a tag page (a browser's or feed reader's "subscribe to this
    page") was offered only the whole site's feed: the tag's own was a link at the foot of the page."""
    (tmp_path / "sitegen.toml").write_text(f'base_url = "https://example.github.io{BASE}"\nper_page = 1\n', "utf-8")
    articles = {f"{n}.md": f"Title: خبر {n}\nDate: 2024-05-1{n}\nTags: روسيا\n\nنص الخبر.\n" for n in (1, 2)}
    site = build_site(write_source(tmp_path, articles), tmp_path / "out", "--config", str(tmp_path / "sitegen.toml"))
    feeds = re.compile(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)" title="([^"]+)">')
    for prefix, title in (("", "أرشيف الأخبار – الوسم «روسيا»"), ("en/", "News Archive – tag “Russia”")):
        for page in ("", "page/2/"):
            offered = feeds.findall(html_of(site, f"{prefix}tags/russia/{page}index.html"))
            assert [href for href, _ in offered] == [f"{BASE}{prefix}tags/russia/feed.xml", f"{BASE}{prefix}feed.xml"]
            assert offered[0][1] == title
            assert target(site, offered[0][0]).is_file()
        assert [href for href, _ in feeds.findall(html_of(site, f"{prefix}index.html"))] == [f"{BASE}{prefix}feed.xml"]


def test_a_headline_in_the_other_script_than_its_article_has_its_own_language(tmp_path, vnu):
    """An English headline over an Arabic report ("Apple WWDC 2024") was read with the Arabic
    voice and set right to left (flush right, a closing "?" or "." drawn at its start); an Arabic
    headline over an English brief the other way round. One in the article's script, or mixed, has none."""
    files = {
        "wwdc.txt": "10 يونيو 2024\n\nApple WWDC 2024\n\nكشفت الشركة عن أنظمتها الجديدة في مؤتمرها السنوي.\n",
        "talks.txt": "June 11, 2024\n\nمحادثات روسية باكستانية\n\nThe talks went well today.\n",
        "iphone.txt": "12 يونيو 2024\n\nشركة Apple تطلق iPhone 16\n\nأعلنت الشركة عن هاتفها الجديد.\n",
        "plain.txt": "13 يونيو 2024\n\nقمة الطاقة تختتم أعمالها\n\nاختتمت القمة أعمالها اليوم.\n",
    }
    out = build_site(write_source(tmp_path, files), tmp_path / "out")

    def header(slug: str) -> tuple[str, str]:
        found = re.search(
            r'<article class="article" lang="(\w+)".*?(<h1.*?</h1>)', html_of(out, f"articles/{slug}/index.html"), re.S
        )
        assert found is not None
        return found.group(1), found.group(2)

    assert header("apple-wwdc-2024") == ("ar", '<h1 lang="en" dir="ltr">Apple WWDC 2024</h1>')
    assert header("محادثات-روسية-باكستانية") == ("en", '<h1 lang="ar" dir="rtl">محادثات روسية باكستانية</h1>')
    assert header("شركة-apple-تطلق-iphone-16") == ("ar", "<h1>شركة Apple تطلق iPhone 16</h1>")
    assert header("قمة-الطاقة-تختتم-أعمالها") == ("ar", "<h1>قمة الطاقة تختتم أعمالها</h1>")
    assert sitecheck.vnu_errors(out) == []


# An Arabic article whose title holds a telephone number, its English translation, an English
# headline over an Arabic report (with an earlier address: a redirect page links it) and a plain one.
TITLED = {
    "hotline.ar.txt": "14 يونيو 2024\n\nخط ساخن لوزارة الطاقة ٠١٠٠ ١٢٣ ٤٥٦٧\n\n"
    "أعلنت وزارة الطاقة عن خط جديد يعمل طوال اليوم.\n",
    "hotline.en.txt": "14 June 2024\n\nNew emergency hotline\n\nThe ministry announced a new line open all day.\n",
    "wwdc.md": "---\ntitle: Apple WWDC 2024\ndate: 2024-06-10\nlang: ar\naliases: [/old/wwdc/]\n---\n\n"
    "كشفت الشركة عن أنظمتها الجديدة في مؤتمرها السنوي.\n",
    "plain.txt": "12 يونيو 2024\n\nقمة الطاقة تختتم أعمالها\n\nاختتمت القمة أعمالها اليوم.\n",
}
HOTLINE = "خط ساخن لوزارة الطاقة ٠١٠٠ ١٢٣ ٤٥٦٧"
HOTLINE_HTML = 'خط ساخن لوزارة الطاقة <bdo dir="ltr">٠١٠٠ ١٢٣ ٤٥٦٧</bdo>'


def links_to(html: str, slug: str) -> list[str]:
    """Each link to an article by its title on a page (not the language switcher's, which names a
    language): its attributes after href, "|", and its text as HTML."""
    href = re.escape(f'<a href="/articles/{quote(slug)}/"')
    return [f"{m.group(1)}|{m.group(2)}" for m in re.finditer(href + r"([^>]*)>(.*?)</a>", html)]


def test_a_titles_telephone_number_reads_left_to_right_wherever_the_title_is_shown(tmp_path, vnu):
    """An Arabic title's telephone number ("٠١٠٠ ١٢٣ ٤٥٦٧") had its groups laid out in reverse
    ("٤٥٦٧ ١٢٣ ٠١٠٠") everywhere but the body: on the article's <h1>, its cards on every list of
    both interfaces, the older and newer links of its neighbours and its translation's link to it.
    Each now keeps it in a <bdo dir="ltr">, as the body does; <title> and meta tags stay text."""
    out = build_site(write_source(tmp_path, TITLED), tmp_path / "out")
    slug = "خط-ساخن-لوزارة-الطاقة-0100-123-4567"
    own = html_of(out, f"articles/{slug}/index.html")
    assert f"<h1>{HOTLINE_HTML}</h1>" in own
    assert f"<title>{HOTLINE} | " in own
    assert f'<meta property="og:title" content="{HOTLINE}">' in own
    structured = re.search(r'<script type="application/ld\+json">(.*?)</script>', own)
    assert structured is not None and json.loads(structured.group(1))["headline"] == HOTLINE
    shown: dict[str, list[str]] = {}
    for page in sorted(out.rglob("*.html")):
        for link in links_to(page.read_text("utf-8"), slug):
            shown.setdefault(link, []).append(page.relative_to(out).as_posix())
    # cards (the home pages, the archives, a tag's page), the newer link of plain's page, the translation's link
    cards = set(shown.get(f"|{HOTLINE_HTML}", []))
    lists = ("index.html", "archive/2024/index.html", "archive/hijri/1445/index.html", "tags/energy/index.html")
    assert {*lists, *(f"en/{page}" for page in lists if "hijri" not in page)} <= cards
    assert shown.get(f' lang="ar" dir="rtl"|{HOTLINE_HTML}') == ["articles/قمة-الطاقة-تختتم-أعمالها/index.html"]
    assert shown.get(f' hreflang="ar"|{HOTLINE_HTML}') == ["articles/new-emergency-hotline/index.html"]
    assert all(HOTLINE_HTML in link for link in shown), shown
    assert sitecheck.vnu_errors(out) == []


def test_an_english_headline_of_an_arabic_article_has_its_own_language_wherever_it_is_shown(tmp_path, vnu):
    """The <h1> of "Apple WWDC 2024" over an Arabic report was marked English; its cards (lang="ar"
    from the article), the older link of the next article and the redirect page's link still read
    it with the Arabic voice, right to left. Each is now lang="en" dir="ltr" too."""
    out = build_site(write_source(tmp_path, TITLED), tmp_path / "out")
    card = (
        r'<h(\d) class="card-title" lang="en" dir="ltr">'
        r'<a href="/articles/apple-wwdc-2024/">Apple WWDC 2024</a></h\1>'
    )
    for home in ("index.html", "en/index.html", "archive/2024/index.html"):
        assert re.search(card, html_of(out, home)), home
    older = html_of(out, "articles/قمة-الطاقة-تختتم-أعمالها/index.html")
    assert '<a href="/articles/apple-wwdc-2024/" lang="en" dir="ltr">Apple WWDC 2024</a></li>' in older
    moved = html_of(out, "old/wwdc/index.html")
    assert '<a href="/articles/apple-wwdc-2024/" lang="en" dir="ltr">Apple WWDC 2024</a>' in moved
    # an Arabic title keeps its article's language on its card, with no dir of its own
    assert '<h2 class="card-title" lang="ar"><a href="/articles/%D9%82' in html_of(out, "index.html")
    assert sitecheck.vnu_errors(out) == []
