"""A Markdown article -> Article: what its metadata says (title, dates, tags, language, slug,
draft, translation, lead image, earlier addresses) and its body as safe HTML. Pure.

The metadata of Jekyll, Hugo, Pelican and Ghost posts is read as those generators read it, so that
an archive moved here keeps its dates, tags, pictures and old links; a key that means nothing here
is named in a warning with its line, never silently lost.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from sitegen import dates, redirects, shortcodes
from sitegen.anchors import PAGE_IDS, RESERVED, dangling, heading_ids
from sitegen.arabic import body_lang, decode_references, detect_lang, is_blank, slug_for, slugify, strip_invisible
from sitegen.bylines import BYLINE_MARKED
from sitegen.errors import SourceError, line_at
from sitegen.links import folder_links, fragment_links
from sitegen.media import (
    computer_paths,
    generator_references,
    lead_figure,
    localize,
    may_be_undescribed,
    shows_picture,
    undescribed,
    undescribed_images,
)
from sitegen.metakeys import LANGUAGES, NO, YES, english_key, fold
from sitegen.model import TRANSLATED, Article, Block, Diagnostic, SourceText, Tag, TagResolver
from sitegen.published import Dates, check_update, time_of_day
from sitegen.shortcodes import TEMPLATE_CODE, WORDPRESS_NAME, without_code

if TYPE_CHECKING:
    from sitegen.headers import Metadata, MetaValue
    from sitegen.nested import Node

READ_KEYS = frozenset(
    {
        "title",
        "date",
        "tags",
        "tag",
        "keywords",
        "lang",
        "language",
        "slug",
        "summary",
        "description",
        "draft",
        "status",
        "translation",
        "author",
        "authors",
        "byline",
        "category",
        "categories",
        "modified",
        "updated",
        "lastmod",
        "published",
        "publishdate",
        "pubdate",
        "series",
        "excerpt",
        "last_modified_at",
        "published_at",
        "updated_at",
        "custom_excerpt",
        "taxonomies.tags",
        "taxonomies.categories",
        "taxonomies.series",
        *redirects.KEYS,
    }
)
# What steers another generator's page layout, not what the article says (Jekyll, Hugo,
# Pelican): nothing to show or warn about, in every post of an archive moved here.
LAYOUT_KEYS = frozenset(
    {"layout", "type", "weight", "template", "comments", "toc", "menu", "sitemap", "share", "sidebar"}
    | {"linktitle", "markup", "outputs", "headless", "iscjklanguage", "save_as"}
    # Display switches of popular themes (Jekyll's Chirpy and Minimal Mistakes, Hugo's PaperMod)
    # and Jekyll's own excerpt marker: how a page looked there, nothing the article says.
    | {"excerpt_separator", "render_with_liquid", "mathjax", "math", "katex", "mermaid", "pin", "featured"}
    | {"showtoc", "tocopen", "hidemeta", "showreadingtime", "showwordcount", "showbreadcrumbs"}
    | {"showpostnavlinks", "showcodecopybuttons", "disableshare", "disablehljs", "hidesummary", "searchhidden"}
    | {"author_profile", "read_time", "share", "related", "classes"}
)
# The lead image, as Jekyll (image, image.path: Chirpy; header.image: Minimal Mistakes), Hugo
# (images, cover.image: PaperMod; featured_image: Ananke), Ghost (feature_image) and Pelican
# themes name it: the first one given is shown above the body. Not in READ_KEYS: a value too deep
# to read is no reason to give up the article (it is warned about instead).
IMAGE_KEYS = (
    "image",
    "image.path",
    "image.src",
    "image.url",
    "cover",
    "cover.image",
    "cover.src",
    "cover.path",
    "images",
    "featured_image",
    "feature_image",
    "cover_image",
    "header.image",
    "header.overlay_image",
    "header.teaser",
)
# A lead image written as a table or a list of tables under a key of its own (Hugo's
# images: [{src, alt}], featured_image: {url, alt}): its path, and its description as KEY.alt.
_IMAGE_TABLES = tuple(key for key in IMAGE_KEYS if "." not in key)
_IMAGE_PATHS = ("src", "url", "path", "image", "file")
_TABLE_ALTS = tuple(f"{key}.alt" for key in _IMAGE_TABLES if key not in ("image", "cover"))
_TABLE_CAPTIONS = tuple(f"{key}.caption" for key in _IMAGE_TABLES if key not in ("image", "cover"))
IMAGE_ALT_KEYS = ("image_alt", "image.alt", "cover.alt", "header.image_description", "alt", *_TABLE_ALTS)
IMAGE_CAPTION_KEYS = ("image_caption", "image.caption", "cover.caption", "header.caption", "caption", *_TABLE_CAPTIONS)
IMAGE_HIDDEN_KEYS = ("cover.hidden", "cover.hiddeninsingle")  # PaperMod: not shown on the page
KNOWN_KEYS = (
    READ_KEYS
    | LAYOUT_KEYS
    | frozenset(IMAGE_KEYS + IMAGE_ALT_KEYS + IMAGE_CAPTION_KEYS + IMAGE_HIDDEN_KEYS)
    | {"cover.relative", "cover.hiddeninlist", "image.lqip"}
)
# Keys that another generator acts on and sitegen does not: the author is told what happens
# instead, not only that the key is unknown. Hugo stops publishing a page after its expiryDate
# (unpublishdate); an archive keeps its articles, so taking one off the site is said outright.
NOT_HONOURED = {
    key: "is not followed: sitegen publishes the article after that date too (an archive keeps every "
    "article); to take it off the site, set draft: true"
    for key in ("expirydate", "unpublishdate")
}


def _typed_lines(pieces: list[str], typed: str, body: str, starts: list[int]) -> list[int]:
    """The lines (1-based) of pieces of template code found in body at starts, counted in the
    Markdown as typed, where each is found in turn (outside code); else in body."""
    typed_free = without_code(typed)
    lines, at = [], 0
    for piece, start in zip(pieces, starts, strict=True):
        if (found := typed_free.find(piece, at)) < 0:
            lines.append(line_at(body, start))
            continue
        lines.append(line_at(typed, found))
        at = found + len(piece)
    return lines


def parse_markdown(src: SourceText, resolve_tag: TagResolver) -> Article:
    from sitegen.headers import split_metadata  # YAML loads only for Markdown files

    # A table or a list of tables is kept as "" under every key (read=()): it costs no article.
    meta = split_metadata(src.text, known=KNOWN_KEYS, read=())
    notes = list(src.diagnostics)
    notes.extend(Diagnostic(src.source, message, line) for line, message in meta.warnings)
    if "" in meta.fields.values():
        meta = _with_nested(meta, src, notes)
    fields = _decoded(meta.fields)
    for ignored in meta.template_code:
        said = f"'{ignored.typed}' is template code of another generator, {ignored.code[:60]!r}, "
        said += "which sitegen does not run: "
        if ignored.key in _HELD_BACK:  # no yes or no: as a draft: value that is neither (see _is_draft)
            fields[ignored.key] = _HELD_BACK[ignored.key]
            said += "the article is kept as a draft (not published); write yes or no instead"
        else:
            said += "the line is ignored (write the value itself, or delete the line)"
        notes.append(Diagnostic(src.source, said, ignored.line))

    def value(*keys: str) -> str | None:
        for key in keys:
            raw = fields.get(key)
            if isinstance(raw, tuple):
                raw = ", ".join(raw)
            if raw is not None and str(raw).strip():
                return str(raw).strip()
        return None

    def typed_as(key: str) -> str:
        return meta.typed.get(key, key)  # as the author typed it: "العنوان", not "title"

    for key in fields:
        # An author's profile and a page header's styling (Minimal Mistakes) are not the article's.
        if key in NOT_HONOURED:
            notes.append(Diagnostic(src.source, f"'{key}' {NOT_HONOURED[key]}", meta.lines.get(key)))
        elif (meant := english_key(key)) is not None and meant in fields:  # in two languages (headers._add_field)
            said = f"'{key}' means the same as '{typed_as(meant)}' (line {meta.lines.get(meant)}), which is read: "
            notes.append(
                Diagnostic(src.source, said + "this one is ignored (not shown on the page)", meta.lines.get(key))
            )
        elif key not in KNOWN_KEYS and not key.startswith(("author.", "header.")):
            message = f"unknown metadata key '{typed_as(key)}' ignored (the line is not shown on the page)"
            notes.append(Diagnostic(src.source, message, meta.lines.get(key)))
    # An author's table without a name (author: {url: x}) gives no byline: said as a nameless
    # table in a list of authors is (_names), at its first key's line.
    profile = [meta.lines.get(key) for key in fields if key.startswith("author.")]
    # (jekyll-import's display_name gives one only when it has text: 'display_name: ""' is none)
    if profile and not ({"author", "author.name"} & fields.keys() or value("author.display_name")):
        line = min((n for n in profile if n is not None), default=None)
        notes.append(Diagnostic(src.source, _nameless(typed_as("author")), line))

    body_md = meta.body
    if _WEB_PAGE.match(body_md):  # a saved web page renamed .md: Markdown reads it, chrome and all
        notes.append(Diagnostic(src.source, _WEB_PAGE_SAID, meta.body_line + body_md[: body_md.find("<")].count("\n")))
    title = value("title")
    if title is None:
        title, body_md = _title_from_heading(body_md)
        if title is None:
            if is_blank(body_md) and not any(value(key) for key in ("summary", "description", "image", "cover")):
                raise SourceError(
                    "no title and no text: nothing to publish (add 'title:' and the article below the header, "
                    "or delete the file)",
                    src.source,
                )
            title = PurePosixPath(src.source).stem
            notes.append(
                Diagnostic(
                    src.source, "no 'title:' in the metadata and no '# heading'; the file name is used as the title"
                )
            )
    title = strip_invisible(title).strip()

    date = time = None
    date_key = _date_key(value)
    raw_date = value(date_key)
    atop = Dates(src.source, notes)
    byline = _byline(fields)
    if raw_date is None and "date" not in fields:
        body_md, found_byline = _dates_atop(body_md, src.text, atop, byline is None)
        byline = byline or found_byline
        date, time = atop.date, atop.time
    if raw_date is not None:
        try:
            date = dates.parse_date(raw_date)
            time = time_of_day(raw_date, src.source, meta.lines.get(date_key), notes) if date is not None else None
        except dates.InvalidDate as exc:
            notes.append(
                Diagnostic(
                    src.source,
                    f"impossible date {raw_date!r} ({exc}); the article is listed as undated",
                    meta.lines.get(date_key),
                )
            )
        else:
            if date is None:
                notes.append(
                    Diagnostic(
                        src.source,
                        _existing_day_said(raw_date)
                        or (
                            f"impossible date {raw_date!r} (no such month or day); the article is listed as undated"
                            if _ISO_SHAPED.match(raw_date)
                            else f"unrecognized date {raw_date!r}; use YYYY-MM-DD"
                        ),
                        meta.lines.get(date_key),
                    )
                )
    if date is None and raw_date is None and not atop.impossible:
        date = dates.date_in_path(src.source)  # Jekyll's _posts/2019-03-15-title.md
    if date is None and raw_date is None and not atop.impossible:
        if "date" in fields:
            notes.append(
                Diagnostic(
                    src.source,
                    f"'{typed_as('date')}:' is empty; the article is listed as undated",
                    meta.lines.get("date"),
                )
            )
        else:
            notes.append(Diagnostic(src.source, "no 'date:' in the metadata; the article is listed as undated"))
    updated, updated_line = _markdown_update(value, meta.lines, src.source, notes)
    if updated is None and updated_line is None and atop.updated is not None:
        updated, updated_line = atop.updated, atop.updated_line
    check_update(date, updated, src.source, updated_line, notes)

    from sitegen.markup import headings_in_order, render_body
    from sitegen.sanitize import changed_diagnostics

    typed = body_md  # as written: a figure made HTML takes more or fewer lines than its shortcode
    # Hugo's figures, videos and code, Jekyll's code and WordPress's captioned pictures and embeds,
    # before anything looks at their paths
    if "{{" in body_md or "{%" in body_md:
        body_md = shortcodes.unescape(body_md, without_code(body_md))
        body_md = shortcodes.expand(body_md, without_code(body_md))
    if "[/" in body_md:
        body_md = shortcodes.wordpress(body_md, without_code(body_md))
    if "{" in body_md or "|" in body_md:  # links written for Jekyll, Hugo or Pelican, before anything looks at them
        body_md = generator_references(body_md, src.source, without_code(body_md))
    may_be_code = "{" in body_md or WORDPRESS_NAME.search(body_md) is not None
    if may_be_code and (codes := list(TEMPLATE_CODE.finditer(without_code(body_md)))):
        code, *others = codes
        kind = "Hugo shortcode" if code.group().startswith(("{{<", "{{%")) else "Liquid (Jekyll) tag"
        kind = "WordPress shortcode" if code.group().startswith("[") else kind
        first, *lines = _typed_lines([c.group() for c in codes], typed, body_md, [c.start() for c in codes])
        lines = sorted({meta.body_line - 1 + line for line in lines})
        more = ""
        if others:  # one warning for the file, that still says where every other one is
            codes_said = f"{len(others)} more template code{'s' * (len(others) > 1)}"
            more = f" (and {codes_said}, line{'s' * (len(lines) > 1)} {', '.join(map(str, lines))})"
        message = (
            f"{kind} {code.group()[:40]!r}{more} is shown as typed: sitegen runs no template code in articles; "
            "replace it with what it stood for (an image in Markdown: ![text](file.jpg))"
        )
        notes.append(Diagnostic(src.source, message, meta.body_line - 1 + first))
    rendered, changed = render_body(body_md)
    notes.extend(changed_diagnostics(changed, body_md, src.source, meta.body_line))
    html, ids, renamed = heading_ids(headings_in_order(rendered))
    for fragment in dangling(html, ids):
        at = src.text.find("#" + fragment)
        message = (
            f"the link to '#{fragment}' leads to no heading or id of this article, so it goes nowhere; "
            "write the heading's words after '#' (or give the heading that id with {#...})"
        )
        notes.append(Diagnostic(src.source, message, line_at(src.text, at) if at >= 0 else None))
    for n, (name, new) in enumerate(renamed):
        nth = sum(old == name for old, _ in renamed[: n + 1]) - (name in RESERVED)
        if name in PAGE_IDS:
            reason = "is the page's own"
        elif name in RESERVED:
            reason = "would hide a property of the browser's window object from its scripts"
        else:
            reason = "is given twice"
        message = f"the id {name!r} {reason}; this one is {new!r} instead, so that ids stay unique (choose another)"
        notes.append(Diagnostic(src.source, message, _id_line(src.text, name, nth)))
    html, media, links, media_notes = localize(html, src.source, src.text)
    notes.extend(media_notes)
    pages = folder_links(html, src.text)
    fragments = fragment_links(html, src.text)
    notes.extend(computer_paths(meta.body, src.source, meta.body_line))
    if may_be_undescribed(meta.body):
        notes.extend(undescribed_images(without_code(meta.body), src.source, meta.body_line))
    if not html.strip():
        notes.append(Diagnostic(src.source, "the article has a title but no body text"))
    figure, lead_media, undescribed_lead = _lead_image(fields, meta.lines, src, notes)
    # Themes that do not show the lead image (Jekyll's minima, Hugo's `images`: link previews
    # only) leave the picture in the body: shown there, it is not shown twice.
    if figure and not shows_picture(html, figure):
        if undescribed_lead is not None:  # (shown by the body, the body's own image is looked at)
            notes.append(undescribed_lead)
        html = figure + html
        merged = dict(lead_media)  # first, with its line, also when the body links to it too
        for rel, line in media:
            merged.setdefault(rel, line)
        media = tuple(merged.items())
    body = (Block("html", html),) if html.strip() else ()

    lang = value("lang", "language")
    if lang is not None:
        lang = LANGUAGES.get(fold(lang)) or lang.lower()[:2]  # (العربية: ar)
        if lang not in ("ar", "en"):
            notes.append(
                Diagnostic(
                    src.source,
                    f"unknown language {value('lang', 'language')!r} (use ar or en); detected from the text instead",
                    meta.lines.get("lang" if value("lang") is not None else "language"),
                )
            )
            lang = None
    if lang is None:  # the body's own script, when it is clear; else the title's with it
        shown = _shown_text(html, 2000)
        lang = body_lang(shown) or detect_lang(title + " " + shown)

    tags: list[Tag] = []
    for key in _TAG_FIELDS:
        raw = fields.get(key)
        labels = raw if isinstance(raw, tuple) else (raw,) if raw else ()
        for label in labels:
            try:
                tag = resolve_tag(str(label))
            except ValueError:
                notes.append(
                    Diagnostic(src.source, f"tag {label!r} has no letters or digits; ignored", meta.lines.get(key))
                )
                continue
            same = next((t for t in tags if t.slug == tag.slug), None)
            if same is None:
                tags.append(tag)
            elif tag != same:
                kept = same.label_en or same.label_ar
                message = f"tags {kept!r} and {str(label)!r} have the same URL (tags/{tag.slug}/): one tag, {kept!r}"
                notes.append(Diagnostic(src.source, message, meta.lines.get(key)))

    slug = value("slug")
    if slug is not None:
        clean = slugify(slug)
        if clean != slug:
            said = (
                f"slug {slug!r} is not a safe URL segment; using {clean!r}"
                if clean
                else f"slug {slug!r} has no letters or digits; ignored: the URL is made from the title"
            )
            notes.append(Diagnostic(src.source, said, meta.lines.get("slug")))
        slug = clean or None
    if slug is None and not slugify(title):
        said = "the title has no letters or digits; the URL is made from the file name (check 'title:' or give a slug)"
        notes.append(Diagnostic(src.source, said, meta.lines.get("title")))
    aliases = _aliases(fields, meta.lines, src.source, notes)
    typed_title = meta.fields.get("title")
    read = slug is None and fields.get("title") != typed_title  # its references made the title: and its slug?
    typed_slug = _typed_slug(typed_title, title, src.source) if read else ""
    draft = _is_draft(value("draft"), src.source, meta.lines.get("draft"), notes, name=typed_as("draft"))
    draft = _held_back(value("status"), src.source, meta.lines.get("status"), notes) or draft
    # Jekyll's "published: false" holds a post back, as draft: true does; Hugo's published is a date.
    if not _is_date_text(value("published")):
        draft = _is_draft(value("published"), src.source, meta.lines.get("published"), notes, negated=True) or draft
    return Article(
        source=src.source,
        title=title,
        lang=lang,
        body=body,
        date=date,
        updated=updated,
        time=time,
        byline=byline,
        tags=tuple(tags),
        slug=slug or slug_for(title, src.source),
        typed_slug=typed_slug,
        summary=_summary_text(value("summary", "description", "excerpt", "custom_excerpt")),
        draft=draft,
        translation=_translation_key(value("translation"), slug, meta.pelican),
        format="markdown",
        diagnostics=tuple(notes),
        media=media,
        links=links,
        aliases=aliases,
        pages=pages,
        fragments=fragments,
    )


_AUTHOR_KEYS = frozenset({"author", "authors", "byline", "author.name"})
# In the order their tags are given (Zola's, under [taxonomies], last).
_TAG_FIELDS: tuple[str, ...] = ("tags", "tag", "keywords", "category", "categories", "series")
_TAG_FIELDS += tuple(f"taxonomies.{key}" for key in ("tags", "categories", "series"))
# A draft switch sitegen cannot read holds the article back: what it says when it does.
_HELD_BACK = {"draft": "true", "published": "false"}
# The keys whose table is warned about here; an unknown key's is warned about as unknown.
_READ_NESTED = READ_KEYS | _AUTHOR_KEYS | frozenset(_IMAGE_TABLES + IMAGE_ALT_KEYS + IMAGE_CAPTION_KEYS)
_ARABIC_SEPARATORS = re.compile(r"[\u060c\u061b]")  # as markup reads a list's items


# The metadata a reader sees as text (a summary's is read with its markup, _summary_text): its
# character references are the characters they stand for (decode_references), as on the page
# the archive comes from. Addresses, dates and switches are not text to show.
_TEXT_KEYS = frozenset(
    {"title", *_AUTHOR_KEYS, "author.display_name", *_TAG_FIELDS, *IMAGE_ALT_KEYS, *IMAGE_CAPTION_KEYS}
)


def _decoded(fields: dict[str, MetaValue]) -> dict[str, MetaValue]:
    """fields with the character references in their text (_TEXT_KEYS) decoded, once."""
    decoded = dict(fields)
    for key in _TEXT_KEYS & fields.keys():
        raw = fields[key]
        decoded[key] = decode_references(raw) if isinstance(raw, str) else tuple(map(decode_references, raw))
    return decoded


def _typed_slug(typed: MetaValue | None, title: str, source: str) -> str:
    """The slug the title had while its character references were read as typed, when they
    changed it ('Q&amp;A &#8211; talks': q-amp-a-8211-talks, now q-a-talks); else ""."""
    typed_text = strip_invisible(", ".join(typed) if isinstance(typed, tuple) else (typed or "")).strip()
    old = slug_for(typed_text, source) if typed_text else ""
    return old if old != slug_for(title, source) else ""


def _with_nested(meta: Metadata, src: SourceText, notes: list[Diagnostic]) -> Metadata:
    """meta with what sitegen understands of the tables and lists of tables in its header
    (nested.py): the names of authors and tags written as objects, a lead image's path and
    description. What it cannot use of them is named in notes, with its line: a key sitegen
    reads, here; an unknown key, as every unknown key is; a layout key, not at all."""
    from sitegen.nested import MAX_DEPTH, MAX_NODES, nested_values

    found = nested_values(src.text, meta)
    if not found:
        return meta
    fields, lines = dict(meta.fields), dict(meta.lines)
    for key, node in found.items():
        lines[key] = node.line
        name = meta.typed.get(key, key)  # as typed (المؤلف), for what is said
        if node.cut and key in _READ_NESTED:  # an unknown key is said to be ignored as a whole
            said = f"'{name}' is too large or too deep to read whole (more than {MAX_NODES:,} values or {MAX_DEPTH} "
            said += "levels, as aliases may make it): what is beyond is ignored"
            notes.append(Diagnostic(src.source, said, node.line))
        if key in _AUTHOR_KEYS and (names := _names(name, node, src.source, notes)):
            fields[key] = names
        elif key in _TAG_FIELDS:
            fields[key] = _tag_names(name, node, src.source, notes)
        elif key in _IMAGE_TABLES and (picture := _picture(name, node, src.source, notes)) is not None:
            fields[key] = picture[0]
            for field, (text, line) in picture[1].items():
                fields.setdefault(f"{key}.{field}", text)
                lines.setdefault(f"{key}.{field}", line)
        elif key in _HELD_BACK:  # as a draft: value that is neither yes nor no (see _is_draft)
            fields[key] = _HELD_BACK[key]
            said = f"'{name}' holds a table or a list of tables, not yes or no: the article is kept as a draft "
            notes.append(Diagnostic(src.source, said + "(not published)", node.line))
        elif key in _READ_NESTED:
            said = f"'{name}' holds a table or a list of tables, not text: sitegen cannot read it, and ignores it "
            said += "(write it as text)"
            notes.append(Diagnostic(src.source, said, node.line))
    return dataclasses.replace(meta, fields=fields, lines=lines)


def _names(key: str, node: Node, source: str, notes: list[Diagnostic]) -> tuple[str, ...]:
    """The names of authors written as objects ({name: ..., url: ...}) or as text, in a list or not.
    An entry of a list that has no name (a table without one, a list) is named with its line,
    when the others give a byline (else the whole value is said to be unread, _with_nested) and
    the value was read whole (else that is said, and the entries cut short have no name)."""
    names: list[str] = []
    nameless: list[int] = []
    for item in node.value if isinstance(node.value, list) else [node]:
        named = item.value.get("name") if isinstance(item.value, dict) else item
        if named is not None and isinstance(named.value, str) and named.value:
            names.append(named.value)
        elif item is not node and item.value != "":  # an empty entry is skipped, as in a list of text
            nameless.append(item.line)
    if names and not node.cut:
        notes.extend(Diagnostic(source, _nameless(key), line) for line in nameless)
    return tuple(names)


def _nameless(key: str) -> str:
    return f"an author in '{key}' is a list or a table without a name, not text; it is ignored"


def _byline(fields: Mapping[str, MetaValue]) -> str | None:
    """The names of the first author key that gives one, each once: a YAML alias (*jane) repeats
    an author's table, and the same name typed twice is one author."""
    for key in ("byline", "author", "authors", "author.name", "author.display_name"):  # (jekyll-import's)
        raw = fields.get(key)
        names = dict.fromkeys(str(name).strip() for name in (raw if isinstance(raw, tuple) else (raw,)) if name)
        names.pop("", None)
        if names:
            return ", ".join(names)
    return None


