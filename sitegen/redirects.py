"""Redirects from the addresses an article had before: which can be published, and where. Pure.

An archive moved from Jekyll, Hugo, Pelican or a news site's CMS has years of links to its old
addresses (in other sites, search engines, readers' bookmarks). A Markdown article names them
in its metadata (Hugo's ``aliases``, Jekyll's ``redirect_from``, its old ``url`` or
``permalink``); the build writes a small page at each that sends the reader on to the
article (``<meta http-equiv="refresh">`` and a link: GitHub Pages has no server-side
redirects). A redirect never replaces a page of the site: such an address is refused with a
warning that names the article file and line.
"""

from __future__ import annotations

import dataclasses
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from sitegen.config import Config
from sitegen.model import Article, Diagnostic, Site

_ALIASES = operator.attrgetter("aliases")

# Front matter keys that give an article's earlier addresses, in the order they are read.
KEYS = ("aliases", "redirect_from", "url", "permalink")

# Sections of every interface (the home is its prefix's index.html) and, at the root only, the
# site's own folders and files; an address inside one is refused unless it is a free article
# URL (articles/OLD-SLUG/, an article renamed).
_SECTIONS = frozenset({"index.html", "404.html", "feed.xml", "tags", "archive", "page", "search"})
_ROOT = frozenset({"articles", "static", "media", "robots.txt", "cname", "sitemap.xml", "sitemap"})
_SITEMAP_PART = re.compile(r"sitemap-\d+\.xml")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_SUFFIX = re.compile(r"\.([A-Za-z0-9]{1,5})$")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f\\<>"|*?:]')  # not in a file name on every system, or a URL
_NAME_MAX = 255  # bytes of one path segment on common file systems


def alias_file(raw: str) -> str:
    """The output file of a redirect from an earlier address of this site (/2019/03/old/ ->
    2019/03/old/index.html; /old.html stays a file). Raises ValueError saying why an address
    cannot be one: another site's, with a query, leaving the site, the home page, or a file a
    static host would not serve as a page (old.php)."""
    text = raw.strip()
    if not text:
        raise ValueError("it is empty")
    if text.startswith("//") or _SCHEME.match(text):
        raise ValueError("give the path on this site only (/2019/03/old-title/), without scheme or host")
    text = text.split("#", 1)[0]  # a fragment never reaches the server
    if "?" in text:
        raise ValueError(
            "an address with a query (?p=12) cannot be redirected by a static site: "
            "it serves the same file with any query"
        )
    if "{" in text or (":" in text and re.search(r"(^|/):[a-z_]+", text)):
        raise ValueError("it holds placeholders (:year, :title, {slug}), not one address")
    path = unquote(text, errors="strict")
    folder = path.endswith("/")
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ValueError("it leads out of the site ('..')")
    if not parts:
        raise ValueError("it is the site's home page")
    for part in parts:
        if _UNSAFE.search(part) or part.startswith("."):
            raise ValueError(f'{part!r} cannot be a file name on every system (a hidden name, or one of \\<>"|*?:)')
        if len(part.encode("utf-8", "surrogatepass")) > _NAME_MAX:
            raise ValueError(f"a part of it is longer than {_NAME_MAX} bytes, more than a file name can be")
    suffix = _SUFFIX.search(parts[-1])
    if folder or suffix is None:
        return "/".join(parts) + "/index.html"
    if suffix[1].lower() in ("html", "htm"):
        return "/".join(parts)
    raise ValueError(
        f"a static host serves a .{suffix[1]} file as a download, not as a page: "
        "only a folder (/old/) or an .html file can redirect"
    )


@dataclass(frozen=True)
class Redirects:
    """The redirect files to write (output path -> the source of the article they lead to), in
    path order, and why some addresses were refused."""

    files: dict[str, str]
    diagnostics: tuple[Diagnostic, ...] = ()


