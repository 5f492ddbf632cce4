"""Files beside the articles that a Markdown body refers to (images, PDF). Pure.

An article page is at ``articles/<slug>/``, not where its source file is: a reference written
for the source folder (``![](images/map.png)`` in ``2024/story.md``) would miss from the page.
So each relative reference to an image or PDF in the source folder is rewritten, when the file
is parsed, to a copy that the build publishes at ``media/<path in the source folder>``:

* the new URL is relative (``../../media/2024/images/map.png``), so it works under any base
  URL path, in ``sitegen serve`` and in feeds, whose entries carry the page's URL as xml:base;
* it depends on neither the slug nor the configuration, so the rewritten body can be cached
  with the file; a file referenced by several articles is published once.

Whether the file exists is the build's question (read.media_files), asked on every build, so a
picture added after its article is found without the article being parsed again.

A link to another article's source file (``[see](../2023/story.md)``, as it works on GitHub)
is marked here when the file is parsed (ARTICLE_MARK), and resolved and checked once the
articles are collected: see sitegen/links.py.
"""

from __future__ import annotations

import dataclasses
import html
import posixpath
import re
from collections.abc import Callable, Container, Iterable, Mapping
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from sitegen.model import Article, Diagnostic
from sitegen.urls import ARTICLE_STEM

MEDIA_DIR = "media"
MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".pdf")
_PICTURE_SUFFIXES = MEDIA_SUFFIXES[:-1]  # what an <img> can show: not PDF
_KINDS = ", ".join(suffix[1:] for suffix in MEDIA_SUFFIXES)
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
_TO_ROOT = "../../"  # from an article page, articles/<slug>/, to the site root

# A URL attribute in nh3's output, which puts one space before each attribute, double-quotes
# values and escapes '"' in them (a literal space, not \s, makes the search 3x faster).
_URL_ATTRIBUTE = re.compile(r'( (?:src|href)=")([^"]*)(")')

_COLON_SLASH = re.compile(r":[\\/]")  # after a drive letter or file: (and in every web link)
_PATH_END = re.compile(r"""[\s)"'>]""")
_NOT_LOCAL = ("https://", "http://", "#", "mailto:")
# A page served over https (GitHub Pages always is) gets an http picture only if the browser can
# switch it to https; the strict CSP (csp = true) allows https pictures only.
_PLAIN_HTTP = (
    "is a picture over plain http: on a site served over https, as GitHub Pages serves it, browsers "
    "show it only if its server also has it over https; write https:// if it has, or put the picture "
    "beside the article"
)

MediaRef = tuple[str, int | None]  # (path in the source folder, line of the file that names it)

# What a link to an article's source file becomes until its page is rendered. nh3 removes every
# URL with a scheme other than http, https and mailto: no author can write one.
ARTICLE_MARK = "sitegen:article/"


# Cross-references of the generators an archive comes from, which their build turned into the
# address of another post or file: Jekyll's {% post_url NAME %} and {% link PATH %} (maybe after
# {{ site.baseurl }}), Hugo's {{< ref "PATH" >}} and relref, Pelican's {filename}, {static} and
# {attach} (|filename| in old versions). Left as typed, each was a dead link on the page.
_LIQUID_SITE = r"(?:\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\}\s*)*"
_GENERATOR_REFERENCE = re.compile(
    _LIQUID_SITE + r"\{%-?\s*(?P<liquid>post_url|link)\s+(?P<liquid_path>[^\s%]+)\s*-?%\}"
    r"|\{\{[<%]\s*(?:rel)?ref\s+(?:path=)?(?:\"(?P<hugo>[^\"\n]*)\"|`(?P<hugo_raw>[^`\n]*)`)\s*[>%]\}\}"
    r"|(?:\{(?P<pelican>filename|static|attach)\}|\|(?P<pelican_old>filename|static|attach)\|)(?P<pelican_root>/)?"
)
# Where a reference is a link's address, as each generator reads one: a Markdown link's or
# picture's, a reference definition's, an HTML attribute's (Pelican's are only these).
_DESTINATION_BEFORE = re.compile(
    r"(?:\]\(\s*<?|^ {0,3}\[[^\]]+\]:\s*<?|\b(?:href|src|poster|data|cite|content)\s*=\s*[\"']?)\Z", re.IGNORECASE
)