def _tag_names(key: str, node: Node, source: str, notes: list[Diagnostic]) -> tuple[str, ...]:
    """Tags of a list holding lists or objects: those written as text or as an object with a
    name, as markup reads a list that holds nothing else; the others are named with their line."""
    labels: list[str] = []
    for item in node.value if isinstance(node.value, list) else [node]:
        named = item.value.get("name") if isinstance(item.value, dict) else item
        if named is not None and isinstance(named.value, str):
            labels.extend(t for t in (p.strip() for p in _ARABIC_SEPARATORS.split(named.value)) if t)
        else:
            said = f"a tag in '{key}' is a list or a table without a name, not text; it is ignored"
            notes.append(Diagnostic(source, said, item.line))
    return tuple(labels)


def _picture(
    key: str, node: Node, source: str, notes: list[Diagnostic]
) -> tuple[str, dict[str, tuple[str, int]]] | None:
    """The path of a lead image written as a table ({src, alt}) or a list of them (the first
    one, as of a list of paths), with its alt and caption; a field of it that is neither is
    named with its line, as an unknown key of a cover: table is."""
    first = node
    while isinstance(first.value, list):
        if not first.value:
            return None
        first = first.value[0]
    if isinstance(first.value, str):
        return (first.value, {}) if first.value else None
    table = first.value
    given = (table[k].value for k in _IMAGE_PATHS if k in table)
    path = next((text for text in given if isinstance(text, str) and text), None)
    if path is None:
        return None
    described: dict[str, tuple[str, int]] = {}
    for field, item in table.items():
        if field in ("alt", "caption") and isinstance(item.value, str):
            described[field] = (item.value, item.line)
        elif field not in _IMAGE_PATHS:
            message = f"unknown metadata key '{key}.{field}' ignored (the line is not shown on the page)"
            notes.append(Diagnostic(source, message, item.line))
    return path, described


