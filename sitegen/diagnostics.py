"""What a build says about the collected Site: links, slugs, copies, dates and media that a
reader would find wrong. Pure over the Site (and today's date), so `sitegen inspect` says the
same as `sitegen build`; asked on every build, as a linked article or today may have changed.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Mapping

from sitegen import anchors, links
from sitegen.arabic import slugify
from sitegen.articles import Loaded
from sitegen.collect import translation_diagnostics
from sitegen.model import Article, Diagnostic, Site
from sitegen.redirects import Redirects


def site_diagnostics(
    site: Site, loaded: Loaded, media_notes: tuple[Diagnostic, ...], moved: Redirects, today: datetime.date
) -> tuple[Diagnostic, ...]:
    """Every warning about the collected Site, in the order a build (and inspect) says them;
    ``media_notes``: media_diagnostics() of the files the articles refer to."""
    return (
        media_notes
        + link_diagnostics(site, loaded)
        + moved.diagnostics
        + future_diagnostics(site, today)
        + tuple(translation_diagnostics(site.articles))
        + page_link_diagnostics(site)
        + slug_diagnostics(site, loaded)
        + copy_diagnostics(site)
    )


def link_diagnostics(site: Site, loaded: Loaded) -> tuple[Diagnostic, ...]:
    """A warning for each link of a published article to an article file that publishes nothing."""
    return tuple(links.link_diagnostics(site.articles, site.index, loaded.drafts, loaded.failed))


def page_link_diagnostics(site: Site) -> tuple[Diagnostic, ...]:
    """A warning for each link of a published article to a page by a relative address that
    leads out of the site or to an article page that does not exist (links.page_links), and for
    each link to a #fragment that the linked article's page does not have (links.missing_fragments).

    Asked on every build, as the linked article may have changed since the linking one was
    parsed. The ids of a linked article's body are read once per build, from its body: the few
    articles that are linked to by a fragment, not every one, pay for it."""
    linking = [a for a in site.articles if a.pages]
    by_fragment = [a for a in site.articles if a.fragments]
    if not linking and not by_fragment:
        return ()
    slugs = {a.slug.casefold() for a in site.articles}
    notes = [note for article in linking for note in links.page_links(article, slugs)]
    if by_fragment:
        by_source = {a.source: a for a in site.articles}
        by_slug = {a.slug.casefold(): a for a in site.articles}
        ids: dict[str, tuple[str, ...]] = {}

        def ids_of(target: Article) -> tuple[str, ...]:
            if target.source not in ids:
                ids[target.source] = anchors.body_ids(target.body)
            return ids[target.source]

        notes.extend(n for a in by_fragment for n in links.missing_fragments(a, by_source, by_slug, ids_of))
    return tuple(notes)


def slug_diagnostics(site: Site, loaded: Loaded) -> tuple[Diagnostic, ...]:
    """A warning for each article whose own slug (metadata 'slug:', not one made from its title)
    another article holds, so that it is published under another address (collect.unique_slugs):
    its author wrote that address somewhere."""
    wanted = {a.source: a.slug for a in loaded.articles}
    notes = []
    for article in site.articles:
        own = wanted.get(article.source, article.slug)
        if own == article.slug or article.source in site.translations or own == slugify(article.title):
            continue  # its own, a version of a translation (summit-opens-ar), or a repeated title
        message = f"slug {own!r} is another article's; this one is published as {article.slug!r} (choose another)"
        notes.append(Diagnostic(article.source, message))
    return tuple(notes)


def _by_source(article: Article) -> str:
    return article.source


def copy_diagnostics(site: Site) -> tuple[Diagnostic, ...]:
    """A warning for each published article whose file is byte for byte another's, with the same
    date (a file copied by mistake: 'copy of a.txt', 'a (1).txt'): both are published, the copy
    under another address, and readers see the story twice. The first by source path keeps the
    address (collect.unique_slugs), so the warning is the other's; which of them is the copy is not
    known ('a (1).txt' sorts before 'a.txt'), so it is not called one. Same bytes, not same title:
    a repeated title (a daily column) is no mistake. A copy saved again in another encoding or
    with other line endings has other bytes: it is found by the same title, date, first paragraph
    and number of words, which a daily column's issues do not share."""
    # One pass that keeps the first article of each (digest, date) and lists only the groups
    # with more than one: this runs on every rebuild of serve, over every article.
    first: dict[tuple[object, ...], Article] = {}
    same: dict[tuple[object, ...], list[Article]] = {}
    key: tuple[object, ...]
    for article in site.articles:  # (no sort of the whole site)
        if article.digest:
            key = (article.digest, article.date)
            seen = first.setdefault(key, article)
            if seen is not article:
                same.setdefault(key, [seen]).append(article)
    for key, group in same.items():
        first[key] = min(group, key=_by_source)
    stories: dict[tuple[object, ...], Article] = {}
    told: dict[tuple[object, ...], list[Article]] = {}
    for article in first.values():
        if article.lead and article.words:
            key = (article.title, article.date, article.lead, article.words)
            seen = stories.setdefault(key, article)
            if seen is not article:
                told.setdefault(key, [seen]).append(article)
    copies: list[tuple[Article, Article, bool]] = []
    for group in same.values():
        original, *others = sorted(group, key=_by_source)
        copies.extend((copy, original, True) for copy in others)
    for files in told.values():  # one article of each set of identical files
        original, *others = sorted(files, key=_by_source)
        copies.extend((copy, original, False) for copy in others)
    copies.sort(key=lambda found: found[0].source)
    return tuple(
        Diagnostic(
            copy.source,
            (
                f"the same file as {original.source}"
                if identical
                else f"the same story as {original.source} (title, date, first paragraph and length; the file is "
                "saved differently: another encoding, line endings or spacing)"
            )
            + f": the story is published twice (this one as {copy.slug!r}); delete one of them",
        )
        for copy, original, identical in copies
    )


def future_diagnostics(site: Site, today: datetime.date) -> tuple[Diagnostic, ...]:
    """A warning for each published article dated after tomorrow (a day's slack for time zones
    ahead of this machine): most often a typo in the year (2042 for 2024), and such an article
    would head the home page until that day. Asked on every build, as today moves on."""
    later = today + datetime.timedelta(days=1)
    # The Site lists the newest first: the future articles are those before the first that is not
    # (a look at a few articles, not at every one on each rebuild of sitegen serve).
    future = itertools.takewhile(lambda a: a.date is not None and a.date > later, site.articles)
    return tuple(
        Diagnostic(
            a.source,
            f"dated {a.date.isoformat()}, after today ({today.isoformat()}); it is listed first until then: "
            "check the date line",
        )
        for a in future
        if a.date is not None
    )


def media_diagnostics(
    users: Mapping[str, list[tuple[str, int | None]]], stats: Mapping[str, tuple[int, int] | str]
) -> tuple[Diagnostic, ...]:
    """A warning on each line of an article that refers to a file that cannot be published."""
    return tuple(
        Diagnostic(source, f"the referenced file {rel!r} {reason}", line)
        for rel, reason in stats.items()
        if isinstance(reason, str)
        for source, line in users[rel]
    )
