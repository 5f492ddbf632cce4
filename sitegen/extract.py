"""Decoded text -> Article. Pure: no I/O, the same text always gives the same article.

Plain-text archives have no markup, so structure is inferred line by line: leading date
lines, the title, an optional byline or dateline and update line, then the body, whose short
heading-like lines become subheadings. Nothing is dropped: every non-empty line of the file
ends up as the title, the byline, a date or update line (shown as the formatted date), or a
body block. Markdown articles, whose metadata says most of this, are read by frontmatter.py.

This module reads a file top to bottom in named steps (_parse_plain): titles.py decides which
line is the title and what stands over and under it, blocks.py and lists.py read the body, and
the dates they find are settled here with those the body and the path hold (published.py).
What a line is, they ask of datelines.py (a place, a date, a wire agency's credit) and bylines.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import itertools
import re
from collections.abc import Callable

from sitegen import dates
from sitegen.anchors import Ids
from sitegen.arabic import (
    body_lang,
    decode_references,
    detect_lang,
    has_invisible,
    is_blank,
    slug_for,
    split_tags,
    strip_invisible,
)
from sitegen.blocks import body_blocks, section_breaks
from sitegen.datelines import lead_dateline, names_event
from sitegen.errors import SourceError, line_at
from sitegen.model import Article, Block, Diagnostic, SourceText, Tag, TagResolver
from sitegen.published import Dates, check_update
from sitegen.titles import TAGS_LINE, Title, choose_title, over_title, section_over_title, shorten, under_title

TagDeriver = Callable[[str, str], tuple[Tag, ...]]

MARKDOWN_SUFFIXES = (".md", ".markdown")
_LETTER_OR_DIGIT = re.compile(r"[^\W_\u0640]")  # tatweel is a "letter" to \w
# The block tags of text exported from a web page or a content system's database.
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|h[1-6]|ul|ol|li|blockquote|strong|em|b|i|a)(?:\s[^<>]*)?/?>", re.IGNORECASE
)
# A web page saved under .txt (a browser's "Save as", a scraper's output): it opens, under an
# XML declaration and comments perhaps, with its doctype or <html> tag, and markup follows it. An
# article that starts by naming the tag ("<html> explained", a line of text after it) is no page.
# A comment ends at its first '-->', once found (an atomic group), or a text under n comments
# that is no page would be tried 2**n ways, each comment running on to a later one's end.
_WEB_PAGE = re.compile(
    r"\s*(?P<start>(?:<\?xml[^>]*>\s*)?(?:<!--(?>.*?-->)\s*)*<(?:!doctype\s+html|html)\b[^>]*>)\s*(?:<|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_PAGE_TITLE = re.compile(r"<title\b[^>]*>(?P<title>[^<]*)</title", re.IGNORECASE)


def _web_page_said(text: str) -> str:
    """Why a web page saved as .txt is skipped, and what to do. Reading its title and paragraphs
    would publish the site's menus, related links and comments with them, or drop text in markup
    we do not know, neither of which the archivist would see: the page is named instead (by its
    <title>, since pages saved from a site are often numbered files)."""
    found = _PAGE_TITLE.search(text, 0, 100_000)
    title = " ".join(html.unescape(found["title"]).split()) if found is not None else ""
    named = f" titled {title if len(title) <= 80 else shorten(title, 80)!r}" if title else ""
    return (
        f"a web page (HTML){named}, not plain text; its markup would be published as the article. Open it in a "
        "browser and save the article's own text as .txt (the title on the first line), or put the article's "
        "HTML in a .md file under a 'title:' line (Markdown reads HTML)"
    )


# A line drawn across the text ("=====" under a title, "-----" or "* * *" between sections): no
# words of the article, and no paragraph of its own. Arabic typists draw it with tatweel
# ("ـــــ", Shift+J on the Arabic keyboard), word processors with dashes or box-drawing lines.
# Searched from each newline (a text gets one in front): 4x faster than ^ with re.MULTILINE.
_RULE_LINE = re.compile(r"\n[^\S\n]*(?:[=\-_*~#•·\u0640–—─━═][^\S\n]*){3,}(?=\n|\Z)")


def parse_article(
    src: SourceText,
    resolve_tag: TagResolver,
    derive_tags: TagDeriver,
) -> Article:
    """Parse one decoded file into an Article; raise SourceError if it holds no article."""
    if is_blank(src.text):
        raise SourceError("empty file (no visible text); add the article or delete the file", src.source)
    if src.source.lower().endswith(MARKDOWN_SUFFIXES):
        from sitegen.frontmatter import parse_markdown  # Markdown, YAML and this only for Markdown files

        article = parse_markdown(src, resolve_tag)
    else:
        article = _parse_plain(src, resolve_tag, derive_tags)
    # Jekyll keeps unfinished posts in _drafts/ and publishes them only when asked to.
    draft = article.draft or _DRAFTS_FOLDER in f"/{src.source}"
    # Said in the order of the file's lines (the checks run in another order), those of the
    # whole file first.
    notes = article.diagnostics
    if any(a.line is not None and b.line is not None and a.line > b.line for a, b in itertools.pairwise(notes)):
        notes = tuple(sorted(notes, key=lambda d: d.line or 0))
    if src.digest or draft != article.draft or notes is not article.diagnostics:
        article = dataclasses.replace(article, digest=src.digest or article.digest, draft=draft, diagnostics=notes)
    return article


_DRAFTS_FOLDER = "/_drafts/"


# --- plain text -------------------------------------------------------------------------


def _parse_plain(src: SourceText, resolve_tag: TagResolver, derive_tags: TagDeriver) -> Article:
    """A plain text read from the top, one step each: its lines, those over the title, the title,
    those under it, then the body. Each step starts where the last one stopped; the dates met on
    the way are gathered in one Dates, and the warnings in notes, in the order they are found."""
    notes = list(src.diagnostics)
    text = _plain_lines(src, notes)
    # The top of the file, read down to the body (titles.py).
    dated = Dates(src.source, notes)
    top = over_title(text.numbered, text.lines, dated)
    # A section label or a breadcrumb over the title ("سياسة", "عاجل", "الرئيسية > أخبار > دولي"), as
    # pages copied from news sites have it: the article's section, kept as a tag.
    section = section_over_title(text.numbered, top.end, resolve_tag, dated.date is None and dated.updated is None)
    first = top.end if section is None else top.end + 1
    if first == len(text.numbered):
        raise SourceError(
            "the file holds only a date line, no title or text; add the article below the date", src.source
        )
    head = choose_title(src.source, text.numbered, text.lines, first, top.byline, dated, notes)
    under = under_title(text.numbered, text.lines, head, dated)
    # The body, and the dates it holds: settled with the title's and the path's once all is read.
    closing_tags, tags_line = _closing_tags(text.numbered, under.end)
    body = _body(text, under.end, (under.taken, tags_line))
    if head.first_paragraph is None:
        body = _stamp_under_title(body)
    body = _date_at_end(src.source, body, text.lines, head.date, dated, notes)
    if head.first_paragraph is not None:
        body = (head.first_paragraph, *body)
    _date_from_lead(body, head, text.numbered, under.end, dated)
    if head.first_paragraph is None:
        _relative_time_note(src.source, body, text.numbered, under.end, notes)
    if top.stamp is not None:  # a relative time over the title: kept as text, noted as under it
        body = (Block("p", top.stamp[1]), *body)
        notes.append(Diagnostic(src.source, _relative_time_said(top.stamp[1], "over"), top.stamp[0], level="info"))
    title, event_date = _settled_title(src.source, head, dated, notes)
    _doubtful_dateline(src.source, top.doubtful, dated, notes)
    body = _subheading_ids(body)
    if not body:
        notes.append(Diagnostic(src.source, "the article has a title but no body text", head.line))
    date = _date_or_undated(src.source, title, head.line, event_date, dated, notes)
    check_update(date, dated.updated, src.source, dated.updated_line, notes)
    lang = body_lang(_opening(body)) or detect_lang(title + " " + " ".join(b.text for b in body[:3]))
    body_text = "\n".join(b.text for b in body)
    named = (*under.named, *closing_tags)
    return Article(
        source=src.source,
        title=title,
        lang=lang,
        body=body,
        date=date,
        updated=dated.updated,
        time=dated.time if date == dated.date else None,
        byline=under.byline,
        tags=_own_tags(section, named, derive_tags(title, body_text), resolve_tag, src.source, notes),
        slug=slug_for(title, src.source),
        diagnostics=tuple(notes),
    )


@dataclasses.dataclass(frozen=True, slots=True)
class _Lines:
    """A plain text's lines as the steps of _parse_plain read them (made by _plain_lines)."""

    padded: str  # the text with a newline in front, where _RULE_LINE searched
    rules: list[tuple[int, str]]  # the rule lines found in padded, with where
    typed: list[str]  # the lines without rules and entities, as typed
    lines: list[str]  # each with its whitespace collapsed, "" when blank; _body blanks the lines it is told to
    numbered: list[tuple[int, str]]  # the non-empty lines, with their 1-based numbers