def _lead_image(
    fields: Mapping[str, str | tuple[str, ...]], lines: Mapping[str, int], src: SourceText, notes: list[Diagnostic]
) -> tuple[str, tuple[tuple[str, int | None], ...], Diagnostic | None]:
    """The figure of the front matter's lead image (IMAGE_KEYS), the file it publishes, and the
    warning to give if the figure is shown without a description: no alt key at all and no
    caption. The picture that opens the article, and its link preview's og:image:alt, then say
    nothing to a reader who cannot see it; an alt key written empty (image_alt: '') marks it as
    mere decoration, as alt="" does in HTML."""

    def first(keys: tuple[str, ...]) -> tuple[str, str] | None:
        for key in keys:
            raw = fields.get(key)
            text = raw[0] if isinstance(raw, tuple) and raw else raw  # images: [first, ...]
            if isinstance(text, str) and text.strip():
                return key, text.strip()
        return None

    found = first(IMAGE_KEYS)
    if found is None:
        # A blank `image:` is a post template's empty slot, not a mistake; a table's field that
        # holds nothing readable (nested deeper still) is one.
        given = next((key for key in IMAGE_KEYS if key in fields and "." in key), None)
        if given is not None:
            message = f"'{given}' names no picture sitegen can read (write its path as text); no lead image is shown"
            notes.append(Diagnostic(src.source, message, lines.get(given)))
        return "", (), None
    if any(str(fields.get(key, "")).strip().lower() == "true" for key in IMAGE_HIDDEN_KEYS):
        return "", (), None
    key, path = found
    alt, caption = first(IMAGE_ALT_KEYS), first(IMAGE_CAPTION_KEYS)
    figure, media, image_notes = lead_figure(
        path, alt[1] if alt else "", caption[1] if caption else "", src.source, src.text, lines.get(key)
    )
    notes.extend(image_notes)
    if caption is not None or any(key in fields for key in IMAGE_ALT_KEYS):
        return figure, media, None
    how = "write what it shows in the front matter (image_alt: description), or if it is only decoration say so: "
    how += "image_alt: ''"
    return figure, media, undescribed(path, how, src.source, lines.get(key))