def plan(site: Site, prefixes: Iterable[str]) -> Redirects:
    """Which of the published articles' earlier addresses get a redirect.

    ``prefixes`` are the interfaces' folders ("" and "en/"): their sections are the site's. An
    address of a page the site has (a published article's, a tag page, a feed) keeps that page;
    one claimed by two articles goes to the newer one (listing order), as its URL is more likely
    the one in use. Compared without case, as a case-insensitive disk (macOS, Windows) would.
    """
    typed = _typed_addresses(site)
    if not typed and not any(map(_ALIASES, site.articles)):
        return Redirects({})  # nearly every archive: not a word more per article
    prefixes = tuple(prefixes)
    slugs = {article.slug.casefold() for article in site.articles}
    files: dict[str, str] = {}
    claimed: dict[str, tuple[str, int | None]] = {}  # folded path -> (source, line)
    folders: dict[str, str] = {}  # folded folder -> the folded path of a redirect file in it
    notes: list[Diagnostic] = []
    for article in site.articles:
        aliases = article.aliases
        if (earlier := typed.get(article.source)) is not None and all(path != earlier for path, _ in aliases):
            aliases = (*aliases, (earlier, None))
        for path, line in aliases:
            folded = path.casefold()
            if folded == article.path.casefold():
                continue  # its own address (a Hugo 'url' that sitegen's URL happens to equal)
            above = [f for f in _folders(folded) if f in claimed]  # a redirect file named as a folder
            clash = above[0] if above else folders.get(folded, folded)
            why = _reserved(folded, prefixes, slugs)
            if why is None and clash in claimed:
                first, first_line = claimed[clash]
                if first == article.source and clash == folded:
                    continue  # the same address twice in one file: one redirect, nothing to say
                verb = "redirects it already" if clash == folded else f"redirects '/{_address(clash)}', in the way"
                why = f"{first}{f':{first_line}' if first_line else ''} {verb}"
            if why is not None:
                message = f"no redirect from '/{_address(path)}': {why}"
                notes.append(Diagnostic(article.source, message, line))
                continue
            claimed[folded] = (article.source, line)
            folders.update((folder, folded) for folder in _folders(folded))
            files[path] = article.source
    return Redirects(dict(sorted(files.items())), tuple(notes))


def _typed_addresses(site: Site) -> dict[str, str]:
    """source -> the redirect file of the address an article had while sitegen read its Markdown
    title's character references as typed (Article.typed_slug), when that is not its address now:
    an archive built then and rebuilt now keeps its links, bookmarks and search results. The
    address is the one collect.unique_slugs gave then, among the articles that wanted that slug
    (its first one keeps it, the others have a suffix)."""
    wanting: dict[str, list[Article]] = {}
    for article in site.articles:
        if article.typed_slug:
            wanting.setdefault(article.typed_slug.casefold(), []).append(article)
    if not wanting:
        return {}
    from sitegen.collect import unique_slugs

    for article in site.articles:  # one that has that address now wanted it then too
        if not article.typed_slug and (group := wanting.get(article.slug.casefold())) is not None:
            group.append(article)
    addresses: dict[str, str] = {}
    for group in wanting.values():
        then = unique_slugs([dataclasses.replace(a, slug=a.typed_slug or a.slug, typed_slug="") for a in group])
        for now, was in zip(group, then, strict=True):
            if now.typed_slug:
                addresses[now.source] = f"articles/{was.slug}/index.html"
    return addresses


def redirect_plan(site: Site, config: Config) -> Redirects:
    """The redirects from the articles' earlier addresses, around every interface's sections."""
    return plan(site, ("" if lang == config.default_lang else f"{lang}/" for lang in config.languages))


def _folders(path: str) -> list[str]:
    """The folders a file is in, as paths (a/b/index.html -> a, a/b)."""
    parts = path.split("/")
    return ["/".join(parts[:n]) for n in range(1, len(parts))]


def _address(path: str) -> str:
    """The address a redirect file answers (2019/old/index.html -> 2019/old/)."""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def _reserved(path: str, prefixes: tuple[str, ...], slugs: set[str]) -> str | None:
    """Why a (case-folded) redirect file would replace a page of the site, or None."""
    parts = path.split("/")
    if parts[0] in _ROOT or _SITEMAP_PART.fullmatch(parts[0]):
        if parts[0] == "articles" and len(parts) >= 2 and parts[1] not in slugs:
            return None  # the address of an article renamed since (articles/OLD-SLUG/): free
        return "it is an address of this site's own pages and files"
    for prefix in prefixes:
        inner = path[len(prefix) :] if path.startswith(prefix) else None
        if inner is not None and inner.split("/")[0] in _SECTIONS:
            return "it is an address of this site's own pages"
    return None
