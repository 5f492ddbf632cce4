"""What pages are made from, summed up as digests: the keys that let an incremental build skip an
unchanged task, or page, without building its context.

The Renderer makes pages; this module only says whether their inputs changed. Keys are made in
bulk (joins over the articles' listing digests, one C loop to compare a list of the very same
article objects), so that a build after a one-article edit costs little more than reading the
cache. Holds immutable inputs and memos only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
from collections.abc import Collection, Mapping
from typing import Any

from sitegen.links import kept_as_written, linked_article
from sitegen.model import Article, Site
from sitegen.views import light_digest

_LIGHT = operator.attrgetter("light")  # an article's listing digest (collect() sets it)


@dataclasses.dataclass(frozen=True)
class ChunkKey:
    """A chunk's task key and what it was made from (Keys._chunk)."""

    site_key: str
    articles: tuple[Article, ...]
    sources: tuple[str, ...]
    versions: tuple[dict[str, Article] | None, ...]
    ends: tuple[tuple[Article, Article], ...]  # the first and last article of each language
    neighbours: tuple[tuple[Article | None, Article | None], ...]
    key: str


class Keys:
    """Digests of a site's pages and tasks. ``key`` covers catalogs and configuration; the rest
    is what each page shows of the articles and of the files beside them."""

    def __init__(
        self,
        site: Site,
        key: str = "",
        *,
        memo: dict[Any, tuple[Any, str]] | None = None,
        chunks: dict[tuple[Any, ...], ChunkKey] | None = None,
        published: Collection[str] = frozenset(),
        image_sizes: Mapping[str, tuple[int, int]] | None = None,
        redirects: Mapping[str, str] | None = None,
        unpublished: Collection[str] = frozenset(),
    ):
        self.site = site
        self.key = key
        # Keys of article lists from the previous build in this process (sitegen serve): a list
        # made of the very same article objects has the same key; comparing them is one C loop.
        # A command-line build gets those of the lists it knows to be unchanged (build.py).
        self.memo = {} if memo is None else memo
        # Keys of article-page chunks from the previous build in this process (see _chunk);
        # None: no later build in this process would use them (the command line).
        self.chunks = chunks
        self.published_media = published
        self.image_sizes = image_sizes or {}
        self.redirects = redirects or {}
        # The article files that publish nothing (drafts, files that could not be read): a link
        # from the site's root to one is its text, to no article file at all it stays as written.
        self.unpublished = unpublished
        self._tags: dict[str, str] = {}
        self._all: str | None = None

    def published(self, source: str) -> Article | None:
        """The article published from a source file; None for a draft, a file that could not be
        read or no file at all."""
        n = self.site.index.get(source)
        if n is None and (found := linked_article(source, self.site.index)) is not None:
            n = self.site.index[found]  # a reference without the file's suffix (Jekyll's post_url)
        return None if n is None else self.site.articles[n]

    def as_written(self, source: str) -> bool:
        """Whether a link to an article file stays as written (links.kept_as_written)."""
        return kept_as_written(source, self.site.index, self.unpublished)

    def light(self, article: Article | None) -> str:
        """Everything about an article that other pages show: fields and the excerpt, not the body.

        An edit further down an article's body therefore re-renders only the article's own page
        (and feeds with full content), not every list it appears in.
        """
        if article is None:
            return "-"
        return article.light or light_digest(article)

    def links(self, article: Article) -> str:
        """What an article's body takes from the articles it links to (links.link_articles): the
        URL of each and its file's digest (its headings' ids, which #fragments name, come from
        it), or that none is published. Part of its page's and its full feed entry's keys, so
        that a renamed, added, removed or drafted article, or a renamed heading, updates the
        links to it; or, for a link from the site's root, whether it stays as written."""
        return repr(
            [
                (
                    rel,
                    (linked.slug, linked.digest or repr(linked.body))
                    if (linked := self.published(rel))
                    else ("as written" if self.as_written(rel) else None),
                )
                for rel, _ in article.links
            ]
        )

    def media(self, article: Article) -> str:
        """What the article page's og:image and picture sizes depend on besides the body (in its
        digest) and the configuration: which of the files it refers to are published (one may
        come later), and their sizes. Cheap: no body is unpacked for the task keys of a build that
        renders nothing."""
        return repr([(rel in self.published_media, self.image_sizes.get(rel)) for rel, _ in article.media])

    def redirect(self, path: str, article: Article | None) -> str:
        """What a redirect page shows of its article: URL, title, language and description (the
        listing digest covers them all, the description as the excerpt's start)."""
        assert article is not None  # redirects.plan() takes them from the published articles
        return repr((path, self.light(article)))

    def task(self, task: tuple[Any, ...]) -> str | None:
        """A digest of everything a whole task's pages are made from, or None (always rendered).

        Equal to the previous build's key, the task is skipped without planning its pages one
        by one.
        """
        kind = task[0]
        parts: list[str] = [repr(task)]
        if kind == "articles":
            return self._chunk(task)
        elif kind in ("home", "archive", "hijri"):
            parts.append(self.articles())
        elif kind == "tags":
            parts += map(self.tag, task[2])
        elif kind == "tag-index":
            parts.append(repr([(tag, len(self.site.by_tag[slug])) for slug, tag in self.site.tags.items()]))
        elif kind == "search":
            pass  # the page shows nothing of the articles: the site key and the task say it all
        elif kind == "redirects":
            parts += (self.redirect(path, self.published(source)) for path, source in self.redirects.items())
        else:
            return None
        return digest(self.key + "\0" + "\0".join(parts))

    def _chunk(self, task: tuple[Any, ...]) -> str:
        """The task key of a chunk of article pages: its articles (fields and bodies), what
        their pages show of other articles (neighbours, translations) and of other files
        (media, links).

        Kept for the next build in the same process while the chunk holds the very same
        articles, translations and neighbours, unless one has media or links (which depend on
        more): the 40 chunks of an archive of 10,000 took 15 ms of each edit on a slow machine.
        """
        start, end = task[1], task[2]
        chunk = self.site.articles[start:end]
        translations = self.site.translations
        known = self.chunks.get(task) if self.chunks is not None else None
        if (
            known is not None
            and known.site_key == self.key
            and known.articles == chunk  # the very same objects: one C loop
            and tuple(map(translations.get, known.sources)) == known.versions
            and known.neighbours == self._around(known.ends)
        ):
            return known.key
        parts: list[str] = [repr(task)]
        # Newer and older links lead to the nearest article of the same language, which for
        # the first and the last article of each language in the chunk may lie outside it.
        first: dict[str, Article] = {}
        last: dict[str, Article] = {}
        plain = True  # no media, no links
        for article in chunk:
            parts.append(article.light + (article.digest or repr(article.body)))
            if article.media:
                parts.append(self.media(article))
                plain = False
            if article.links:
                parts.append(self.links(article))
                plain = False
            versions = translations.get(article.source)
            if versions:
                parts.append(repr([(lang, v.light) for lang, v in versions.items()]))
            first.setdefault(article.lang, article)
            last[article.lang] = article
        ends = tuple((first[lang], last[lang]) for lang in sorted(first))
        neighbours = self._around(ends)
        for lang, (newer, older) in zip(sorted(first), neighbours, strict=True):
            parts.append(f"{lang}\0{self.light(newer)}\0{self.light(older)}")
        key = digest(self.key + "\0" + "\0".join(parts))
        if self.chunks is None:
            return key
        if plain:
            sources = tuple(article.source for article in chunk)
            versions_now = tuple(map(translations.get, sources))
            self.chunks[task] = ChunkKey(self.key, chunk, sources, versions_now, ends, neighbours, key)
        else:
            self.chunks.pop(task, None)
        return key

    def _around(self, ends: tuple[tuple[Article, Article], ...]) -> tuple[tuple[Article | None, Article | None], ...]:
        """The newer neighbour of each first and the older one of each last article."""
        return tuple((self.site.neighbours(first)[0], self.site.neighbours(last)[1]) for first, last in ends)

    def articles(self) -> str:
        """A digest of every article's listing digest, in listing order: made once per build."""
        if self._all is None:
            self._all = self._list("all", self.site.articles)
        return self._all

    def _list(self, name: Any, articles: tuple[Article, ...], extra: Any = "") -> str:
        """A digest of extra and the listing digests of the articles (of their list, by name)."""
        known = self.memo.get(name)
        if known is not None and known[0] == (extra, articles):
            return known[1]
        key = digest(repr(extra) + "".join(map(_LIGHT, articles)))
        self.memo[name] = ((extra, articles), key)
        return key

    def lists(self) -> dict[Any, tuple[Any, str]]:
        """name -> (extra, key) of every list key made: what the next build in another process
        may reuse for the lists it knows to be unchanged (see memo)."""
        return {name: (known[0][0], known[1]) for name, known in self.memo.items()}

    def tag(self, slug: str) -> str:
        """A digest of a tag and its articles' listing digests, made once for every language."""
        key = self._tags.get(slug)
        if key is None:
            tag = self.site.tags[slug]
            key = self._tags[slug] = self._list(("tag", slug), self.site.by_tag[slug], tag)
        return key


def digest(text: str) -> str:
    """A short hex digest of a text: page and task keys."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