_ADDRESS_SEPARATORS = re.compile(r"[\s,]+")


def _aliases(
    fields: Mapping[str, str | tuple[str, ...]], lines: Mapping[str, int], source: str, notes: list[Diagnostic]
) -> tuple[tuple[str, int | None], ...]:
    """The redirect files of the article's earlier addresses (redirects.KEYS), each once, with
    the line of their key; an address that cannot be one is warned about. Text (not a list) may
    hold several, separated by commas or spaces (a space in an address is written %20)."""
    found: dict[str, int | None] = {}
    for key in redirects.KEYS:
        raw = fields.get(key)
        if raw is None:
            continue
        addresses = raw if isinstance(raw, tuple) else tuple(a for a in _ADDRESS_SEPARATORS.split(str(raw)) if a)
        for address in addresses:
            try:
                found.setdefault(redirects.alias_file(address), lines.get(key))
            except ValueError as exc:
                message = f"no redirect from {address!r} ({key}): {exc}"
                notes.append(Diagnostic(source, message, lines.get(key)))
    return tuple(found.items())


def _id_line(text: str, name: str, nth: int) -> int | None:
    """The line of the file where the author gives an id ({#name}, id="name") the nth time (0:
    the first), if it can be found."""
    places = [m.start() for m in re.finditer(rf"""(?:\{{[^}}\n]*#|\bid=["']?){re.escape(name)}(?=[\s}}"'>]|$)""", text)]
    if not places:
        return None
    return line_at(text, places[min(nth, len(places) - 1)])


