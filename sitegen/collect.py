"""Articles -> Site: publication filter, listing order, unique slugs, tag index. Pure."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import hashlib
import itertools
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import chain, compress
from pathlib import PurePosixPath

from pyarabic import araby

from sitegen.arabic import normalize_key
from sitegen.dateformat import moment
from sitegen.model import TRANSLATED, Article, Diagnostic, Site, Tag
from sitegen.views import light_digest

# Up to this many changed articles are put into the previous Site (recollect); beyond it,
# collecting afresh costs about as much.
PATCH_LIMIT = 16


def listing_key(article: Article, zone: dt.tzinfo | None = None) -> tuple[int, int, int, str]:
    """Newest first, undated last; within a day latest first by the time of day the source
    gives, then those without one; ties broken by source path so the order never varies.
    Times in different zones are compared as moments (23:30 -08:00 came after 23:45 +02:00);
    one without a zone is in the site's ``zone``, or counts as UTC, as in the feeds."""
    if article.date is None:
        return (1, 0, 0, article.source)
    return (0, -article.date.toordinal(), _moment(article.date, article.time, zone), article.source)


def _moment(d: dt.date, t: dt.time | None, zone: dt.tzinfo | None = None) -> int:
    """Minus the seconds after midnight UTC of day d at which time t is (dateformat.moment); 1
    without one."""
    if t is None:
        return 1
    return -int((moment(d, t, zone) - dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC)).total_seconds())


def collect(articles: Iterable[Article], zone: dt.tzinfo | None = None) -> Site:
    """Order the published articles (times without a zone in the site's ``zone``), make their
    slugs unique, and index them by tag."""
    published = sorted((a for a in articles if not a.draft), key=functools.partial(listing_key, zone=zone))
    # Every article leaves with its listing digest, made with its final slug (render keys).
    published = [_lit(a) for a in unique_slugs(one_tag_per_name(published))]
    by_tag: defaultdict[str, list[Article]] = defaultdict(list)
    for article in published:  # ten tags an article: the tightest loop of an incremental build
        for tag in article.tags:
            by_tag[tag.slug].append(article)
    # one_tag_per_name() gave every article of a slug the same Tag record.
    tags = {slug: next(t for t in bucket[0].tags if t.slug == slug) for slug, bucket in by_tag.items()}
    ordered = sorted(tags)
    by_lang: dict[str, list[Article]] = {}
    lang_index: dict[str, int] = {}
    for article in published:
        same = by_lang.setdefault(article.lang, [])
        lang_index[article.source] = len(same)
        same.append(article)
    return Site(
        articles=tuple(published),
        tags={slug: tags[slug] for slug in ordered},
        by_tag={slug: tuple(by_tag[slug]) for slug in ordered},
        translations=translations(published),
        index={a.source: n for n, a in enumerate(published)},
        by_lang={lang: tuple(same) for lang, same in sorted(by_lang.items())},
        lang_index=lang_index,
    )


def one_tag_per_name(articles: list[Article]) -> list[Article]:
    """The articles, each tag spelt the same way in all of them.

    Articles may spell one new tag differently: in case ('Gardening', 'gardening': one URL), or
    with Arabic variants that make different URLs (مدرسة and مدرسه, مستشفى and مستشفي, إعلان
    and اعلان, as normalize_key folds them). Every article then gets the same record, the best
    spelt (see _spelling_rank): one tag page with one name, whichever article is newest or was
    parsed first, so an incremental build names it as a full build does.
    """
    # Each distinct record once, in order of first use: an archive has about ten tags an
    # article but few records (one per tag and cache shard), and this loop then stays short.
    every = list(chain.from_iterable(map(_TAGS, articles)))
    seen: dict[str, Tag] = {}
    varied: set[str] = set()
    for tag in dict(zip(map(id, every), every, strict=True)).values():
        known = seen.setdefault(tag.slug, tag)
        if known is not tag and (known.label_ar != tag.label_ar or known.label_en != tag.label_en):
            varied.add(tag.slug)
    names: dict[str, list[str]] = {}
    for slug in seen:
        names.setdefault(normalize_key(slug), []).append(slug)
    varied.update(slug for slugs in names.values() if len(slugs) > 1 for slug in slugs)
    if not varied:
        return articles
    uses: Counter[tuple[str, str, str]] = Counter()
    spellings: dict[str, dict[tuple[str, str, str], Tag]] = {}
    for article in articles:
        for tag in article.tags:
            if tag.slug in varied:
                key = (tag.slug, tag.label_ar, tag.label_en)
                uses[key] += 1
                spellings.setdefault(normalize_key(tag.slug), {}).setdefault(key, tag)
    best: dict[str, Tag] = {}
    for group in spellings.values():
        chosen = group[min(group, key=lambda key: _spelling_rank(group[key], uses[key]))]
        best.update((slug, chosen) for slug, _, _ in group)
    return [_with_tags(article, best) for article in articles]