def generator_references(markdown: str, source: str, code_free: str) -> str:
    """The Markdown with other generators' cross-references (_GENERATOR_REFERENCE) written as
    the paths they name, relative to the article file: a link to another article's file, a
    picture or a PDF beside it, which localize then treats as any other (``code_free``: the
    Markdown with its code blanked out, offsets kept, where a reference is text as typed).

    Each is resolved as its generator resolves it: post_url NAME in the site's _posts folder,
    link and a Hugo or Pelican path starting with '/' from the site's root (Jekyll's: the folder
    holding _posts; Hugo's and Pelican's: a folder named content, else the source folder), other
    paths from the article's folder (Hugo: a page bundle's index.md from the folder of the bundle,
    as its pages are found there, unless the path starts with '..')."""
    if "{" not in code_free and "|" not in code_free:
        return markdown
    folder = posixpath.dirname(source)
    parts = folder.split("/") if folder else []
    jekyll_root = "/".join(parts[: parts.index("_posts")]) if "_posts" in parts else ""
    content_root = "/".join(parts[: parts.index("content") + 1]) if "content" in parts else ""

    def relative(target: str) -> str:
        path = posixpath.relpath(posixpath.normpath(target or "."), folder or ".")
        return "" if path == "." else quote(path, safe="/")

    def resolved(match: re.Match[str]) -> str:
        if (kind := match.group("liquid")) is not None:
            path = match.group("liquid_path").strip("\"'")
            if kind == "link":
                return relative(posixpath.join(jekyll_root, path.lstrip("/")))
            posts = posixpath.join(jekyll_root, "_posts", path.lstrip("/"))
            return ARTICLE_STEM + relative(posts)
        pelican = match.group("pelican") or match.group("pelican_old")
        if pelican is not None:
            if match.group("pelican_root") is None:
                return ""  # the path that follows is relative to the article file already
            root = relative(content_root)
            return root + "/" if root else ""
        path, _, fragment = (
            match.group("hugo") if match.group("hugo") is not None else match.group("hugo_raw")
        ).partition("#")
        fragment = f"#{fragment}" * bool(fragment)
        if not path:
            return fragment  # this article's own heading
        if path.startswith("/"):
            target = posixpath.join(content_root, path.lstrip("/"))
        else:
            # (Hugo: unless the path goes up itself, "../a.md" is from the bundle's own folder)
            bundle = posixpath.basename(source) in ("index.md", "index.markdown") and not path.startswith("..")
            base = posixpath.dirname(folder) if bundle else folder
            target = posixpath.join(base, path)
        if posixpath.splitext(target)[1].lower() in ARTICLE_SUFFIXES:
            return relative(target) + fragment
        return ARTICLE_STEM + relative(target.rstrip("/")) + fragment

    out: list[str] = []
    last = 0
    for match in _GENERATOR_REFERENCE.finditer(code_free):
        line = code_free[code_free.rfind("\n", 0, match.start()) + 1 : match.start()]
        if _DESTINATION_BEFORE.search(line) is None:
            continue  # text as typed: "{filename}" in a sentence, a table's |static| column
        out.append(markdown[last : match.start()])
        out.append(resolved(match))
        last = match.end()
    return "".join(out) + markdown[last:] if out else markdown


def output_path(rel: str) -> str:
    """Where the build publishes a referenced file (rel: its path in the source folder)."""
    return f"{MEDIA_DIR}/{rel}"