# The first one given is read (Pelican, Hugo, Jekyll's jekyll-last-modified-at, Ghost).
UPDATE_KEYS = ("updated", "modified", "lastmod", "last_modified_at", "updated_at")


def _markdown_update(
    value: Callable[[str], str | None], lines: dict[str, int], source: str, notes: list[Diagnostic]
) -> tuple[dt.date | None, int | None]:
    """The update date of the metadata, and its line; a value that is no date is warned about."""
    key = next((k for k in UPDATE_KEYS if value(k) is not None), None)
    if key is None:
        return None, None
    raw, line = value(key), lines.get(key)
    assert raw is not None
    try:
        updated = dates.parse_date(raw)
    except dates.InvalidDate as exc:
        notes.append(Diagnostic(source, f"impossible update date {raw!r} ({exc}); no update date is shown", line))
        return None, line
    if updated is None:
        message = f"unrecognized update date {raw!r}; use YYYY-MM-DD (no update date is shown)"
        notes.append(Diagnostic(source, message, line))
    return updated, line


_YES, _NO = YES, NO


def _translation_key(given: str | None, slug: str | None, pelican: bool) -> str | None:
    """The key that pairs an article with its versions in other languages (collect.translations).

    ``translation: KEY`` names it. A Pelican header pairs them as Pelican does: the articles of
    one slug (``Slug:``) in different languages are versions of one article, and Pelican's
    ``Translation: true`` only marks which is the translation; read as a key, it paired nothing
    and left every such archive without its language links."""
    translated = given is not None and given.casefold() in _YES
    if given is not None and given.casefold() in _YES | _NO:
        given = None  # Pelican's flag, not a key
    if given is None and pelican and slug:
        return f"slug:{slug}" + TRANSLATED * translated
    return given


