"""Full-text search without a server: an index in static files that the search page reads.

A reader's browser cannot download the words of 10,000 articles, so the index is split by the
first two letters of each word's stem into shards (``search/s/KEY.json``), and what a result
shows (title, date, link, lead) into chunks of article ids (``search/d/N.json``); a query
fetches one shard per word and the chunks of the results it shows. ``search/index.json`` lists
both with a digest of each file, so that a browser never mixes a cached shard with a fresh one.

Words are compared as stems (sitegen/stemming.py), which each article carries from the parser
(Article.stems); the page's script stems a query with the same rules, read from index.json.

Article ids count from the oldest article (undated ones first; one day's articles in the order
of their files), so that a new article, which is nearly always the newest, gets the next id and
every other article keeps its own: an edit then rewrites only the shards of the words it added
or removed (``kept_or_patched``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress

from sitegen.dateformat import month_name
from sitegen.model import Article, Page
from sitegen.render import Renderer
from sitegen.stemming import Memo, article_stems, client_rules, shard_key, stem, stems
from sitegen.views import first_text, other_lang, shorten

__all__ = ["client_rules", "date_terms", "full_index", "kept_or_patched", "shard_key", "stem", "stems"]

FORMAT = 9  # of the files below; the script refuses an index of another format
CHUNK = 20  # articles per chunk of result records (a page of results needs a few chunks)
INDEX = "search/index.json"
SHARDS = "search/s/"
DOCS = "search/d/"


def dumps(value: object) -> bytes:
    """Canonical JSON: a patched file and a file made afresh are the same bytes. '<', '>' and
    '&' (a title may hold markup) are written as escapes: no file of the site has raw markup
    from an article outside an HTML page, whatever type a server gives it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def _digest(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=6).hexdigest()


def _deltas(ids: Iterable[int]) -> list[int]:
    """Ascending ids as the differences between neighbours (small numbers: a short file)."""
    ordered = sorted(ids)
    return list(map(operator.sub, ordered, [0, *ordered[:-1]]))


def _ids_array() -> array[int]:
    return array("I")


def _ids(deltas: Iterable[int]) -> set[int]:
    out, total = set(), 0
    for d in deltas:
        total += d
        out.add(total)
    return out


def shard_file(
    body: Mapping[str, Iterable[int]],
    title: Mapping[str, Iterable[int]],
    dated: Mapping[str, Iterable[int]] | None = None,
) -> bytes:
    """A shard: for each stem, the articles that have it anywhere ("b"), in the title ("t") and
    in their date ("d", only where some article has: Index.dated)."""
    data = {"b": {t: _deltas(ids) for t, ids in body.items()}, "t": {t: _deltas(ids) for t, ids in title.items()}}
    if dated:
        data["d"] = {t: _deltas(ids) for t, ids in dated.items()}
    return dumps(data)


def date_terms(year: int, month: int, system: str) -> frozenset[str]:
    """The stems an article of that month is found by from its date (Index.dated): those a
    reader's query of the month and year makes, in the site's month system and in English
    (نيسان 2024, April 2024), and so those of the month alone and of the year alone; but a
    month of two words or whose name is a common word is one word, as a query makes it
    (stemming._MONTH: كانون الثاني, آب 2024), not the common words الثاني, كان or أب. Query
    stems, not every reading an indexed word has (فبراير is no براير): a query keeps its
    letters."""
    arabic, english = month_name(month, "ar", system), month_name(month, "en")
    return frozenset(stems(f"{arabic} {year} {english} {year}"))


State = tuple[tuple[str, ...], tuple[str, ...]]  # (sources, versions) by id: Index.state


@dataclass(frozen=True)
class Ids:
    """An Index's articles by id and its state, with the listing they were made from: a session
    (sitegen serve) keeps them, and the next build's Index starts from them when a few articles
    changed in place (sorting and going over 10,000 articles took 20 ms of a 160 ms rebuild)."""

    listed: Sequence[Article]  # site.articles
    articles: list[Article]  # by id
    at: Mapping[str, int]  # source -> id
    state: State


PATCH_LIMIT = 16  # more changed articles than this: the ids are made afresh


def ids_of(listed: Sequence[Article]) -> Ids:
    """The ids of the articles of a Site (listed: site.articles), made afresh: what a session
    whose first build had nothing to do prepares for the first edit (see session.warm)."""
    articles = _by_id(listed)
    return _made_ids(listed, articles, _state(articles))