def localize(
    body_html: str, source: str, text: str
) -> tuple[str, tuple[MediaRef, ...], tuple[MediaRef, ...], list[Diagnostic]]:
    """Rewrite the body's relative references to images and PDF files to their published copies,
    and mark its links to other articles' source files (see link_articles).

    ``source`` is the article's path in the source folder and ``text`` its whole file, to name
    the line of a reference in a warning. Returns the new HTML, the files referenced and the
    article files linked to (each once, in order of appearance), and a warning for every
    relative reference that is not published: one that leaves the source folder, an absolute
    path, a hidden file, an article's source file shown as an image or a file of another kind;
    and for every picture over plain http, which an https site may not show. Links to a folder
    (``../other-slug/``) and to #fragments stay.
    """
    if 'src="' not in body_html and 'href="' not in body_html:
        return body_html, (), (), []
    folder = posixpath.dirname(source)
    found: dict[str, int | None] = {}
    linked: dict[str, int | None] = {}
    notes: list[Diagnostic] = []
    dropped: set[str] = set()  # references warned about: no file is published for them
    unshown: set[str] = set()  # pictures only (///x.png): a link to the same address stays

    def rewrite(match: re.Match[str]) -> str:
        if not _in_tag(body_html, match.start()):
            return match.group(0)  # text that reads like an attribute: 'src="a.png"' typed in a paragraph
        if match.group(2).startswith(_NOT_LOCAL):  # most links, checked without parsing them
            if match.group(1) == ' src="' and match.group(2).startswith("http://"):
                value = html.unescape(match.group(2))
                notes.append(Diagnostic(source, f"'{value}' {_PLAIN_HTTP}", line_of(text, value)))
            return match.group(0)
        value = html.unescape(match.group(2))
        if value.startswith(ARTICLE_STEM) and match.group(1) == ' src="':  # ![x]({% post_url NAME %})
            name = posixpath.basename(urlsplit(value[len(ARTICLE_STEM) :]).path)
            message = f"'{name}' names an article, not a picture, so it cannot be shown as an image"
            shown = re.search(rf"!\[[^\]\n]*\]\([^)\n]*{re.escape(name)}", text)  # the line of the picture
            notes.append(Diagnostic(source, message, line_of(text, shown.group(0) if shown else name)))
            dropped.add(value)
            return match.group(0)
        if value.startswith(ARTICLE_STEM) and match.group(1) == ' href="':  # generator_references
            stem = urlsplit(value[len(ARTICLE_STEM) :])
            rel = posixpath.normpath(posixpath.join(folder, unquote(stem.path)))
            line = line_of(text, posixpath.basename(rel))
            if rel == ".." or rel.startswith("../"):
                message = (
                    f"the link to {posixpath.basename(rel)!r} leaves the source folder; the link is shown as plain text"
                )
                notes.append(Diagnostic(source, message, line))
                dropped.add(value)
                return match.group(0)
            linked.setdefault(rel, line)
            url = ARTICLE_MARK + quote(rel, safe="/") + f"#{stem.fragment}" * bool(stem.fragment)
            return match.group(1) + html.escape(url) + match.group(3)
        if value.lstrip().startswith("///"):
            # The system's reading would be /assets/x.png, a browser's https://assets/x.png (a
            # host's name after the slashes): no file is published for what no page would show.
            kept = "" if match.group(1) == ' src="' else " and the link is kept as written"
            message = (
                f"'{value}' starts with three slashes, which a browser reads as another site's address "
                f"(a host's name after them), so no file is published for it{kept}; write one '/' for a "
                "path from the site's root, or the path relative to the article file"
            )
            notes.append(Diagnostic(source, message, line_of(text, value)))
            if not kept:
                unshown.add(value)  # a picture that would show nothing: its text
            return match.group(0)
        parts = urlsplit(value.strip())
        if parts.scheme or parts.netloc or not parts.path:
            return match.group(0)  # another site, or this page (#note, ?q)
        if parts.path.endswith("/"):  # a folder: a page of the site (../other-slug/)
            if parts.path.startswith("/") and match.group(1) == ' href="':
                message = (
                    f"'{value}' starts at the root of the host: on a project site (https://user.github.io/repo/) "
                    "it leads out of the site; write it relative to the article's page (../../ is the site's root)"
                )
                notes.append(Diagnostic(source, message, line_of(text, value)))
            return match.group(0)
        path = unquote(parts.path)
        name = posixpath.basename(path)
        if name in (".", ".."):
            return match.group(0)
        # (a path generator_references wrote is not in the file: the name in it is)
        line = line_of(text, value) or line_of(text, name)
        rel = posixpath.normpath(posixpath.join(folder, path))
        suffix = posixpath.splitext(name)[1].lower()
        root = rel.startswith("/") and (suffix in MEDIA_SUFFIXES or suffix in ARTICLE_SUFFIXES or suffix == ".svg")
        if root:
            # Jekyll's /assets/…, Hugo's /images/… (static/ copied in): the site's root is the
            # source folder's top, and /../x is /x there as in a browser.
            rel = rel.lstrip("/")
        problem = None
        if rel.startswith("/"):
            problem = "is an absolute path, so no file is published for it; write the path relative to the article file"
        elif rel == ".." or rel.startswith("../"):
            problem = "leaves the source folder, so it is not published; put the file beside the article"
        elif any(part.startswith(".") for part in rel.split("/")):
            problem = "names a hidden file or folder, which is never published; rename it"
        elif "\x00" in rel:  # %00: no file can have it in its name (and the system refuses to look)
            problem = "has a NUL character (%00) in its path, so no file is published for it; correct the reference"
        elif suffix in ARTICLE_SUFFIXES:
            if match.group(1) == ' href="':  # a link to another article: to its page, once known
                # From the root it keeps its '/': with no article file there (/README.md, a file
                # of the host), the link stays as written (links.linked_article, link_articles).
                # Its mark holds the path as written: kept as written, it keeps every letter
                # (/a+b.md is not /a%2Bb.md on the host); links.marked_source finds the file.
                rel = "/" + rel if root else rel
                linked.setdefault(rel, line)
                url = ARTICLE_MARK + (parts.path if root else quote(rel, safe="/"))
                # (its ?query too: a link kept as written keeps its whole address; a page drops it)
                url += f"?{parts.query}" * bool(root and parts.query) + f"#{parts.fragment}" * bool(parts.fragment)
                return match.group(1) + html.escape(url) + match.group(3)
            problem = "is an article file, which is not published as a file, so it cannot be shown as an image"
        elif suffix == ".svg":
            # Opened on its own (a link, "open image in new tab"), an SVG runs its scripts on the
            # site's origin: no script from an article reaches the site.
            problem = "is not published: an SVG file can carry scripts; save the picture as PNG or WebP"
        elif suffix not in MEDIA_SUFFIXES:
            problem = f"is not published: only images and PDF files ({_KINDS}) are published with an article"
        elif "\\" in rel:
            problem = "has a '\\' in its path, so it is not published; use '/' between folders and rename the file"
        if problem is not None:
            notes.append(Diagnostic(source, f"'{value}' {problem}", line))
            if match.group(1) == ' src="' or suffix in MEDIA_SUFFIXES or suffix == ".svg":
                dropped.add(value)  # a picture or a file that is not published: its text
            return match.group(0)  # a link to a page (/about, contact.html) stays, with its warning
        found.setdefault(rel, line)
        url = _TO_ROOT + quote(output_path(rel), safe="/")
        url += f"?{parts.query}" * bool(parts.query) + f"#{parts.fragment}" * bool(parts.fragment)
        return match.group(1) + html.escape(url) + match.group(3)

    body_html = _URL_ATTRIBUTE.sub(rewrite, body_html)
    if dropped:
        body_html = without_references(body_html, dropped.__contains__)
    if unshown:
        body_html = without_references(body_html, unshown.__contains__, links=False)
    return body_html, tuple(found.items()), tuple(linked.items()), notes