# Where Hugo reads an article's date when `date` is not given (its default frontmatter.date), and
# Ghost's exports write it.
_DATE_KEYS = ("date", "publishdate", "pubdate", "published", "published_at")


def _date_key(value: Callable[..., str | None]) -> str:
    """The metadata key that holds the article's date: `date`, else Hugo's publishDate, pubdate
    or a `published` that is a date (Jekyll's `published` is yes/no: a draft switch)."""
    for key in _DATE_KEYS:
        raw = value(key)
        if raw is not None and (key != "published" or _is_date_text(raw)):
            return key
    return "date"


def _is_date_text(raw: str | None) -> bool:
    """Whether a value is a date (also an impossible one), not a yes/no word."""
    if raw is None or raw.strip().casefold() in _YES | _NO:
        return False
    try:
        return dates.parse_date(raw) is not None
    except dates.InvalidDate:
        return True


def _is_draft(
    raw: str | None, source: str, line: int | None, notes: list[Diagnostic], *, negated: bool = False, name: str = ""
) -> bool:
    """Draft: yes/no (or, ``negated``, published: yes/no). Any other value keeps the article
    unpublished, with a warning: publishing what its author may have meant to hold back cannot
    be undone."""
    if raw is None:
        return False
    word = raw.strip().casefold()
    if word in _YES or word in _NO:
        return (word in _NO) if negated else (word in _YES)
    key = name or ("published" if negated else "draft")
    message = f"{key}: {raw!r} is neither yes nor no; the article is kept as a draft (not published)"
    notes.append(Diagnostic(source, message, line))
    return True