def _made_ids(
    listed: Sequence[Article], articles: list[Article], state: State, at: Mapping[str, int] | None = None
) -> Ids:
    if at is None:
        at = dict(zip(state[0], range(len(articles)), strict=True))
    return Ids(listed, articles, at, state)


def _state(articles: Sequence[Article]) -> State:
    """Index.state of the articles by id."""
    return tuple(map(_SOURCE, articles)), tuple(map(operator.add, map(_DIGEST, articles), map(_LIGHT, articles)))


def _ids_after(ids: Ids, listed: Sequence[Article]) -> tuple[list[Article], State] | None:
    """The articles by id and the state of listed, from ids of an earlier listing; None unless
    every article of that listing is still in its place, the very same object or another
    version of it (same file) with the same date and time: ids follow from the files and dates in
    listing order alone (_by_id)."""
    if len(listed) != len(ids.listed):
        return None
    changed = list(compress(range(len(listed)), map(operator.is_not, listed, ids.listed)))
    if len(changed) > PATCH_LIMIT:
        return None
    articles, versions = list(ids.articles), list(ids.state[1])
    for i in changed:
        new, old = listed[i], ids.listed[i]
        if new.source != old.source or new.date != old.date or new.time != old.time:
            return None
        n = ids.at[new.source]
        articles[n] = new
        versions[n] = new.digest + new.light
    return articles, (ids.state[0], tuple(versions))


class Index:
    """What makes the search files: the articles of a Site by id, and how they are shown.

    ``before``: the ids of the previous build in the same process (Index.ids), to start from."""

    def __init__(self, renderer: Renderer, before: Ids | None = None):
        self.renderer = renderer
        self.languages = renderer.config.languages
        listed = renderer.site.articles
        patched = _ids_after(before, listed) if before is not None else None
        self._at = before.at if patched is not None and before is not None else None
        self._months: dict[tuple[int, int], frozenset[str]] = {}
        if patched is not None:
            self.articles, self.__dict__["state"] = patched  # the cached_property's value
        else:
            self.articles = _by_id(listed)

    def ids(self) -> Ids:
        """What the next Index in this process may start from."""
        return _made_ids(self.renderer.site.articles, self.articles, self.state, self._at)

    def key(self, versions: Sequence[str]) -> str:
        """A digest of everything the files are made from: each article's version (see
        state), in id order, and the configuration. One join and one digest: 10,000
        articles take a few ms."""
        text = f"{FORMAT}\0{self.renderer.key}\0" + "\0".join(versions)
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    @functools.cached_property
    def state(self) -> State:
        """(sources, versions) by id: what the next build patches the files from. A version is
        the article's source digest and listing digest (title, slug, date, tags, lead...)."""
        return _state(self.articles)

    def dated(self, article: Article) -> frozenset[str]:
        """The stems an article is found by from its date: its year, and its month as the
        results name it in either language (the site's month system: أبريل, نيسان or أفريل, and
        April; date_terms). A dateline is taken out of the body, so a reader's 2024, أبريل 2024
        or April 2024 found no article of that month whose text did not say it again. Not the
        day: every article would be filed under one of the numbers 1 to 31, which a reader's 19
        or 3 would then find. Filed apart from the words ("d" of a shard), which the page matches
        only whole: a word being typed (الما, on the way to المال, or mar) would otherwise find
        every article of a month its letters begin (مايو, March)."""
        d = article.date
        if d is None:
            return frozenset()
        found = self._months.get((d.year, d.month))
        if found is None:
            found = self._months[(d.year, d.month)] = date_terms(d.year, d.month, self.renderer.config.month_system)
        return found

    def record(self, article: Article) -> list[str | list[str]]:
        """[url, title, lang, ISO date, the date in each interface language..., lead], and the
        title's own language last when it is in the other script than its article ("Apple WWDC
        2024" over an Arabic report), as its card marks it (views.title_view): only then, so that
        the index grows by a few bytes for such titles alone. A date with its Hijri date beside
        it (the Arabic cards' two calendars) is [date, Hijri date]."""
        r = self.renderer
        url = r.href(article.url)[len(r.config.base_path) :]
        d = article.date
        views = [r.date_view(article, lang) or {} for lang in self.languages]
        shown: list[str | list[str]] = [
            [view["text"], view["hijri"]] if view.get("hijri") else view.get("text", "") for view in views
        ]
        lead = shorten(article.summary or first_text(article), 220)
        record = [url, article.title, article.lang, d.isoformat() if d else "", *shown, lead]
        if (own := other_lang(article.title, article.lang)) is not None:
            record.append(own)
        return record

    def chunk_file(self, n: int) -> bytes:
        return dumps([self.record(a) for a in self.articles[n * CHUNK : (n + 1) * CHUNK]])

    def meta(self, shards: Mapping[str, str], docs: Sequence[str]) -> bytes:
        return dumps(
            {
                "version": FORMAT,
                "articles": len(self.articles),
                "chunk": CHUNK,
                "languages": list(self.languages),
                "rules": client_rules(),
                "shards": dict(shards),
                "docs": list(docs),
            }
        )


