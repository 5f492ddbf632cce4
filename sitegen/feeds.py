"""Atom feeds, sitemap.xml and robots.txt: the machine-readable side of the site.

Feeds and the sitemap carry dates of articles, never the build time, so that two builds of
the same archive are byte-identical and feed readers do not see phantom updates.
"""

from __future__ import annotations

import datetime as dt
import html
import operator
from collections.abc import Collection, Iterable, Iterator
from itertools import islice

from sitegen import __version__
from sitegen.dateformat import moment
from sitegen.keys import digest as _digest
from sitegen.model import Article, Page
from sitegen.render import Renderer
from sitegen.views import by_month, first_text, month_pages, page_url, pages_of, shorten

SITE_FEED_ENTRIES = 50
TAG_FEED_ENTRIES = 20
# The sitemap protocol allows 50,000 URLs in one file (and 50 MB: 50,000 of our entries, with
# their alternates, take about 17 MB). 100,000 articles make some 220,000 pages.
SITEMAP_MAX_URLS = 50_000


def escape(text: str) -> str:
    """XML character data (xml.sax.saxutils would import urllib.request: slower start-up)."""
    return html.escape(text, quote=False)


def quoteattr(text: str) -> str:
    """A double-quoted XML attribute value."""
    return '"' + html.escape(text, quote=True) + '"'


def _stamp(when: dt.datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


def _published(article: Article, zone: dt.tzinfo | None) -> dt.datetime:
    assert article.date is not None
    return moment(article.date, article.time, zone)


def _changed(article: Article, zone: dt.tzinfo | None) -> dt.datetime:
    """When an entry last changed: its update day, or when it appeared if it has no later one."""
    assert article.date is not None and article.lastmod is not None
    published = _published(article, zone)
    return max(published, moment(article.lastmod, None, zone)) if article.lastmod != article.date else published


def entry_id(article: Article) -> str:
    """A permanent id that survives a change of base URL (it derives from the source path)."""
    import uuid  # here: only builds that make feeds need it

    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "sitegen:" + article.source))


def feed_pages(renderer: Renderer) -> Iterator[Page]:
    """Site-wide feed per interface language, and one per tag and language (summaries only)."""
    site, config = renderer.site, renderer.config
    memo: dict[tuple[str, str, bool], str] = {}  # entries, shared by the feeds of a language
    for lang in config.languages:
        prefix = renderer.prefix(lang)
        t = renderer.t(lang)
        yield _feed(
            renderer,
            lang,
            f"{prefix}feed.xml",
            prefix,
            t("feed_title", site=config.title(lang)),
            site.articles,
            SITE_FEED_ENTRIES,
            full=config.feed_content == "full",
            memo=memo,
        )
        for slug, tag in site.tags.items():
            yield _feed(
                renderer,
                lang,
                f"{prefix}tags/{slug}/feed.xml",
                f"{prefix}tags/{slug}/",
                t("tag_feed_title", site=config.title(lang), name=tag.label(lang)),
                site.by_tag[slug],
                TAG_FEED_ENTRIES,
                full=False,
                basis=renderer.keys.tag(slug),
                memo=memo,
            )


def _link(renderer: Renderer, path: str) -> str:
    url = renderer.absolute(path)
    assert url is not None, "feeds are made only when base_url is set"
    return url


def _feed(
    renderer: Renderer,
    lang: str,
    path: str,
    home: str,
    title: str,
    articles: Iterable[Article],
    limit: int,
    *,
    full: bool,
    basis: str | None = None,
    memo: dict[tuple[str, str, bool], str],
) -> Page:
    """One Atom feed. ``basis`` is a digest of everything its entries are made from, when the
    caller has one (a tag's key); else the entries' own digests are used."""

    def dated() -> list[Article]:  # undated articles have no honest <updated>: listed on the site only
        return list(islice((a for a in articles if a.date is not None), limit))

    # Unchanged inputs, unchanged feed: skip making it (incremental builds). A tag's key tells
    # it without the entries.
    entries = None if basis is not None else dated()
    if entries is not None:
        material = [
            renderer.keys.light(a)
            + (a.digest or repr(a.body))
            + renderer.keys.links(a)
            + (renderer.keys.media(a) if a.media else "")  # a missing picture is its text
            if full
            else renderer.keys.light(a)
            for a in entries
        ]
        basis = _digest("".join(material))
    fingerprint = _digest(f"{renderer.key}\0feed\0{(lang, path, home, title, limit, full, basis)!r}")
    if renderer.previous.get(path) == fingerprint and renderer.exists(path):
        return Page(path=path, content=None, fingerprint=fingerprint)
    if entries is None:
        entries = dated()
    # The feed changed when its latest entry did: the newest update or publication date.
    zone = renderer.zone
    updated = max((_changed(a, zone) for a in entries), default=moment(dt.date(1970, 1, 1)))
    config = renderer.config
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"  <title>{escape(title)}</title>",
        f"  <subtitle>{escape(config.description(lang))}</subtitle>",
        f"  <id>{escape(_link(renderer, path))}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(_link(renderer, path))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(_link(renderer, home))}/>',
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(config.title(lang))}</name></author>",
        f'  <generator version="{__version__}">sitegen</generator>',
    ]
    for article in entries:
        key = (article.source, lang, full)
        entry = memo.get(key)
        if entry is None:
            entry = memo[key] = _entry(renderer, article, lang, full)
        out.append(entry)
    out.append("</feed>\n")
    return Page(path=path, content="\n".join(out).encode("utf-8"), fingerprint=fingerprint)