def _plain_lines(src: SourceText, notes: list[Diagnostic]) -> _Lines:
    """The file's lines without what is no text: rules, HTML entities, invisible characters, runs
    of spaces. A web page, or a file with no letter or digit in it, holds no article."""
    if (page := _WEB_PAGE.match(src.text)) is not None:
        raise SourceError(_web_page_said(src.text), src.source, line_at(src.text, page.start("start")))
    # A rule separates, as a blank line does; lines keep their numbers. Between two paragraphs
    # it is a section break (body_blocks), unless it is a table's (section_breaks).
    padded = "\n" + src.text
    rules = [(m.start(), m.group()) for m in _RULE_LINE.finditer(padded)]
    text = _RULE_LINE.sub("\n", padded)[1:] if rules else src.text
    if "&" in text:  # text copied out of a web page keeps its entities: &quot;, &amp;, &#1575;
        text = decode_references(text)  # (none to a control character: &#129; is no character of a page)
        if is_blank(text):  # only &nbsp; and the like
            raise SourceError("no visible text (only spaces written as HTML entities); add the article", src.source)
    if _LETTER_OR_DIGIT.search(text) is None:  # "...", "ـــــ": no word to make a title or a text of
        raise SourceError(
            "no letters or digits, only punctuation or tatweel: no article; add it or delete the file", src.source
        )
    if (tag := _HTML_TAG.search(text)) is not None:
        notes.append(
            Diagnostic(
                src.source,
                f"the text holds HTML tags ({tag.group(0)[:20]}), shown as typed; if it is HTML, rename the file "
                "to .md (Markdown reads HTML, sanitized) or remove the tags",
                line_at(text, tag.start()),
            )
        )
    typed = text.split("\n")  # as typed: a list's sub-items are indented (item_depths)
    # Without invisible characters, " ".join(line.split()) is _clean at C speed.
    lines = [_clean(line) for line in typed] if has_invisible(text) else [" ".join(line.split()) for line in typed]
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line]
    return _Lines(padded, rules, typed, lines, numbered)