_SOURCE = operator.attrgetter("source")
_DIGEST = operator.attrgetter("digest")
_LIGHT = operator.attrgetter("light")
_DAY_FILE = operator.attrgetter("date", "source")


def _by_id(listed: Sequence[Article]) -> list[Article]:
    """The articles in the order of their ids: undated ones first, then by day; articles of one
    day in the order of their files, so that the one added last on a day (its file named after
    the others: 003.txt after 002.txt) is added at the end and every other article keeps its id.

    ``listed`` is the listing order (collect.listing_key: newest first, undated last; within a
    day latest first, then by file)."""
    dated = len(listed)
    while dated and listed[dated - 1].date is None:
        dated -= 1
    return [*listed[dated:], *sorted(listed[:dated], key=_DAY_FILE)]


def _chunks(n: int) -> int:
    return (n + CHUNK - 1) // CHUNK


def full_index(renderer: Renderer) -> Iterator[Page]:
    """Every search file, made afresh; one at a time, the list of files last (at 100,000
    articles the files take some 300 MB)."""
    index = Index(renderer)
    memo = Memo()
    # term -> ids, as 4-byte integers (a 100,000-article archive has some 20 million postings)
    body: defaultdict[str, array[int]] = defaultdict(_ids_array)
    title: defaultdict[str, array[int]] = defaultdict(_ids_array)
    dated: defaultdict[str, array[int]] = defaultdict(_ids_array)
    for i, article in enumerate(index.articles):  # ids ascending: every list is sorted as made
        if article.stems is not None:
            in_title, others = article.stems.lists()
        else:
            in_title_set, anywhere = article_stems(article, memo)
            in_title, others = list(in_title_set), list(anywhere - in_title_set)
        for term in in_title:
            title[term].append(i)
            body[term].append(i)
        for term in others:
            body[term].append(i)
        for term in index.dated(article):
            dated[term].append(i)
    by_shard: dict[str, tuple[dict[str, array[int]], dict[str, array[int]], dict[str, array[int]]]] = {}
    for terms, part in ((body, 0), (title, 1), (dated, 2)):
        for term, ids in terms.items():
            by_shard.setdefault(shard_key(term), ({}, {}, {}))[part][term] = ids
    shards = {}
    for key in sorted(by_shard):
        content = shard_file(*by_shard[key])
        shards[key] = _digest(content)
        yield _page(f"{SHARDS}{key}.json", content)
    docs = []
    for n in range(_chunks(len(index.articles))):
        content = index.chunk_file(n)
        docs.append(_digest(content))
        yield _page(f"{DOCS}{n}.json", content)
    key = index.key(index.state[1])
    yield Page(path=INDEX, content=index.meta(shards, docs), fingerprint=_fingerprint(key))


def _page(path: str, content: bytes) -> Page:
    return Page(path=path, content=content, fingerprint="search:" + _digest(content))


def _fingerprint(key: str) -> str:
    return "search:" + key


def kept_or_patched(
    index: Index,
    before: State,
    earlier: Callable[[str], Article | None],
    previous: Mapping[str, str],
    read: Callable[[str], bytes | None],
) -> list[Page] | None:
    """The search files when the previous build's can be kept or patched: stubs for the kept
    files and the rewritten ones; None when they must be made afresh (full_index).

    ``before``: the Index.state of the previous build's index; ``earlier(source)``: the article as
    that build had it, for those that changed since. Patched when every article of that build
    keeps its id (articles were edited, or added as the newest): the shards of the stems an
    edit removed or added are rewritten, and the chunks of the articles whose record changed.
    The files are then the same bytes as full_index would make (tests compare them)."""
    renderer = index.renderer
    sources, versions = index.state
    key = index.key(versions)
    fingerprint = previous.get(INDEX)
    if fingerprint is None:
        return None
    if fingerprint == _fingerprint(key):
        paths = [p for p in previous if p.startswith("search/") and p.endswith(".json")]
        if not all(map(renderer.exists, paths)):
            return None
        return [Page(path=p, content=None, fingerprint=previous[p]) for p in paths]
    old_sources, old_versions = before
    if fingerprint != _fingerprint(index.key(old_versions)) or sources[: len(old_sources)] != old_sources:
        return None  # not the index of that state, or ids moved: an article deleted or moved in the order
    changed: list[tuple[int, Article | None, Article]] = []
    for i in compress(range(len(old_versions)), map(operator.ne, versions, old_versions)):  # at C speed
        new = index.articles[i]
        was = earlier(new.source)
        if was is None or was.digest + was.light != old_versions[i]:
            return None
        changed.append((i, was, new))
    changed += ((i, None, index.articles[i]) for i in range(len(old_versions), len(versions)))
    try:
        return _patched(index, changed, previous, read)
    except (ValueError, LookupError, TypeError, AttributeError):
        return None  # a search file of the output damaged (edited by hand): made afresh