def _entry(renderer: Renderer, article: Article, lang: str, full: bool) -> str:
    """One article's <entry>: the same in every feed of a language (made once per build).
    <updated> is the article's update date, so that readers show the entry as changed."""
    assert article.date is not None and article.lastmod is not None
    url = quoteattr(_link(renderer, article.url))
    out = [
        f'  <entry xml:lang="{article.lang}">',
        f"    <title>{escape(article.title)}</title>",
        f'    <link rel="alternate" type="text/html" href={url}/>',
        f"    <id>{entry_id(article)}</id>",
        f"    <published>{_stamp(_published(article, renderer.zone))}</published>",
        f"    <updated>{_stamp(_changed(article, renderer.zone))}</updated>",
    ]
    if article.byline:
        out.append(f"    <author><name>{escape(article.byline)}</name></author>")
    for tag in article.tags:
        out.append(f"    <category term={quoteattr(tag.slug)} label={quoteattr(tag.label(lang))}/>")
    summary = article.summary or shorten(first_text(article), 300)
    if summary:
        out.append(f"    <summary>{escape(summary)}</summary>")
    if full:
        # A relative link or image in a Markdown body is relative to the article's page, not to
        # the feed: xml:base tells feed readers so. Links to other articles are absolute.
        content = escape(str(renderer.body(article, absolute=True)))
        out.append(f'    <content type="html" xml:base={url}>{content}</content>')
    out.append("  </entry>")
    return "\n".join(out)