def _closing_tags(numbered: list[tuple[int, str]], start: int) -> tuple[tuple[str, ...], int | None]:
    """The tags named on the last line, and its number, when it is a tags line under the text."""
    # The tags line a page ends with ("الكلمات المفتاحية: ..."): the line itself, before lines are
    # joined into paragraphs, so that a tags line never takes in the text above it.
    if start < len(numbered) - 1 and (listed := TAGS_LINE.match(numbered[-1][1])) is not None:
        return split_tags(listed["tags"]), numbered[-1][0]
    return (), None


def _opening(body: tuple[Block, ...]) -> str:
    """The body's first blocks, up to some 1,000 characters: what its language is told by
    (arabic.body_lang). Not only the first three, which may be short lines (a dateline, a
    subheading, "عاجل"); not the whole body, whose length would cost every build for nothing."""
    taken: list[str] = []
    size = 0
    for block in body:
        if size >= 1000:
            break
        taken.append(block.text)
        size += len(block.text) + 1
    return " ".join(taken)


def _body(text: _Lines, start: int, taken: tuple[int | None, ...]) -> tuple[Block, ...]:
    """The blocks of the text from numbered[start] on. The lines taken (a date line under a
    subtitle, a closing tags line) are blanked in text.lines first: they said what they had to."""
    lines = text.lines
    for n in taken:
        if n is not None:
            lines[n - 1] = ""
    breaks = section_breaks(text.padded, text.rules, text.typed) if text.rules else ()
    return body_blocks(
        lines, text.numbered[start][0] if start < len(text.numbered) else len(lines) + 1, text.typed, breaks
    )