def _patched(
    index: Index,
    changed: list[tuple[int, Article | None, Article]],
    previous: Mapping[str, str],
    read: Callable[[str], bytes | None],
) -> list[Page] | None:
    """kept_or_patched's pages for the changed articles (id, earlier version or None, now),
    from the previous build's files; None when one of them is missing."""
    renderer = index.renderer
    meta_bytes = read(INDEX)
    if meta_bytes is None:
        return None
    meta = json.loads(meta_bytes)
    shards: dict[str, str] = meta["shards"]
    docs: list[str] = meta["docs"]
    memo = Memo()
    add: dict[str, dict[str, set[int]]] = {}  # "b"/"t"/"d" -> term -> ids
    remove: dict[str, dict[str, set[int]]] = {}
    chunks: set[int] = set()
    for i, was, new in changed:
        old_title, old_all = article_stems(was, memo) if was is not None else (frozenset(), frozenset())
        new_title, new_all = article_stems(new, memo)
        old_dated, new_dated = index.dated(was) if was is not None else frozenset(), index.dated(new)
        for kind, b, a in (("b", old_all, new_all), ("t", old_title, new_title), ("d", old_dated, new_dated)):
            for term in a - b:
                add.setdefault(kind, {}).setdefault(term, set()).add(i)
            for term in b - a:
                remove.setdefault(kind, {}).setdefault(term, set()).add(i)
        if was is None or index.record(was) != index.record(new):
            chunks.add(i // CHUNK)
    by_shard: dict[str, list[tuple[str, str, set[int], bool]]] = {}  # (kind, term, ids, added)
    for changes, added in ((add, True), (remove, False)):
        for kind, terms in changes.items():
            for term, ids in terms.items():
                by_shard.setdefault(shard_key(term), []).append((kind, term, ids, added))
    pages: dict[str, Page] = {}
    for skey in sorted(by_shard):
        path = f"{SHARDS}{skey}.json"
        data: dict[str, dict[str, list[int]]] = {"b": {}, "t": {}}
        if skey in shards:
            content = read(path)
            if content is None:
                return None
            data = json.loads(content)  # the other terms' lists are written back as they are
        data.setdefault("d", {})
        for kind, term, ids, added in by_shard[skey]:
            current = _ids(data[kind].get(term, ()))
            current = current | ids if added else current - ids
            if current:
                data[kind][term] = _deltas(current)
            else:
                data[kind].pop(term, None)
        if not data["d"]:
            del data["d"]  # as shard_file writes it
        if data["b"] or "d" in data:
            content = dumps(data)
            shards[skey] = _digest(content)
            pages[path] = _page(path, content)
        else:
            shards.pop(skey, None)
    del docs[_chunks(len(index.articles)) :]
    for n in sorted(chunks):
        path = f"{DOCS}{n}.json"
        content = index.chunk_file(n)
        docs[n : n + 1] = [_digest(content)]
        pages[path] = _page(path, content)
    result = [pages[p] for p in sorted(pages)]
    kept = [f"{SHARDS}{k}.json" for k in shards] + [f"{DOCS}{n}.json" for n in range(len(docs))]
    for path in kept:
        if path not in pages:
            if path not in previous or not renderer.exists(path):
                return None
            result.append(Page(path=path, content=None, fingerprint=previous[path]))
    ordered = {k: shards[k] for k in sorted(shards)}
    key = index.key(index.state[1])
    result.append(Page(path=INDEX, content=index.meta(ordered, docs), fingerprint=_fingerprint(key)))
    return result