def sitemap(renderer: Renderer, pages: Collection[tuple[str, tuple[tuple[str, str], ...]]]) -> list[Page]:
    """sitemap.xml with hreflang alternates, from (url, alternates) of the listed pages; none
    without base_url (a sitemap needs absolute URLs). Unchanged since the last build: content None.

    Beyond SITEMAP_MAX_URLS pages, which one file may not hold, sitemap.xml is a sitemap index
    of sitemap-1.xml, sitemap-2.xml ..., so robots.txt and search consoles keep one address.

    Which pages exist, their URLs, their language versions and their <lastmod> follow from the
    articles' listing digests (slugs, dates, update dates, tags, translations) and the
    configuration: those are its key.
    """
    if not renderer.config.base_url:
        return []
    limit = SITEMAP_MAX_URLS
    fingerprint = _digest(f"{renderer.key}\0sitemap\0{limit}\0{renderer.keys.articles()}")
    # The files the last build made with this key: the same pages, so as many files. Looked up
    # before the pages are counted (22,000 at 10,000 articles: 5 ms of each edit in sitegen serve).
    made = ["sitemap.xml"]
    while renderer.previous.get(f"sitemap-{len(made)}.xml") == fingerprint:
        made.append(f"sitemap-{len(made)}.xml")
    if all(renderer.previous.get(path) == fingerprint and renderer.exists(path) for path in made):
        return [Page(path=path, content=None, fingerprint=fingerprint) for path in made]
    count = -(-len(pages) // limit) if len(pages) > limit else 0
    paths = ["sitemap.xml"] + [f"sitemap-{n}.xml" for n in range(1, count + 1)]
    listed = sorted(pages)
    parts = [listed[i : i + limit] for i in range(0, len(listed), limit)] if count else []
    modified = _lastmods(renderer)
    if not parts:
        return [Page(path="sitemap.xml", content=_urlset(renderer, listed, modified), fingerprint=fingerprint)]
    index = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, part in zip(paths[1:], parts, strict=True):
        index.append(f"  <sitemap><loc>{escape(renderer.absolute(path) or '')}</loc>")
        newest = max((day for url, _ in part if (day := modified.get(url)) is not None), default=None)
        if newest is not None:
            index.append(f"    <lastmod>{newest.isoformat()}</lastmod>")
        index.append("  </sitemap>")
    index.append("</sitemapindex>\n")
    out = [Page(path="sitemap.xml", content="\n".join(index).encode("utf-8"), fingerprint=fingerprint)]
    out += [
        Page(path=path, content=_urlset(renderer, part, modified), fingerprint=fingerprint)
        for path, part in zip(paths[1:], parts, strict=True)
    ]
    return out


def _urlset(
    renderer: Renderer, listed: list[tuple[str, tuple[tuple[str, str], ...]]], modified: dict[str, dt.date]
) -> bytes:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url, alternates in listed:
        out.append(f"  <url><loc>{escape(renderer.absolute(url) or '')}</loc>")
        if (day := modified.get(url)) is not None:
            out.append(f"    <lastmod>{day.isoformat()}</lastmod>")
        for lang, alternate in alternates:
            href = quoteattr(renderer.absolute(alternate) or "")
            out.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={href}/>')
        out.append("  </url>")
    out.append("</urlset>\n")
    return "\n".join(out).encode("utf-8")


def _lastmods(renderer: Renderer) -> dict[str, dt.date]:
    """Site-relative URL -> the day its page last changed, from the articles' dates alone (never
    file times: two clones must build the same bytes). An article page: the article's update date
    or date; a page of the home, tag or Gregorian archive lists: the newest of the articles it
    lists (the tag index: of the tagged articles; the Hijri archive: of the articles it dates).
    Pages without a dated article have none."""
    site, config = renderer.site, renderer.config
    found: dict[str, dt.date] = {}
    lists: list[tuple[str, dt.date]] = []  # (URL without the language prefix, day): once for all languages
    tagged: dt.date | None = None
    for article in site.articles:
        day = article.lastmod
        if day is not None:
            found[article.url] = day
            if article.tags and (tagged is None or day > tagged):
                tagged = day
    # Undated ones, with an update date or not, are listed as undated.
    years = by_month(site.articles)[0]
    hijri_years = by_month(site.articles, config.hijri_offset)[0] if config.hijri and "ar" in config.languages else {}
    hijri_newest = _newest(a for months in hijri_years.values() for month in months.values() for a in month)
    sections = [("", site.articles)] + [(f"tags/{slug}/", site.by_tag[slug]) for slug in site.tags]
    for section, articles in sections:
        for n, chunk in enumerate(pages_of(articles, config.per_page), start=1):
            newest = _newest(chunk)
            if newest is not None:
                lists.append((page_url(section, n), newest))
    if found:  # the archive's index lists the years and the undated articles
        lists.append(("archive/", max(found.values())))
    for year, months in years.items():
        lists += _year_lastmods(f"archive/{year}/", months, config.archive_per_page)
    if tagged is not None:
        lists.append(("tags/", tagged))
    for lang in config.languages:
        prefix = renderer.prefix(lang)
        found.update((prefix + url, day) for url, day in lists)
    if hijri_newest is not None:  # the Hijri archive is in the Arabic interface only
        prefix = renderer.prefix("ar")
        found[prefix + "archive/hijri/"] = hijri_newest
        for year, months in hijri_years.items():
            found.update(_year_lastmods(f"{prefix}archive/hijri/{year}/", months, config.archive_per_page))
    return found


def _newest(articles: Iterable[Article]) -> dt.date | None:
    return max(filter(None, map(_LASTMOD, articles)), default=None)  # None: undated (a date is never false)


def _year_lastmods(section: str, months: dict[int, list[Article]], per_page: int) -> list[tuple[str, dt.date]]:
    """(URL, newest date) of each page of an archive year, cut as archive.year_pages cuts it."""
    order = [(m, months[m]) for m in sorted(months, reverse=True)]
    out = []
    for n, page in enumerate(month_pages(order, per_page), start=1):
        newest = _newest(a for _, articles, _ in page for a in articles)
        if newest is not None:
            out.append((page_url(section, n), newest))
    return out


_LASTMOD = operator.attrgetter("lastmod")


def robots(renderer: Renderer) -> Page:
    lines = ["User-agent: *", "Allow: /"]
    if renderer.config.base_url:
        lines.append(f"Sitemap: {renderer.absolute('sitemap.xml')}")
    return Page(path="robots.txt", content=("\n".join(lines) + "\n").encode("utf-8"))


def machine_files(renderer: Renderer, listed: Collection[tuple[str, tuple[tuple[str, str], ...]]]) -> Iterator[Page]:
    """The sitemap (of the (url, language versions) listed), robots.txt and CNAME."""
    yield from sitemap(renderer, listed)
    yield robots(renderer)
    if renderer.config.cname:
        yield Page(path="CNAME", content=(renderer.config.cname + "\n").encode("ascii"))