def _date_at_end(
    source: str,
    body: tuple[Block, ...],
    lines: list[str],
    title_date: tuple[dt.date, str, str] | None,
    dated: Dates,
    notes: list[Diagnostic],
) -> tuple[Block, ...]:
    """The body without its last paragraph when that is a date or update line that tells what
    the top of the article did not, read into dated."""
    # Some archives put the date or the update last ("نشر في 19 أبريل 2024"): shown as the
    # date, not as text, when it tells what the top of the article did not.
    if len(body) <= 1 or body[-1].kind != "p" or _introduced(body[-2], body[-1].text):
        return body
    # A date's label alone on the line over it ("تاريخ الخبر:" / "19 أبريل 2024"; not a lead-in,
    # _introduced): the two are one date line, read and taken together.
    label = body[-2].kind == "p" and body[-2].text.endswith(":")
    last = dates.labelled(body[-2].text, body[-1].text) if label else body[-1].text
    try:
        found, found_update = dates.parse_dateline(last)
    except dates.InvalidDate as exc:
        found = found_update = None
        what = "update date" if exc.update else "date"
        message = f"impossible {what} {last!r} ({exc}) in the last line; it is kept as text (correct it)"
        notes.append(Diagnostic(source, message, _last_line(lines)))
    # A last line that repeats the title's date stays text, as one repeating a date line does.
    repeated = found is not None and (dated.date is not None or (title_date is not None and found == title_date[0]))
    if (found or found_update) and not repeated and not (found_update and dated.updated):
        if found and dated.date is None:
            dated.date, dated.time = found, dated.time_of(last, _last_line(lines))
        if found_update:
            dated.updated, dated.updated_line = found_update, _last_line(lines)
        taken = 1 + label
        breaks = len(body) > taken and body[-taken - 1].kind == "hr"  # a break over it breaks from nothing
        body = body[: -taken - breaks]
    return body


def _introduced(above: Block, last: str) -> bool:
    """Whether the paragraph over the last line makes a date on it the text's, not the day the
    article appeared: a lead-in that announces it ("آخر موعد للتقديم:", "The deadline is:"), or
    another day alone on its line (a schedule's or a timeline's days, one a line). An update line
    under a date line ("آخر تحديث: 20 أبريل 2024") is still the article's, and so are a date's
    label over it ("التاريخ:" / "19 أبريل 2024") and another line naming its day (a repeat, or its
    Hijri date)."""
    if above.kind != "p":
        return False
    if above.text.endswith(":"):
        return not dates.labels_date(above.text, last)
    run = dates.date_line(above.text) is not None and not dates.same_day(above.text, last)
    return run and not dates.is_update(last)


