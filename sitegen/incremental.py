"""What a build takes over from the last one, beside the pages themselves.

The inputs key (every input's size and stamp: equal keys, nothing to do), the keys of the
article lists known unchanged (a render memo, Keys.memo), the shape of the Site for the next
build's thaw(), and an article's previous version for the search index's patch.
"""

from __future__ import annotations

import hashlib
import itertools
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sitegen import cache
from sitegen import tags as tagging
from sitegen.articles import Loaded, size_and_stamp
from sitegen.collect import Collected, Shape, freeze, refreeze
from sitegen.config import Config
from sitegen.manifest import Manifest
from sitegen.model import Article, Diagnostic
from sitegen.session import Session


def inputs_key(
    config: Config,
    key: str,
    static: dict[str, Path],
    discovered: tuple[list[str], list[Diagnostic]] | None,
    stats: dict[str, tuple[int, int]] | None,
) -> str | None:
    """A fingerprint of every input of the build, from file sizes and modification times.

    Equal keys mean an unchanged tree, so a repeated build can stop at once. Any doubt (a file
    that cannot be stat-ed) gives None, which forces the normal build.
    """
    if discovered is None or stats is None:
        return None
    try:
        extra = [config.root / "tags.toml", *static.values()]
        more = [(str(p), *size_and_stamp(p)) for p in extra if p.exists()]
    except OSError:
        return None
    shipped = tagging.shipped_vocabulary_text()
    notes = [str(n) for n in discovered[1]]
    return cache.environment_key(key, config.tag_min_mentions, shipped, _stats_digest(stats), more, notes)


def _stats_digest(stats: dict[str, tuple[int, int]]) -> str:
    """A digest of every source file's path, size and stamp: the repr of 10,000 tuples cost 30 ms."""
    ordered = sorted(stats)
    digest = hashlib.blake2b("\0".join(ordered).encode("utf-8", "surrogatepass"), digest_size=16)
    digest.update(struct.pack(f"<{2 * len(ordered)}q", *itertools.chain.from_iterable(map(stats.__getitem__, ordered))))
    return digest.hexdigest()


def list_memo(
    session: Session | None, previous: Manifest | None, prior: Collected | None, collected: Collected
) -> dict[Any, tuple[Any, str]]:
    """The render memo of a build: the lists known unchanged (unchanged_lists) and, in a session,
    every list key made by its builds (reused while a list holds the very same articles)."""
    if session is None:
        return unchanged_lists(previous, prior, collected)
    # previous.lists are those of the Site in session.built: a build that failed after
    # collecting leaves another in session.collected (prior), whose lists may differ.
    unchanged = unchanged_lists(previous, prior, collected) if prior is session.built else {}
    # A session compares lists by identity: after an edit, the lists that hold the edited
    # article (all articles, its tags') would be digested again although its listing is unchanged.
    session.render_memo.update(unchanged)
    return session.render_memo


def unchanged_lists(
    previous: Manifest | None, prior: Collected | None, collected: Collected
) -> dict[Any, tuple[Any, str]]:
    """A render memo (Keys.memo) of the previous build's list keys for the lists that are
    unchanged, when the Site was patched from the one thawed from its shape; else empty.

    Every article is then where it was, so a list changed only if an edited article's listing
    digest changed: only the lists of such an article (its tags', all articles') are digested
    again, not 100,000 listing digests (90 ms on a slow machine).
    """
    if previous is None or prior is None or collected.site.index is not prior.site.index:
        return {}
    site = collected.site
    stale: set[Any] = set()
    for old, new in zip(prior.site.articles, site.articles, strict=True):
        if old is not new and old.light != new.light:
            stale.add("all")
            stale.update(("tag", tag.slug) for tag in new.tags)
    memo: dict[Any, tuple[Any, str]] = {}
    for name, (extra, key) in previous.lists.items():
        listed = site.articles if name == "all" else site.by_tag.get(name[1]) if name[0] == "tag" else None
        if listed is not None and name not in stale:
            memo[name] = ((extra, listed), key)
    return memo


def shape_of(base: Shape | None, prior: Collected | None, collected: Collected, loaded: Loaded) -> Shape | None:
    """The shape of the collected Site for the manifest: base (the shape of prior) with the
    edits put in when every article is where it was (freezing 100,000 articles took 0.5 s after
    each edit in sitegen serve), else frozen afresh."""
    if (
        base is not None
        and prior is not None
        and collected.site.index is prior.site.index
        and base.key == loaded.key
        and base.zone == collected.zone
        and base.sources == loaded.sources
    ):
        return refreeze(base, collected, loaded.digests)
    return freeze(collected, loaded.key, loaded.sources, loaded.digests)


def earlier_version(prior: Collected | None, cached: Mapping[str, Article], source: str) -> Article | None:
    """The previous build's version of an article: in the last Site (sitegen serve, or thawed
    from the manifest), else as the article cache had it before this build read the file."""
    if prior is not None:
        n = prior.site.index.get(source)
        if n is not None:
            return prior.site.articles[n]
    return cached.get(source)