def _with_tags(article: Article, best: dict[str, Tag]) -> Article:
    """The article with best[slug] for each of its tags that has one (once each)."""
    if not any(tag.slug in best for tag in article.tags):
        return article
    tags: dict[str, Tag] = {}
    for tag in article.tags:
        chosen = best.get(tag.slug, tag)
        tags.setdefault(chosen.slug, chosen)
    return _retagged(article, tuple(tags.values()))


_TAGS = operator.attrgetter("tags")
_DECORATION = frozenset(araby.TASHKEEL) | {araby.TATWEEL}
# Letters that careless typing folds away (أ إ آ to ا, ؤ ئ, ة to ه). Not a sure sign of the
# right spelling (الإنتخابات for الانتخابات, مياة for مياه are common mistakes), so it only
# settles a tie in use.
_MARKED = frozenset(araby.HAMZAT) | {araby.ALEF_MADDA, araby.TEH_MARBUTA}


def _spelling_rank(tag: Tag, uses: int) -> tuple[bool, int, bool, int, int, str, str]:
    """Lower is better spelt: a vocabulary tag (it has a label per language) before one made
    from a label; no diacritics or tatweel; not all lower or all upper case ('Gaza', not 'gaza'
    or 'GAZA'); the spelling more articles use (the archive's own convention); then the one
    with hamza and ة written."""
    label = tag.label_ar
    return (
        tag.label_ar == tag.label_en,
        sum(c in _DECORATION for c in label),
        label.islower() or label.isupper(),
        -uses,
        -sum(c in _MARKED for c in label),
        label,
        tag.label_en,
    )


def _retagged(article: Article, tags: tuple[Tag, ...]) -> Article:
    """The article with the given tags; its listing digest, which shows them, is made again."""
    if tags == article.tags:
        return article
    return dataclasses.replace(article, tags=tags, light="")


def _lit(article: Article) -> Article:
    """The article with its listing digest, made now if it was not known."""
    return article if article.light else dataclasses.replace(article, light=light_digest(article))


@dataclass(frozen=True)
class Collected:
    """A Site and the articles it was collected from, in the order given: what recollect()
    needs to bring it up to date."""

    articles: tuple[Article, ...]
    site: Site
    zone: dt.tzinfo | None = None  # the site's, which the order of times without a zone follows


def recollect(
    articles: Iterable[Article], previous: Collected | None = None, zone: dt.tzinfo | None = None
) -> Collected:
    """collect(articles), sooner when previous was collected from almost the same articles.

    sitegen serve rebuilds after every save. An edited article that keeps its place in the
    listings (source and date), its slug, tags, language, translation key and draft status
    changes only itself: its new version takes the old one's places in the previous Site, and
    the passes over every article that collect() makes (80 ms at 10,000 articles) are skipped.
    Anything else, or more than PATCH_LIMIT changes, collects afresh. The Site is the same
    either way; articles are compared by identity (the article cache hands back the very same
    objects for unchanged files).
    """
    articles = tuple(articles)
    if previous is not None and len(articles) == len(previous.articles) and previous.zone == zone:
        changed = list(compress(range(len(articles)), map(operator.is_not, articles, previous.articles)))
        site = _patched(previous, articles, changed) if len(changed) <= PATCH_LIMIT else None
        if site is not None:
            return Collected(articles, site, zone)
    return Collected(articles, collect(articles, zone), zone)


@dataclass(frozen=True)
class Shape:
    """A Site written as positions in the articles it was collected from, for the next build.

    A `sitegen build` after a one-article edit is a new process: without the last Site it would
    collect every article again (0.2-0.3 s at 10,000 articles on a slow machine) to change one.
    The shape is kept in the build manifest; thaw() makes the Site again from the articles the
    cache hands back, without touching each article for its fields (on a machine where memory is
    slow to reach, every pass over 10,000 articles costs several ms), and recollect() then puts
    the edit into it.
    """

    key: str  # the article cache's key: the articles were parsed under it
    sources: tuple[str, ...]  # the articles collected from, in the order given
    digests: tuple[str, ...]  # the digest of each one's file then
    published: tuple[int, ...]  # site.articles, as positions in sources
    # position in published -> (slug, tags, listing digest) of an article that collect() renamed,
    # retagged or digested: it is not the very article it was collected from
    changed: dict[int, tuple[str, tuple[Tag, ...], str]]
    tags: dict[str, Tag]
    by_tag: dict[str, tuple[int, ...]]  # positions in published, in order
    by_lang: dict[str, tuple[int, ...]]  # positions in published, in order
    translations: tuple[tuple[tuple[str, int], ...], ...]  # each group: (lang, position in published)
    zone: dt.tzinfo | None = None  # Collected.zone: the site's, which the order followed