def _date_from_lead(
    body: tuple[Block, ...], head: Title, numbered: list[tuple[int, str]], start: int, dated: Dates
) -> None:
    """The date of the dateline the first paragraph opens with, read into an undated dated."""
    # Under a relative time ("Updated 2 hours ago", "منذ 3 ساعات", kept as text), the paragraph
    # after it is the text's first.
    stamped = head.first_paragraph is None and _relative_time_first(body)
    first = body[1:2] if stamped else body[:1]
    if (
        dated.date is None
        and not dated.impossible
        and first
        and first[0].kind == "p"
        and (lead := lead_dateline(first[0].text)) is not None
    ):
        # Wire copy opens its first paragraph with the dateline ("القاهرة - 19 أبريل 2024 (أ ف ب)
        # - أعلنت ...", "CAIRO, April 19, 2024 (Reuters) - Egypt ..."): the date, and the
        # paragraph kept whole, as printed.
        lead_line = head.line if head.first_paragraph is not None else numbered[start + stamped][0]
        dated.date, dated.time = lead[0], dated.time_of(lead[1], lead_line)


def _relative_time_first(body: tuple[Block, ...]) -> bool:
    """Whether the body opens with a line that says only how long ago the page changed ("Updated 2
    hours ago", "آخر تحديث منذ ساعتين"), with text under it."""
    return len(body) > 1 and body[0].kind == "p" and dates.is_relative_time(body[0].text)


def _stamp_under_title(body: tuple[Block, ...]) -> tuple[Block, ...]:
    """The body, with a week, a month or a year ago right under the title ("منذ 3 أشهر", "2 weeks
    ago") a paragraph: between paragraphs it may head a section of a timeline (blocks.is_heading),
    but over the text it is the site's stamp, as "منذ 3 ساعات" is."""
    if len(body) > 1 and body[0].kind == "h2" and dates.is_relative_time(body[0].text):
        return (Block("p", body[0].text), *body[1:])
    return body


def _relative_time_note(
    source: str, body: tuple[Block, ...], numbered: list[tuple[int, str]], start: int, notes: list[Diagnostic]
) -> None:
    """Say that a relative time under the title ("Updated 2 hours ago") is kept as text: it named
    the time of the site's page, which an archive cannot tell; the day it means is lost with it."""
    if _relative_time_first(body) and start < len(numbered):
        notes.append(Diagnostic(source, _relative_time_said(body[0].text, "under"), numbered[start][0], level="info"))


def _relative_time_said(line: str, where: str) -> str:
    """The note on a relative time over or under the title: one wording wherever it stands."""
    return (
        f"{line!r} {where} the title says how long ago the site's page changed, which names no day; "
        "it is kept as text (replace it with the date, such as 'آخر تحديث: 19 أبريل 2024', or remove it)"
    )


def _settled_title(source: str, head: Title, dated: Dates, notes: list[Diagnostic]) -> tuple[str, str | None]:
    """(the title, the date of the event it names or None), once the pending date of a "Title -
    date" line (titles._date_of_title) is the article's or, given its other dates, the title's own."""
    title = head.text
    event_date = None
    if head.date is not None:
        day, said, whole = head.date
        other = dated.date or (dates.date_in_path(source) if not dated.impossible else None)
        if other is None and names_event(title, said):
            event_date = said  # "حرب أكتوبر - 6 أكتوبر 1973": the event's day, not the article's
            title = whole if head.first_paragraph is None else title
        elif other is None or other == day:
            if dated.date is None:
                dated.date = day
            if dated.time is None:
                dated.time = dated.time_of(said, head.line)
        else:  # another day: the title's date is the day it names
            if dated.date is None and not names_event(title, said):
                # Only the path says otherwise: a folder is weak evidence, and the title's day
                # might be the article's. The path's day is used, but said, not chosen unseen.
                message = (
                    f"the date in the title line ({said!r}) is not the date in the file's path ({other.isoformat()}); "
                    "the path's date is used, as the day the archive filed the article under, and the title's date "
                    "is kept in the title as the day it names (if it is the article's date, put it on a date line "
                    "before the title, or move the file)"
                )
                notes.append(Diagnostic(source, message, head.line))
            if head.first_paragraph is None:
                title = whole
    return title, event_date


