"""The archive: every article by year and month, Gregorian and (in Arabic) Hijri, as pages of
the Renderer. An index of the years and their months, then each year's months, newest first,
a set number of articles a page, every page leading to every month of its year.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sitegen import dateformat
from sitegen.model import Article, Page
from sitegen.views import by_month, make_pager, month_pages, page_url

if TYPE_CHECKING:
    from sitegen.render import Renderer


def _month_counts(years: dict[int, dict[int, list[Article]]]) -> list[tuple[int, list[tuple[int, int]]]]:
    """How many articles each month of each year has: what an archive index shows of them."""
    return [(y, [(m, len(years[y][m])) for m in sorted(years[y])]) for y in sorted(years)]


def archive_pages(r: Renderer, lang: str) -> Iterator[Page]:
    t = r.t(lang)
    prefix = r.prefix(lang)
    system, digits = r.config.month_system, r.digits(lang)
    years, undated, _ = by_month(r.site.articles)
    summary = years_summary(
        r, lang, years, lambda year: f"{prefix}archive/{year}/", "m", lambda m: dateformat.month_name(m, lang, system)
    )
    paths = r.same_page("archive/")
    undated_url = r.href(f"{prefix}archive/undated/") if undated else None

    def index() -> Page:
        ctx = r.common(lang, paths[lang], paths, t("archive_title"), t("archive_title"))
        hijri_url = r.href(f"{prefix}archive/hijri/") if lang == "ar" and r.config.hijri and years else None
        ctx.update(years=summary, undated={"url": undated_url, "count": len(undated)}, hijri_url=hijri_url)
        return r.render_page("archive.html", paths[lang] + "index.html", ctx)

    pre_key = repr((lang, _month_counts(years), len(undated), r.config.archive_per_page))
    yield r.keyed_page("archive.html", paths[lang] + "index.html", pre_key, index)
    for year in sorted(years):

        def names(m: int, year: int = year) -> tuple[str, str]:
            heading = dateformat.format_month(year, m, lang, system=system, digits=digits)
            return heading, dateformat.month_name(m, lang, system)

        def versions(n: int, year: int = year) -> dict[str, str]:
            return r.same_page(page_url(f"archive/{year}/", n))

        yield from year_pages(
            r,
            lang,
            f"{prefix}archive/{year}/",
            years[year],
            title=t("archive_year", year=r.num(year, lang)),
            names=names,
            anchor="m",
            up={"url": r.href(f"{prefix}archive/"), "label": t("archive")},
            alternates=versions,
        )
    if undated:  # a section of its own: an archive may have thousands
        yield from r.listing(
            lang,
            "archive/undated/",
            "index.html",
            tuple(undated),
            title=t("undated_articles"),
            extra={"up": {"url": r.href(f"{prefix}archive/"), "label": t("archive")}},
        )


def years_summary(
    r: Renderer,
    lang: str,
    years: dict[int, dict[int, list[Article]]],
    section: Callable[[int], str],
    anchor: str,
    month_name: Callable[[int], str],
) -> list[dict[str, Any]]:
    """What an archive index lists: the years, newest first, and their months, each with its
    count and a link to where it begins (section(year): the year's pages, see year_pages)."""
    summary = []
    for year in sorted(years, reverse=True):
        months = years[year]
        where = month_urls(r, section(year), anchor, months)
        summary.append(
            {
                "year": r.num(year, lang),
                "url": r.href(section(year)),
                "count": sum(map(len, months.values())),
                "months": [
                    {"name": month_name(m), "count": len(months[m]), "url": where[m][1]}
                    for m in sorted(months, reverse=True)
                ],
            }
        )
    return summary


def month_urls(r: Renderer, section: str, anchor: str, months: dict[int, list[Article]]) -> dict[int, tuple[int, str]]:
    """Where each month of an archive year begins: its page number and URL (see year_pages)."""
    found: dict[int, tuple[int, str]] = {}
    order = [(m, months[m]) for m in sorted(months, reverse=True)]
    for n, page in enumerate(month_pages(order, r.config.archive_per_page), start=1):
        for m, _, continued in page:
            if not continued:
                found[m] = n, r.href(page_url(section, n)) + f"#{anchor}{m:02d}"
    return found


def year_pages(
    r: Renderer,
    lang: str,
    section: str,
    months: dict[int, list[Article]],
    *,
    title: str,
    names: Callable[[int], tuple[str, str]],
    anchor: str,
    up: dict[str, str],
    alternates: Callable[[int], dict[str, str]],
    versions: bool = True,
) -> Iterator[Page]:
    """The pages of an archive year at SECTION (page/N/ after the first): its months, newest
    first, each a heading and its articles, archive_per_page articles a page; every page
    leads to every month. names(m): the month's heading and its short name; alternates(n):
    page n's path in each language (versions: whether those are this page, see common());
    anchor: the months' id prefix."""
    t = r.t(lang)
    order = [(m, months[m]) for m in sorted(months, reverse=True)]
    chunks = month_pages(order, r.config.archive_per_page)
    where = month_urls(r, section, anchor, months)
    for n, chunk in enumerate(chunks, start=1):
        path = page_url(section, n)
        # A month that begins on this page is a jump within it; another one, on its page.
        nav = [
            {
                "url": f"#{anchor}{m:02d}" if where[m][0] == n else where[m][1],
                "short": names(m)[1],
                "count": len(articles),
            }
            for m, articles in order
        ]

        def make(
            n: int = n,
            chunk: list[tuple[int, Sequence[Article], bool]] = chunk,
            path: str = path,
            nav: list[dict[str, Any]] = nav,
        ) -> Page:
            page_title = title if n == 1 else f"{title} – {t('page_n', n=n, total=len(chunks))}"
            ctx = r.common(lang, path, alternates(n), page_title, page_title, versions=versions)
            ctx.update(
                heading=title,
                up=up,
                month_nav=nav,
                months=[
                    {
                        "id": None if continued else f"{anchor}{m:02d}",
                        "name": t("month_continued", name=names(m)[0]) if continued else names(m)[0],
                        "count": len(months[m]),
                        "items": [r.item(a, lang) for a in articles],
                    }
                    for m, articles, continued in chunk
                ],
                pager=make_pager(r.href(section), n, len(chunks)),
            )
            return r.render_page("archive_year.html", f"{path}index.html", ctx)

        pre_key = repr((lang, path, title, len(chunks), nav, [(m, c, [a.light for a in arts]) for m, arts, c in chunk]))
        yield r.keyed_page("archive_year.html", f"{path}index.html", pre_key, make)


def hijri_archive_pages(r: Renderer, lang: str) -> Iterator[Page]:
    """Browse by Hijri (Umm al-Qura) year and month: historians of the region date events so."""
    t = r.t(lang)
    prefix = r.prefix(lang)
    # Undated articles, and dated ones outside the Umm al-Qura tables, are only in the
    # Gregorian archive: the Hijri index says how many there are and leads there.
    years, undated_articles, out_of_range = by_month(r.site.articles, r.config.hijri_offset)
    undated = len(undated_articles)
    if not years:
        return
    alternates = {lang: f"{prefix}archive/hijri/"} | {
        other: r.prefix(other) + "archive/" for other in r.config.languages if other != lang
    }
    summary = years_summary(
        r,
        lang,
        years,
        lambda year: f"{prefix}archive/hijri/{year}/",
        "h",
        lambda m: dateformat.hijri_month_name(m, lang),
    )

    def index() -> Page:
        title = t("hijri_archive_title")
        ctx = r.common(lang, alternates[lang], {lang: alternates[lang]} | alternates, title, title, versions=False)
        gregorian = r.href(f"{prefix}archive/")
        ctx.update(years=summary, undated=None, hijri_url=None, heading=title, gregorian_url=gregorian)
        if undated or out_of_range:
            # Undated ones alone have pages of their own; others are in their Gregorian years.
            url = r.href(f"{prefix}archive/undated/") if not out_of_range else gregorian
            ctx["elsewhere"] = {"url": url, "count": undated + out_of_range}
        return r.render_page("archive.html", f"{prefix}archive/hijri/index.html", ctx)

    key = repr((lang, _month_counts(years), undated, out_of_range, r.config.archive_per_page))
    yield r.keyed_page("archive.html", f"{prefix}archive/hijri/index.html", key, index)
    for year in sorted(years):
        path = f"{prefix}archive/hijri/{year}/"

        def hijri_names(m: int, year: int = year) -> tuple[str, str]:
            return f"{dateformat.hijri_month_name(m, lang)} {r.num(year, lang)}", dateformat.hijri_month_name(m, lang)

        def switch(n: int, path: str = path) -> dict[str, str]:
            # The Hijri archive is in Arabic only: the switcher leads to the other archive.
            return alternates | {lang: page_url(path, n)}

        yield from year_pages(
            r,
            lang,
            path,
            years[year],
            title=t("hijri_archive_year", year=r.num(year, lang)),
            names=hijri_names,
            anchor="h",
            up={"url": r.href(f"{prefix}archive/hijri/"), "label": t("hijri_archive")},
            alternates=switch,
            versions=False,
        )