def freeze(collected: Collected, key: str, sources: tuple[str, ...], digests: tuple[str, ...]) -> Shape | None:
    """The shape of a collected Site; sources and digests are its articles', in order.

    None when two articles share a source (no positions), or one has no digest (an edit of it
    could not be told)."""
    articles, site = collected.articles, collected.site
    at = dict(zip(sources, range(len(sources)), strict=True))
    if not len(at) == len(sources) == len(digests) == len(articles) or "" in digests:
        return None
    if len(site.index) != len(site.articles):
        return None
    published = tuple(map(at.__getitem__, site.index))  # site.index lists the articles in order
    place = dict(zip(map(id, site.articles), range(len(site.articles)), strict=True))

    def positions(listed: Iterable[Article]) -> tuple[int, ...]:
        return tuple(map(place.__getitem__, map(id, listed)))

    groups = {id(group): group for group in site.translations.values()}.values()
    return Shape(
        key=key,
        sources=sources,
        digests=digests,
        published=published,
        changed=_changes(site.articles, articles, published, range(len(published))),
        tags=dict(site.tags),
        by_tag={slug: positions(listed) for slug, listed in site.by_tag.items()},
        by_lang={lang: positions(listed) for lang, listed in site.by_lang.items()},
        translations=tuple(tuple((lang, place[id(a)]) for lang, a in group.items()) for group in groups),
        zone=collected.zone,
    )


def refreeze(shape: Shape, collected: Collected, digests: tuple[str, ...]) -> Shape:
    """The shape of a Site that recollect() made by putting edits into thaw(shape): every
    article is where it was, so only the edited ones are looked at."""
    site = collected.site
    edited = [
        n
        for p in compress(range(len(digests)), map(operator.ne, digests, shape.digests))
        if (n := site.index.get(shape.sources[p])) is not None  # not a draft
    ]
    changed = {n: change for n, change in shape.changed.items() if n not in edited}
    changed.update(_changes(site.articles, collected.articles, shape.published, edited))
    return dataclasses.replace(shape, digests=digests, changed=changed)


def _changes(
    listed: tuple[Article, ...], given: tuple[Article, ...], published: tuple[int, ...], positions: Iterable[int]
) -> dict[int, tuple[str, tuple[Tag, ...], str]]:
    """Shape.changed for the given positions in published."""
    return {n: (a.slug, a.tags, a.light) for n in positions if (a := listed[n]) is not given[published[n]]}


def thaw(
    shape: Shape,
    key: str,
    articles: tuple[Article, ...],
    sources: tuple[str, ...],
    digests: tuple[str, ...],
    earlier: Mapping[str, Article],
    zone: dt.tzinfo | None = None,
) -> Collected | None:
    """The Collected that shape was frozen from, made of this build's articles where their
    files are unchanged and of the earlier version (as the cache had it) where they changed,
    ready for recollect(articles, ...). ``sources`` and ``digests`` are the articles' own, in
    order (the caller has them without reaching into each article again).

    None when it cannot be, or would not help: other files, another cache key or site zone
    (``zone``: the order of times without one), an earlier version missing, or more edits than
    recollect() patches.
    """
    if (
        shape.key != key
        or shape.zone != zone
        or sources != shape.sources
        or not len(articles) == len(sources) == len(digests)
    ):
        return None
    before = list(articles)
    edited = list(compress(range(len(digests)), map(operator.ne, digests, shape.digests)))
    if len(edited) > PATCH_LIMIT:
        return None
    for n in edited:
        old = earlier.get(sources[n])
        if old is None or old.digest != shape.digests[n]:
            return None
        before[n] = old
    published = list(map(before.__getitem__, shape.published))
    for n, (slug, tags, light) in shape.changed.items():
        published[n] = _with(published[n], slug=slug, tags=tags, light=light)
    named = list(map(sources.__getitem__, shape.published))
    versions: dict[str, dict[str, Article]] = {}
    for group in shape.translations:
        langs = {lang: published[n] for lang, n in group}
        versions.update((named[n], langs) for _, n in group)
    lang_index: dict[str, int] = {}
    for listed in shape.by_lang.values():
        lang_index.update(zip(map(named.__getitem__, listed), range(len(listed)), strict=True))
    site = Site(
        articles=tuple(published),
        tags=dict(shape.tags),
        by_tag={slug: tuple(map(published.__getitem__, listed)) for slug, listed in shape.by_tag.items()},
        translations=versions,
        index=dict(zip(named, range(len(named)), strict=True)),
        by_lang={lang: tuple(map(published.__getitem__, listed)) for lang, listed in shape.by_lang.items()},
        lang_index=lang_index,
    )
    return Collected(tuple(before), site, zone)