def _doubtful_dateline(
    source: str, doubtful: tuple[dt.date, tuple[int, str]] | None, dated: Dates, notes: list[Diagnostic]
) -> None:
    """Say so when the day of a first line read as a dateline, though it may be a title with its
    date, is the article's and not the day of the file's path."""
    if (
        doubtful is not None
        and dated.date == doubtful[0]
        and (path_date := dates.date_in_path(source)) not in (None, dated.date)
    ):
        # As for a title's date (above), the day that a line which may be a title names is not
        # chosen over the path's unseen; a dateline surely of a place (doubtful_place) is not
        # said: the wire's day often differs from the day the site filed it under.
        n, line = doubtful[1]
        message = (
            f"the first line {line!r} is read as a dateline (a place and a date) over the title, and its date is "
            f"not the date in the file's path ({path_date.isoformat()}); the dateline's date is used (if the line "
            "is the title with its date, put the date on a line of its own before it, or move the file)"
        )
        notes.append(Diagnostic(source, message, n))


def _date_or_undated(
    source: str, title: str, title_line: int, event_date: str | None, dated: Dates, notes: list[Diagnostic]
) -> dt.date | None:
    """The article's date, or the path's; for an article with neither, None and why."""
    date = dated.date
    if date is None and not dated.impossible:
        date = dates.date_in_path(source)
    if date is None and not dated.impossible:  # an impossible date line has said it all
        if dates.looks_like_date(title):  # "أبريل 2024", "19/4/24", "2024/13/01" on the first line
            message = (
                f"the title {title!r} looks like a date that sitegen cannot read (it needs the day, the month "
                "and a four-digit year, a day of the calendar from 1900 to 2100: '19 أبريل 2024', '19/04/2024'), "
                "so the article is listed as undated under it; "
                "write the date in full, with the title on the line after it"
            )
            notes.append(Diagnostic(source, message, title_line))
        else:
            event = (
                f" (the date in the title, {event_date!r}, is taken as the date of the event it names, not as "
                "the day the article appeared)"
                if event_date is not None
                else ""
            )
            notes.append(
                Diagnostic(
                    source,
                    ("no date found" if dated.updated is None else "no publication date found, only an update date")
                    + "; the article is listed as undated"
                    + event
                    + " (put a date line such as '19 أبريل 2024' before the title)"
                    + dates.impossible_path_date(source),
                    title_line if event_date is not None else None,
                )
            )
    return date


def _subheading_ids(body: tuple[Block, ...]) -> tuple[Block, ...]:
    """The body with an id on each subheading, made from its text as a Markdown heading's is, so
    that readers and other articles can link to a section."""
    if not any(block.kind == "h2" for block in body):
        return body
    ids = Ids()
    return tuple(Block("h2", b.text, ids.heading(b.text)) if b.kind == "h2" else b for b in body)


def _clean(line: str) -> str:
    """Whitespace collapsed; "" for a line with nothing visible (only bidi marks or spaces)."""
    line = " ".join(line.split())  # str.split knows the same Unicode spaces as \s, at C speed
    return line if strip_invisible(line).strip() else ""


def _own_tags(
    section: Tag | None,
    named: tuple[str, ...],
    derived: tuple[Tag, ...],
    resolve_tag: TagResolver,
    source: str,
    notes: list[Diagnostic],
) -> tuple[Tag, ...]:
    """A plain-text article's tags: its section, the tags it names, then those derived, once each."""
    tags: dict[str, Tag] = {}
    if section is not None:
        tags[section.slug] = section
    for label in named:
        try:
            tag = resolve_tag(label)
        except ValueError:
            notes.append(Diagnostic(source, f"tag {label!r} has no letters or digits; ignored"))
            continue
        tags.setdefault(tag.slug, tag)
    for tag in derived:
        tags.setdefault(tag.slug, tag)
    return tuple(tags.values())


def _last_line(lines: list[str]) -> int:
    """The 1-based number of the last non-empty line."""
    return next(n for n in range(len(lines), 0, -1) if lines[n - 1])


__all__ = ["parse_article"]