# The statuses of a post that its site did not show to readers: WordPress's (private, pending,
# future, trash), as its exporters write them, and Ghost's scheduled posts.
_UNPUBLISHED = frozenset({"private", "pending", "future", "scheduled", "trash", "auto-draft"})


def _held_back(status: str | None, source: str, line: int | None, notes: list[Diagnostic]) -> bool:
    """Whether a post's status keeps it a draft: ``draft``, as said, or one of _UNPUBLISHED, which
    is said; any other (publish, published) publishes it."""
    word = (status or "").strip().casefold()
    if word in _UNPUBLISHED:
        message = f"status: {status!r} is not published where it comes from; the article is kept as a draft "
        notes.append(Diagnostic(source, message + "(not published): to publish it, set status: publish", line))
    return word == "draft" or word in _UNPUBLISHED


# Emphasis around a line under the title: "*April 19, 2024*", "**By Jane Doe**", "_19 أبريل 2024_".
_MD_EMPHASIS = re.compile(r"^([*_]{1,3})(\S(?:.*\S)?)\1$")
# ... or around a part of it, as pages converted to Markdown have it: "**Date:** April 19, 2024".
_MD_PART_EMPHASIS = re.compile(r"(?<![\w*])([*_]{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
# ... looked for on a line no longer than a date line is (dates reads none longer): on a long one
# its search takes time quadratic in the line's length.
_MD_DATE_LINE_CHARS = 400


def _dates_atop(body: str, text: str, dated: Dates, want_byline: bool) -> tuple[str, str | None]:
    """A Markdown article without a date in its metadata may open, under its title, with the
    lines a plain-text one has there: a date or update line, a byline, or both on one line,
    each a paragraph of its own, maybe in emphasis. Their dates go to ``dated``; returns the body
    without those lines, and the byline found (only when ``want_byline``)."""
    lines = body.split("\n")
    byline: str | None = None
    taken: list[int] = []
    n = 0
    while len(taken) < 3:
        while n < len(lines) and not lines[n].strip():
            n += 1
        if n >= len(lines) or (n + 1 < len(lines) and lines[n + 1].strip()):
            break  # the end, or a paragraph of more than one line: the text begins
        line = " ".join(lines[n].split())
        line = match.group(2) if (match := _MD_EMPHASIS.match(line)) else line
        number = _line_number(text, lines[n])
        if dated.take((number, line)) or (want_byline and byline is None and (byline := dated.byline((number, line)))):
            taken.append(n)
        elif (
            len(line) <= _MD_DATE_LINE_CHARS
            and (bare := _MD_PART_EMPHASIS.sub(r"\2", line)) != line
            and dated.take((number, bare))
        ):
            taken.append(n)  # a date line with emphasis on a part of it: "**التاريخ:** 19 أبريل 2024"
        elif want_byline and byline is None and BYLINE_MARKED.match(line) and len(line) <= 80:
            byline = line
            taken.append(n)
        else:
            break
        n += 1
    if dated.date is None and dated.updated is None and not dated.impossible:
        return body, None  # a byline alone stays where the author put it
    return "\n".join(line for i, line in enumerate(lines) if i not in taken), byline


def _line_number(text: str, line: str) -> int:
    """The 1-based line of the file that reads exactly line (for a warning's line number)."""
    at = text.find("\n" + line + "\n")
    return line_at(text, at + 1) if at >= 0 else 1


_MD_H1 = re.compile(r"^\s*#\s+(.+?)\s*#*\s*$")
_MD_SETEXT_H1 = re.compile(r"^ {0,3}=+\s*$")


def _title_from_heading(body: str) -> tuple[str | None, str]:
    """Use the first heading of a Markdown body ('# Title', or 'Title' over '===') as the title,
    removing it from the body."""
    lines = body.split("\n")
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        if match := _MD_H1.match(line):
            return _heading_text(match.group(1)), "\n".join(lines[:n] + lines[n + 1 :])
        if n + 1 < len(lines) and _MD_SETEXT_H1.match(lines[n + 1]):
            return _heading_text(line.strip()), "\n".join(lines[:n] + lines[n + 2 :])
        break
    return None, body


def _shown_text(html: str, limit: int) -> str:
    """About the first limit characters a reader sees of an article's HTML, code left out: what
    its language is told by. Not the Markdown, whose link and image addresses are Latin in any
    language; nor code (a block of it, a command in a sentence), Latin in any language too: an
    Arabic tutorial that opens with a listing was English."""
    from sitegen.views import plain_text

    if "<pre" in html or "<code" in html:
        html = without_code_elements(html)
    chunk = html[: 3 * limit]
    if chunk.rfind("<") > chunk.rfind(">"):  # a tag cut in two: its attributes are not text
        chunk = chunk[: chunk.rfind("<")]
    return plain_text(chunk)[:limit]


# The start tag of a code block (<pre>, with its <code>) or of a piece of code in a sentence, and
# their end tags.
_CODE_START = re.compile(r"<(pre|code)\b", re.IGNORECASE)
_CODE_END = {"pre": re.compile(r"</pre\s*>", re.IGNORECASE), "code": re.compile(r"</code\s*>", re.IGNORECASE)}


def without_code_elements(html: str) -> str:
    """The HTML with each <pre> or <code> element, from its start tag to its first end tag, made
    one space; a start tag with no end tag after it stays. In one pass: once no end tag of a
    name is left, later start tags of that name are not searched to the end again (a regular
    expression with a back-reference did, for each of thousands of unclosed <code>)."""
    pieces: list[str] = []
    done = 0  # how much of html is in pieces
    unclosed: set[str] = set()
    for start in _CODE_START.finditer(html):
        if start.start() < done:
            continue  # inside an element already left out
        name = start.group(1).lower()
        if name in unclosed:
            continue
        opened = html.find(">", start.end())  # the start tag's end
        if opened < 0:
            break  # nor has any start tag after this one
        end = _CODE_END[name].search(html, opened + 1)
        if end is None:
            unclosed.add(name)
            continue
        pieces += (html[done : start.start()], " ")
        done = end.end()
    return "".join(pieces) + html[done:] if pieces else html


_WEB_PAGE = re.compile(r"\s*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)
_WEB_PAGE_SAID = (
    "the file is a whole web page, not Markdown: its menus and footer are published as text and its <title> "
    "is not the title; save the article's own text as .md (with 'title:') or .txt"
)


def _existing_day_said(raw: str) -> str | None:
    """What to say of an ISO date that exists but that dates.parse_date does not read, else None:
    it is no impossible date, and no typo is to be looked for in its day. It lies outside the
    years read (1900-2100), or what follows the day is no time or zone sitegen knows (an IANA
    zone name, 'Africa/Cairo'), which the warning names."""
    match = _ISO_SHAPED.match(raw)
    if match is None:
        return None
    try:
        day = dt.date(*map(int, re.findall(r"\d+", match.group())[:3]))
    except ValueError:
        return None
    if 1900 <= day.year <= 2100:
        return (
            f"unrecognized date {raw!r}: after the day {day.isoformat()}, {raw[match.end() :].strip()!r} is no time "
            "or zone sitegen reads; write YYYY-MM-DD, with a time 2024-04-19T10:00:00+02:00 (the article is listed as "
            "undated)"
        )
    side = "before 1900" if day.year < 1900 else "after 2100"
    return f"{day.isoformat()} is {side}: sitegen reads dates from 1900 to 2100; the article is listed as undated"


_ISO_SHAPED = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:$|[T ])")  # 2024-13-45: YYYY-MM-DD, out of range
_MARKUP = re.compile(r"[*_`\[<&]")
# The inline syntax a summary may be written in: links, emphasis, code and inline HTML tags.
_INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE_SPAN = re.compile(r"`([^`]+)`")
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|br|cite|code|em|i|mark|q|s|small|span|strong|sub|sup|u)\b[^>]*>", re.IGNORECASE
)


def _summary_text(summary: str | None) -> str | None:
    """The text a reader sees of a summary: it goes into meta descriptions, link previews, feeds
    and search results as plain text, and is often written with Markdown's inline syntax
    (**, [text](url)) or HTML tags, as Pelican's is. Only inline syntax is read: a summary that
    starts "2024." or "#1" is no list and no heading."""
    if summary is None or _MARKUP.search(summary) is None:
        return summary
    text = _CODE_SPAN.sub(r"\1", summary)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = decode_references(_INLINE_TAG.sub("", text))
    return " ".join(text.split()) or summary


def _heading_text(markdown: str) -> str:
    """The text a reader sees of a Markdown heading: the title is plain text, and '**', '`' or
    '[text](url)' shown as typed would look broken. The typed text when nothing is visible."""
    from sitegen.markup import render_markdown
    from sitegen.views import plain_text

    return plain_text(render_markdown(f"# {markdown}")) or markdown