_SOURCE = operator.attrgetter("source")


def _with(article: Article, **fields: object) -> Article:
    """The article with some fields set, without running its constructor: a thousand renamed
    articles (one in seven of a synthetic archive) are made again by every thaw()."""
    made = object.__new__(Article)
    made.__dict__.update(article.__dict__, **fields)
    return made


def _patched(previous: Collected, articles: tuple[Article, ...], changed: list[int]) -> Site | None:
    """previous.site with the changed articles put in, or None when one of them moved, was
    renamed, retagged or otherwise changed what other articles' places depend on."""
    site = previous.site
    if len(site.index) != len(site.articles):
        return None  # two articles from one source (not from a source folder): no patching
    published = list(site.articles)
    by_tag = dict(site.by_tag)
    versions = dict(site.translations)
    by_lang: dict[str, list[Article]] = {}  # the languages whose lists change, copied once
    key = functools.partial(listing_key, zone=previous.zone)
    for i in changed:
        old, new = previous.articles[i], articles[i]
        if old.draft and new.draft:
            continue  # listed neither before nor now
        if old.draft or new.draft or not _same_place(old, new, previous.zone):
            return None
        position = site.index[old.source]
        was = published[position]
        now = published[position] = _lit(_renamed(_retagged(new, was.tags), was.slug))
        same = by_lang.get(now.lang)
        if same is None:
            same = by_lang[now.lang] = list(site.by_lang[now.lang])
        k = site.lang_index[was.source]
        if same[k] is not was:
            return None  # two articles from one source
        same[k] = now
        for tag in now.tags:
            bucket = by_tag[tag.slug]
            k = bisect.bisect_left(bucket, key(was), key=key)
            if k == len(bucket) or bucket[k] is not was:
                return None  # a tag twice: collect() lists the article twice under it
            by_tag[tag.slug] = (*bucket[:k], now, *bucket[k + 1 :])
        group = versions.get(was.source)
        if group is not None:
            group = {lang: now if v is was else v for lang, v in group.items()}
            versions.update((v.source, group) for v in group.values())
    return Site(
        articles=tuple(published),
        tags=site.tags,
        by_tag=by_tag,
        translations=versions,
        index=site.index,
        by_lang=site.by_lang | {lang: tuple(same) for lang, same in by_lang.items()},
        lang_index=site.lang_index,
    )


def _same_place(old: Article, new: Article, zone: dt.tzinfo | None) -> bool:
    """Whether new stands wherever old stood: same listing position, slug, tags and translation."""
    return (
        listing_key(old, zone) == listing_key(new, zone)  # not time ==: 10:30 in Cairo equals a bare 10:30
        and old.slug == new.slug
        and old.typed_slug == new.typed_slug  # (unique_slugs' order)
        and old.tags == new.tags
        and old.lang == new.lang
        and translation_key(old) == translation_key(new)
    )


_LANG_SUFFIX = re.compile(r"^(?P<name>.+)\.(?P<lang>ar|en)$")


def translation_key(article: Article) -> str | None:
    """The key shared by an article and its translations.

    Metadata ``translation: KEY`` wins; otherwise files named NAME.ar.txt and NAME.en.txt
    (or .md) in the same folder are translations of each other.
    """
    if article.translation:
        return "meta:" + article.translation.removesuffix(TRANSLATED)
    if ".ar." not in article.source and ".en." not in article.source:
        return None  # the common case, without building a path
    path = PurePosixPath(article.source)
    match = _LANG_SUFFIX.match(path.stem)
    return f"file:{path.parent / match['name']}" if match else None


