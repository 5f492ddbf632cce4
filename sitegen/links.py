"""Links of an article to other articles: to their source files, and to their pages. Pure.

A link to another article's source file (``[see](../2023/story.md)``, as it works on GitHub)
must lead to that article's page, whose slug is only final once the articles are collected
(two articles may want one). So it is marked when the file is parsed (media.localize writes
``sitegen:article/``, a scheme that no sanitized body can hold) and resolved when the page is
rendered (link_articles), to ``../SLUG/`` or, when no article is published from the file, to the
link's text; the build warns about those (link_diagnostics).

A link to a page of the site by its address (``../other-slug/``) or to a #fragment of another
article's page is noted when the file is parsed (folder_links, fragment_links) and checked on
every build against the articles collected (page_links, missing_fragments).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from urllib.parse import unquote

from sitegen import anchors
from sitegen.media import ARTICLE_MARK, ARTICLE_SUFFIXES, MediaRef, line_of
from sitegen.model import Article, Diagnostic

# A marked link in nh3's output (anchors never nest there): attributes before and after the
# href, the file, the ?query (of a link from the site's root), the #fragment and the link's content.
_ATTRIBUTES = r'((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*?)'
_MARKED_LINK = re.compile(
    rf'<a{_ATTRIBUTES} href="{re.escape(ARTICLE_MARK)}([^"#?]*)(\?[^"#]*)?(#[^"]*)?"{_ATTRIBUTES}\s*>(.*?)</a>',
    re.DOTALL,
)
# The files a reference without a suffix (urls.ARTICLE_STEM) may name, in this order.
_STEM_SUFFIXES = (".md", ".markdown", "/index.md", "/index.markdown")


def linked_article(rel: str, sources: Container[str]) -> str | None:
    """The article file that a link to ``rel`` names, if it is in ``sources``: rel itself, or
    for a reference without a suffix (urls.ARTICLE_STEM) the first of rel.md, rel.markdown and a
    page bundle's rel/index.md that is. A post_url's or link's _posts/NAME is also found without
    its _posts folder: an archive copied out of a Jekyll site often holds the posts alone. A
    link from the site's root (/2023/story.md, localize keeps its '/') names a file from the top
    of the source folder."""
    if rel in sources:
        return rel
    if rel.startswith("/"):
        return linked_article(rel[1:], sources)
    if posixpath.splitext(rel)[1].lower() not in ARTICLE_SUFFIXES:
        found = next((rel + suffix for suffix in _STEM_SUFFIXES if rel + suffix in sources), None)
        if found is not None:
            return found
    if "_posts" in (parts := rel.split("/")):
        parts.remove("_posts")
        return linked_article("/".join(parts), sources)
    return None


def marked_source(path: str) -> str:
    """The article file that a marked link's path names (media.localize marks a relative link
    with its file's path, quoted, and one from the site's root with its path as written, so that
    kept as written it keeps every letter): from the root, the path as localize reads it."""
    source = unquote(path)
    return "/" + posixpath.normpath(source).lstrip("/") if source.startswith("/") else source


_FOLDER_LINK = re.compile(r'<a\b[^>]*? href="([^"#?:]*/)(?:[#?][^"]*)?"')


def folder_links(body_html: str, text: str) -> tuple[MediaRef, ...]:
    """The body's links to a page of the site by a relative address ("../other-slug/"), each
    with the line of the file that writes it: whether such a page exists is only known when
    the articles are collected (page_links)."""
    if '/"' not in body_html and "/#" not in body_html:
        return ()
    found: dict[str, int | None] = {}
    for match in _FOLDER_LINK.finditer(body_html):
        value = html.unescape(match.group(1))
        if not value.startswith("/") and value not in found:
            found[value] = line_of(text, value)
    return tuple(found.items())


def page_links(article: Article, slugs: Container[str]) -> list[Diagnostic]:
    """A warning for each link of an article to a page by a relative address that leaves the
    site or names an article page that no article has (slugs: every article's, casefolded)."""
    notes: list[Diagnostic] = []
    section = article.url.split("/", 1)[0] + "/"  # where article pages are: articles/<slug>/
    for value, line in article.pages:
        target = posixpath.normpath(posixpath.join(article.url, unquote(value)))
        if target == ".." or target.startswith("../"):
            problem = "leads out of the site (too many '../')"
        elif target.startswith(section) and target.count("/") == 1:
            if target[len(section) :].casefold() in slugs:
                continue
            problem = "leads to no article: no article has that address (link to the article's file instead: other.md)"
        else:
            continue
        notes.append(Diagnostic(article.source, f"the link '{value}' {problem}", line))
    return notes


# A link to a #fragment of another page: of an article file (marked by localize) or of a page of
# the site by a relative address that ends in a folder ("../other-slug/#id").
_FRAGMENT_LINK = re.compile(rf'<a\b[^>]*? href="((?:{re.escape(ARTICLE_MARK)}[^"#]*|[^"#?:/][^"#?:]*/)#[^"]+)"')


def fragment_links(body_html: str, text: str) -> tuple[MediaRef, ...]:
    """The body's links to a #fragment of another article's page, each once, with the line of
    the file that writes it: whether that page has such an id is only known when the linked
    article is (missing_fragments). Its address is as the body holds it after localize, the
    unescaped value of href."""
    if "#" not in body_html:
        return ()
    found: dict[str, int | None] = {}
    for match in _FRAGMENT_LINK.finditer(body_html):
        value = html.unescape(match.group(1))
        if value in found:
            continue
        path, _, fragment = value.partition("#")
        typed = posixpath.basename(path.partition("?")[0]) + "#" + fragment if path.startswith(ARTICLE_MARK) else value
        found[value] = line_of(text, typed)
    return tuple(found.items())


def missing_fragments(
    article: Article,
    by_source: Mapping[str, Article],
    by_slug: Mapping[str, Article],
    ids_of: Callable[[Article], Sequence[str]],
) -> list[Diagnostic]:
    """A warning for each link of an article to a #fragment that the linked article's page does
    not have (by_slug: every article by its slug, casefolded; ids_of: the ids of an article's
    body, anchors.body_ids). A link to an article file is pointed at the heading its fragment
    names the way a heading's id is made (link_articles); a link by a page's address is not, as a
    browser matches a fragment letter for letter. '#top' and the page's own ids (anchors.PAGE_IDS)
    are on every page; a linked article that is not published is warned about elsewhere."""
    notes: list[Diagnostic] = []
    section = article.url.split("/", 1)[0] + "/"
    for value, line in article.fragments:
        path, _, fragment = value.partition("#")
        if path.startswith(ARTICLE_MARK):
            path = path.partition("?")[0]  # a link from the root keeps its ?query in the mark
            rel = marked_source(path[len(ARTICLE_MARK) :])
            target = by_source.get(linked_article(rel, by_source) or rel)
            written = posixpath.basename(unquote(path)) + "#" + fragment
        else:
            page = posixpath.normpath(posixpath.join(article.url, unquote(path)))
            if not page.startswith(section) or page.count("/") != 1:
                continue
            target = by_slug.get(page[len(section) :].casefold())
            written = value
        name = unquote(fragment)
        if target is None or name == "top" or name in anchors.PAGE_IDS:
            continue
        ids = ids_of(target)
        found = anchors.resolve(fragment, ids) if path.startswith(ARTICLE_MARK) else fragment
        if found in ids or unquote(found) in ids:
            continue
        if (near := anchors.resolve(fragment, ids)) in ids:
            advice = f"write '#{near}', the id of that heading: a browser matches the letters exactly"
        else:
            advice = "write the heading's words after '#' (or give the heading that id with {#...})"
        message = (
            f"the link '{written}' leads to no heading or id of the article {target.source!r} (its page "
            f"{target.url}), so it opens at the top of that page; {advice}"
        )
        notes.append(Diagnostic(article.source, message, line))
    return notes


def link_articles(
    body_html: str,
    url_of: Callable[[str], str | None],
    anchors_of: Callable[[str], Sequence[str]] = lambda _: (),
    as_written: Callable[[str], bool] = lambda _: False,
) -> str:
    """The body with each marked link to an article's source file (localize) leading to
    ``url_of(source)``, the page of the article published from it; where none is (url_of gives
    None), the link becomes its text: a reader finds no dead link. An id or other attribute
    stays, on a <span>. Only for bodies that have such links (Article.links).

    A #fragment is kept, or pointed at the id of the linked article (``anchors_of(source)``:
    anchors.body_ids) that it names the way a heading's id is made (anchors.resolve):
    ``other.md#Background`` leads to ``#background`` there. A link from the site's root that
    stays as written (``as_written(source)``: kept_as_written) keeps its whole address, letter
    for letter as the author wrote it, ?query with it; a page's drops the query."""

    def link(match: re.Match[str]) -> str:
        before, rel, query, fragment, after, inner = match.groups()
        source = marked_source(html.unescape(rel))
        if as_written(source):
            url: str | None = html.unescape(rel + (query or ""))
        else:
            url = url_of(source)
        if url is None:
            attributes = before + after
            return f"<span{attributes}>{inner}</span>" if attributes else inner
        if fragment and len(fragment) > 1:
            name = html.unescape(fragment[1:])
            if (found := anchors.resolve(name, anchors_of(source))) != name:
                fragment = "#" + html.escape(found)
        return f'<a{before} href="{html.escape(url)}{fragment or ""}"{after}>{inner}</a>'

    return _MARKED_LINK.sub(link, body_html)


def kept_as_written(rel: str, published: Container[str], unpublished: Container[str]) -> bool:
    """Whether a link to rel stays as written: one from the site's root (/README.md, /terms.txt)
    that names no article file, neither published nor not (``unpublished``: drafts and files
    that could not be read). It may be a file of the host, or of the repository: its address is
    kept, with a warning (link_diagnostics), where a link to an article that publishes nothing
    becomes its text."""
    return rel.startswith("/") and linked_article(rel, published) is None and linked_article(rel, unpublished) is None


def link_diagnostics(
    articles: Iterable[Article], published: Collection[str], drafts: Collection[str], failed: Collection[str]
) -> list[Diagnostic]:
    """A warning on each line of a (published) article that links to an article file from which
    no article is published: a draft, a file that could not be read, or no such file (from the
    site's root: no article file, so the link stays as written). Asked on every build, as the
    linked file may have changed since the linking one was parsed."""
    notes: list[Diagnostic] = []
    for article in articles:
        said: set[str] = set()  # ../draft.md and /2024/draft.md name one file: said once, at the first
        for rel, line in article.links:
            if linked_article(rel, published) is not None:
                continue
            if (draft := linked_article(rel, drafts)) is not None:
                rel, reason = draft, "is a draft, which is not published"
            elif (bad := linked_article(rel, failed)) is not None:
                rel, reason = bad, "could not be read (see its error)"
            elif rel.startswith("/"):
                message = (
                    f"'{rel}' is an absolute path and no article file {rel[1:]!r} is in the source folder, so "
                    "the link is kept as written (on the host it leads to that address); if it is meant to "
                    "lead to an article, write the path of its file relative to the article file"
                )
                notes.append(Diagnostic(article.source, message, line))
                continue
            elif posixpath.splitext(rel)[1].lower() not in ARTICLE_SUFFIXES:  # a post_url or ref without suffix
                forms = (
                    ", ".join(repr(rel + suffix) for suffix in _STEM_SUFFIXES[:2]) + f" or {rel + _STEM_SUFFIXES[2]!r}"
                )
                message = f"no linked article file {forms} is in the source folder; the link is shown as plain text"
                notes.append(Diagnostic(article.source, message, line))
                continue
            else:
                reason = "does not exist in the source folder"
            message = f"the linked article file {rel!r} {reason}; the link is shown as plain text"
            if message not in said:
                said.add(message)
                notes.append(Diagnostic(article.source, message, line))
    return notes