_LINK = re.compile(r'<a\b([^>]*?) href="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
_ALT = re.compile(r' alt="([^"]*)"')
_LANG_DIR = re.compile(r' (?:lang|dir)="[^"]*"')


def without_references(body_html: str, gone: Callable[[str], bool], *, links: bool = True) -> str:
    """The body without the pictures and links whose address (unescaped) is ``gone``: no file is
    published there, and a reader must find no broken picture or dead link. A picture becomes
    its alternative text, a link its content (its other attributes on a <span>); with
    ``links=False`` only the pictures go (a link to the same address stays as written)."""

    def picture(image: re.Match[str]) -> str:
        src = _IMAGE_SRC.search(image.group(1))
        if src is None or not gone(html.unescape(src.group(1))):
            return image.group(0)
        alt = _ALT.search(image.group(1))
        text = alt.group(1) if alt else ""
        # Its language and direction (the author's, or views' mark of an alt text in the other
        # language) go with the text: read and laid out as the picture's would have been.
        marks = "".join(_LANG_DIR.findall(image.group(1)))
        return _SHOWN_ALT.format(f"<span{marks}>{text}</span>" if marks and text.strip() else text)

    def link(found: re.Match[str]) -> str:
        before, href, after, inner = found.groups()
        if not gone(html.unescape(href)):
            return found.group(0)
        attributes = before + after
        return f"<span{attributes}>{inner}</span>" if attributes.strip() else inner

    if "<img" in body_html:
        shown = _IMAGE.sub(picture, body_html)
        if "\x1e" in shown:
            if "<figcaption" in shown:
                shown = _FIGURE_TEXT.sub(_without_said_twice, shown)
            shown = shown.replace("\x1e", "").replace("\x1f", "")
        body_html = shown
    return _LINK.sub(link, body_html) if links and "<a" in body_html else body_html


# A picture that became its alternative text, marked until figures are looked at (the two
# control characters are never in a body: read.decode refuses text that holds them).
_SHOWN_ALT = "\x1e{}\x1f"
# A figure whose picture became its alternative text (in a paragraph or bare) before its caption.
_FIGURE_TEXT = re.compile(
    r"(<figure\b[^>]*>\s*)(?:<p>\x1e([^\x1e\x1f]*)\x1f</p>|\x1e([^\x1e\x1f]*)\x1f)"
    r"(\s*<figcaption\b[^>]*>(.*?)</figcaption>)",
    re.DOTALL,
)


def _without_said_twice(figure: re.Match[str]) -> str:
    """A figure's alternative text is dropped where its caption already says it, word for word
    (Hugo's figure takes its alt from the caption): the reader would read the same words twice."""
    opening, in_paragraph, bare, caption, said = figure.groups()
    alt = _plain_words(in_paragraph if in_paragraph is not None else bare)
    if alt and f" {alt} " not in f" {_plain_words(said)} ":
        return figure.group(0)
    return opening + caption.lstrip()


def _plain_words(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", markup)).casefold().split())


def unpublished(body_html: str, missing: Container[str]) -> str:
    """The body without its references to files of the source folder that are not there (rel
    in ``missing``): the build warns about each (media_diagnostics) and publishes no copy."""

    def gone(url: str) -> bool:
        return url.startswith(MEDIA_URL) and unquote(urlsplit(url[len(MEDIA_URL) :]).path) in missing

    return without_references(body_html, gone)


def lead_figure(
    path: str, alt: str, caption: str, source: str, text: str, line: int | None
) -> tuple[str, tuple[MediaRef, ...], list[Diagnostic]]:
    """The article's lead image (front matter ``image:``, ``cover:``), as a figure to put above
    its body: its HTML ("" when it cannot be shown), the file it publishes, and warnings.

    A picture beside the article is published as the body's are (localize); one on another site
    is shown from there (over https; plain http is warned about). Anything else, a file on the
    author's computer, a script or data URL, an SVG, a file outside the source folder, is warned
    about at ``line`` (the key's) and left out: a figure that cannot show is no lead image.
    """
    value = path.strip()
    parts = urlsplit(value)
    remote = parts.scheme.lower() in ("http", "https", "") and bool(parts.netloc)  # also //host/...
    suffix = posixpath.splitext(unquote(parts.path))[1].lower()
    problem = None
    if remote:
        pass
    elif _COLON_SLASH.search(value) or "\\" in value:
        problem = "is a file on the author's computer, so it is not published"
    elif parts.scheme or parts.netloc:
        problem = "is not a picture's address (a file beside the article, or https://...)"
    elif suffix not in _PICTURE_SUFFIXES and suffix != ".svg":  # localize says why not an SVG
        problem = f"is not a picture file ({', '.join(s[1:] for s in _PICTURE_SUFFIXES)})"
    if problem is not None:
        message = f"lead image '{value}' {problem}; the article is shown without it"
        return "", (), [Diagnostic(source, message, line)]
    figcaption = f"<figcaption>{html.escape(caption, quote=False)}</figcaption>" if caption else ""
    image = f'<img src="{html.escape(value)}" alt="{html.escape(alt)}">'
    figure, found, _, notes = localize(f'<figure class="lead-image">{image}{figcaption}</figure>', source, text)
    notes = [dataclasses.replace(note, line=note.line or line) for note in notes]
    if not remote and not found:  # localize said why (an SVG, an absolute path, ...)
        return "", (), [dataclasses.replace(note, message=f"lead image {note.message}") for note in notes]
    return figure, found, notes


def _in_tag(body_html: str, at: int) -> bool:
    """Whether position at of nh3's output is inside a start tag. Its serializer writes '<' and
    '>' only as &lt; and &gt; in text and in attribute values, so a tag is open at a position
    when the last '<' before it has no '>' after it."""
    return body_html.rfind("<", 0, at) > body_html.rfind(">", 0, at)


def computer_paths(body: str, source: str, first_line: int) -> list[Diagnostic]:
    """A warning for each image or link to a file on the author's computer (``C:\\...``,
    ``file:///...``), as editors write when a picture is dropped into the text. The sanitizer
    removes such a URL, and with it the whole image: without a word, the picture would be lost.
    ``first_line``: the line of the file where the Markdown body starts."""
    notes: list[Diagnostic] = []
    for colon in _COLON_SLASH.finditer(body):  # few in a body: the "://" of its web links
        at = colon.start()
        if at >= 4 and body[at - 4 : at].lower() == "file":
            start = at - 4
        elif at > 0 and body[at - 1].isascii() and body[at - 1].isalpha():
            start = at - 1  # a drive letter
        else:
            continue
        if start > 0 and body[start - 1].isalnum():  # "http://", "netfile:/": another scheme
            continue
        if not body[:start].rstrip(" \t<\"'").endswith(("](", "=", "]:")):
            continue  # prose, not a link, an image, an attribute or a reference definition
        path = _PATH_END.split(body[start : start + 300], 1)[0]
        message = (
            f"'{path}' is a file on the author's computer, so it is not published and the image or "
            "link is left out; put the file beside the article and write its path relative to it"
        )
        notes.append(Diagnostic(source, message, first_line + body.count("\n", 0, start)))
    return notes


# A Markdown image with nothing but spaces between its brackets, inline or by reference:
# ![](map.png), ![ ](map.png), ![][m]; not one whose '!' is escaped.
_UNDESCRIBED = re.compile(r"(?<!\\)!\[[ \t]*\](?:\(\s*<?([^\s)>]*)|\[([^\]]*)\])")
# A raw HTML <img> of a Markdown body as written (any case, any quotes, over several lines), and
# its attributes: a name, and a value quoted or not.
_RAW_IMAGE = re.compile(r"""<img\b((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.IGNORECASE)
_RAW_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)  # nh3 takes comments out: no image in one


def may_be_undescribed(body: str) -> bool:
    """Whether a Markdown body may hold an image without a description (undescribed_images): most
    bodies have neither an image nor raw HTML, which this finds at C speed."""
    return "![" in body or ("<" in body and _RAW_IMAGE.search(body) is not None)


def undescribed(target: str, how: str, source: str, line: int | None) -> Diagnostic:
    """The warning about an image without a description, in the same words for every way of
    writing one (so that past 10 they are counted as one kind): ``how`` says how to describe it
    as it was written, or mark it as mere decoration."""
    message = f"an image without a description ('{target}'): a reader who cannot see it learns nothing of it; {how}"
    return Diagnostic(source, message, line)


def undescribed_images(code_free: str, source: str, first_line: int) -> list[Diagnostic]:
    """A warning for each image of a Markdown body without a description: ``![](map.png)`` and
    ``<img src="map.png">`` without alt. Both get alt="" (valid: HTML's mark of a mere
    decoration), so a reader who cannot see it learns nothing of it; in a news archive that is a
    description forgotten far more often than a decoration. A picture meant as decoration says
    so explicitly, as HTML does: ``<img src="map.png" alt="">`` (or a bare ``alt``).
    ``code_free``: the Markdown body with its code blanked out (shortcodes.without_code);
    ``first_line``: the line of the file where it starts."""
    found: list[tuple[int, str, str]] = []
    for image in _UNDESCRIBED.finditer(code_free):
        path, label = image.groups()
        target = path if path is not None else label
        described = f"![description]({path})" if path is not None else f"![description][{label}]"
        how = (
            f"write what it shows between the brackets, {described}, or if it is only decoration say so "
            f'as HTML does: <img src="{path or "…"}" alt="">'
        )
        found.append((image.start(), target, how))
    if "<" in code_free:
        if "<!--" in code_free:  # blanked, lines and offsets kept
            code_free = _HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), code_free)
        for image in _RAW_IMAGE.finditer(code_free):
            attributes = {m.group(1).lower(): m.group(2, 3, 4) for m in _RAW_ATTRIBUTE.finditer(image.group(1))}
            if "alt" in attributes or "src" not in attributes:  # written, so meant; no picture: taken out
                continue
            src = next((value for value in attributes["src"] if value is not None), "")
            how = (
                f'write what it shows in its alt attribute, <img src="{src}" alt="description">, or if it is only '
                f'decoration say so: <img src="{src}" alt="">'
            )
            found.append((image.start(), src, how))
    return [
        undescribed(target, how, source, first_line + code_free.count("\n", 0, at)) for at, target, how in sorted(found)
    ]


def line_of(text: str, reference: str) -> int | None:
    """The line of the file where a reference is first written (as typed or percent-decoded)."""
    for typed in (reference, unquote(reference)):
        at = text.find(typed)
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None


# Images that link previews show (og:image): what Facebook, X, LinkedIn and messengers all read.
_PREVIEW_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")


# An <img> in nh3's output and its src and alt attributes (one space before each, double quotes).
_IMAGE = re.compile(r"<img\b([^>]*)>")
_IMAGE_ATTRIBUTE = re.compile(r' (src|alt)="([^"]*)"')
_IMAGE_SRC = re.compile(r' src="([^"]*)"')
MEDIA_URL = f"{_TO_ROOT}{MEDIA_DIR}/"  # a published file's address, relative to an article page


def preview_image(article: Article, published: Container[str]) -> tuple[str, str] | None:
    """The first image the article's body shows that the build publishes (its path in the source
    folder), and its alt text, for link previews: a missing or unpublishable one would show as a
    broken card, and a picture the body only links to is not what the article shows."""
    if not article.media:
        return None
    for block in article.body:
        if "<img" not in block.text:
            continue
        for image in _IMAGE.finditer(block.text):
            attributes = dict(_IMAGE_ATTRIBUTE.findall(image.group(1)))
            src = html.unescape(attributes.get("src", ""))
            if not src.startswith(MEDIA_URL):  # another site's picture, or one not published
                continue
            rel = unquote(urlsplit(src[len(MEDIA_URL) :]).path)
            if rel.lower().endswith(_PREVIEW_SUFFIXES) and rel in published:
                return rel, html.unescape(attributes.get("alt", ""))
    return None


# The lead image (lead_figure) at the start of a body, when it is another site's picture.
_REMOTE_LEAD = re.compile(r'<figure class="lead-image"><img src="((?:https:)?//[^"]+)" alt="([^"]*)"')


def remote_lead_image(article: Article) -> tuple[str, str] | None:
    """The address and alt text of the article's lead image when it is on another site (over
    https), for link previews: Hugo's `images` and Jekyll's `image` are chosen for them, and the
    picture often lives on a CDN. An SVG is left out (link previews do not show one)."""
    first = article.body[:1]  # one unpacking of the body
    found = _REMOTE_LEAD.match(first[0].text) if first else None
    if found is None:
        return None
    url = html.unescape(found.group(1))
    if posixpath.splitext(urlsplit(url).path)[1].lower() == ".svg":
        return None
    return ("https:" + url if url.startswith("//") else url), html.unescape(found.group(2))


def image_size(path: str) -> tuple[int, int] | None:
    """A picture's width and height in CSS pixels as shown (EXIF rotation applied), read from
    its header by imagesize (no decoding); None for a PDF or a file it cannot read."""
    if not path.lower().endswith(_PICTURE_SUFFIXES):
        return None
    import imagesize  # only builds that publish pictures need it

    try:
        width, height = imagesize.get(path)
    except (OSError, ValueError):
        return None
    return (width, height) if width > 0 and height > 0 else None


def image_sizes(
    source: Path,
    files: Mapping[str, tuple[int, int] | str],
    known: Mapping[str, tuple[int, int, tuple[int, int] | None]],
) -> dict[str, tuple[int, int, tuple[int, int] | None]]:
    """Each published file (read.media_files) -> (size, stamp, its width and height as a picture,
    or None). A file unchanged since the last build keeps the size read then: an archive of
    thousands of pictures is not opened again by every build."""
    sizes: dict[str, tuple[int, int, tuple[int, int] | None]] = {}
    for rel, stat in files.items():
        if isinstance(stat, str):
            continue
        kept = known.get(rel)
        if kept is not None and kept[:2] == stat:
            sizes[rel] = kept
        else:
            sizes[rel] = (*stat, image_size(str(source / rel)))
    return sizes


def shows_picture(body_html: str, figure: str) -> bool:
    """Whether the body already shows the figure's picture: an <img> with the same src."""
    src = _IMAGE_SRC.search(figure)
    return src is not None and any(src.group() in image.group(1) for image in _IMAGE.finditer(body_html))


def sized_images(body_html: str, sizes: Mapping[str, tuple[int, int]]) -> str:
    """The body with ``width`` and ``height`` on each published picture (sizes: path in the source
    folder -> its size), so that the browser keeps its place before it loads: text does not jump
    under the reader (layout shift). A picture that states a size of its own keeps it."""

    def size(image: re.Match[str]) -> str:
        attributes = image.group(1)
        src = _IMAGE_SRC.search(attributes)
        if src is None or " width=" in attributes or " height=" in attributes:
            return image.group(0)
        url = html.unescape(src.group(1))
        if not url.startswith(MEDIA_URL):
            return image.group(0)
        found = sizes.get(unquote(urlsplit(url[len(MEDIA_URL) :]).path))
        if found is None:
            return image.group(0)
        return f'<img{attributes} width="{found[0]}" height="{found[1]}">'

    return _IMAGE.sub(size, body_html)


def referenced(articles: Iterable[Article]) -> dict[str, list[tuple[str, int | None]]]:
    """Referenced file -> the (article source, line) that name it, sorted by file."""
    users: dict[str, list[tuple[str, int | None]]] = {}
    for article in articles:
        for rel, line in article.media:
            users.setdefault(rel, []).append((article.source, line))
    return dict(sorted(users.items()))