def translations(articles: Iterable[Article]) -> dict[str, dict[str, Article]]:
    """source -> {lang: article} for articles that have a version in another language.

    Per key and language the first article in listing order is the version; further ones of the
    same language are left unlinked (a translation pair needs distinct languages).
    """
    groups: dict[str, dict[str, Article]] = {}
    for article in articles:
        key = translation_key(article)
        if key is not None:
            groups.setdefault(key, {}).setdefault(article.lang, article)
    result: dict[str, dict[str, Article]] = {}
    for versions in groups.values():
        if len(versions) > 1:
            ordered = dict(sorted(versions.items()))
            for article in versions.values():
                result[article.source] = ordered
    return result


def translation_diagnostics(articles: Iterable[Article]) -> list[Diagnostic]:
    """A warning for each article that translations() leaves unlinked: another version in the
    same language holds its place (the first in listing order), so no reader is led to it from
    the other language."""
    holders: dict[tuple[str, str], Article] = {}
    notes: list[Diagnostic] = []
    for article in articles:
        key = translation_key(article)
        if key is None:
            continue
        holder = holders.setdefault((key, article.lang), article)
        if holder is not article:
            given = article.translation.removesuffix(TRANSLATED) if article.translation else None
            shared = f"translation key {given!r}" if given else "file name"
            notes.append(
                Diagnostic(
                    article.source,
                    f"has the {shared} of {holder.source}, in the same language ({article.lang}): only that one "
                    "is linked to the other language's version (give this one its own key, or its language)",
                )
            )
    return notes


def unique_slugs(articles: list[Article]) -> list[Article]:
    """Give every article a distinct slug (compared case-insensitively), deterministically.

    When several articles want the same slug, the oldest (then the first by source path)
    keeps it; each other gets a suffix from a hash of its source path, so its URL does not
    change when unrelated articles are added or removed. A longer hash, then a counter, settles
    the (astronomically rare, or deliberately constructed) cases where that suffix is taken too.
    One in another language than the keeper's gets its language instead, if that is free
    (``summit-opens-en``): the versions of one article that share a slug, as Pelican names them.
    """
    first: dict[str, int] = {}
    claims: dict[str, list[int]] = {}  # only the slugs wanted by more than one article
    for index, article in enumerate(articles):
        wanted = article.slug.casefold()
        holder = first.setdefault(wanted, index)
        if holder != index:
            claims.setdefault(wanted, [holder]).append(index)
    renamed: dict[int, str] = {}
    taken = set(first)
    for group in claims.values():
        # A Pelican translation (Translation: true) yields to its original, whatever their dates.
        # One whose slug changed when its title's character references began to be read
        # (typed_slug) yields to one that had it before, which keeps its address.
        group.sort(
            key=lambda i: (
                _translated(articles[i]),
                bool(articles[i].typed_slug),
                articles[i].date or dt.date.max,
                articles[i].source,
                i,
            )
        )
        keeper = articles[group[0]]
        for index in group[1:]:
            article = articles[index]
            digest = hashlib.sha1(article.source.encode("utf-8", "surrogatepass")).hexdigest()
            own = [f"{article.slug}-{article.lang}"] if article.lang != keeper.lang else []
            hashed = (f"{article.slug}-{digest[:n]}" for n in range(6, len(digest) + 1, 2))
            candidates = itertools.chain(own, hashed)
            slug = next((c for c in candidates if c.casefold() not in taken), None)
            counter = 2
            while slug is None or slug.casefold() in taken:
                slug = f"{article.slug}-{digest[:6]}-{counter}"
                counter += 1
            taken.add(slug.casefold())
            renamed[index] = slug
    return [_renamed(a, renamed[i]) if i in renamed else a for i, a in enumerate(articles)]


def _translated(article: Article) -> bool:
    return article.translation is not None and article.translation.endswith(TRANSLATED)


def _renamed(article: Article, slug: str) -> Article:
    """The article under the slug that unique_slugs() gave it (itself when that is its own)."""
    if slug == article.slug:
        return article
    return dataclasses.replace(article, slug=slug, light=renamed_light(article.light, slug))


def renamed_light(light: str, slug: str) -> str:
    """The listing digest of an article given another slug: a digest of its digest (of all that
    listings show of it, made with the slug it wanted) and the new slug, so it changes with
    either. Cheaper than digesting the article again, which mattered: one article in seven of
    100,000 synthetic ones shares its title, and every build renames them all.
    "" (no digest yet) stays "": collect() makes a full one."""
    if not light:
        return ""
    return hashlib.blake2b(f"{light}\0{slug}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
