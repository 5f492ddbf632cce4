"""Hugo's built-in shortcodes -> the Markdown and HTML they stand for. Pure.

An archive moved from Hugo keeps its pictures, videos and code in shortcodes: `{{< figure >}}`,
`{{< youtube >}}`, `{{< highlight >}}`. sitegen runs no template code in articles, so each
built-in one is written as what Hugo made of it: a figure with its picture and caption (the
picture then published beside the article as any other), a link to the video, post or gist
(a static archive embeds no players: the link is what is left when the player is gone), a
fenced code block (Jekyll's {% highlight %} blocks too); WordPress's [caption] is a figure and its
[embed] a link. Other shortcodes (a theme's own, WordPress's [gallery]) stay as typed, and are warned about.

What the Markdown readers share about code is here too: without_code blanks it out (what code
shows is text, never a shortcode, a tag or a link to warn about), and TEMPLATE_CODE finds the
template code that Jekyll and Hugo run and sitegen does not (frontmatter.py warns about it).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from urllib.parse import quote

# {{< name params >}} or {{% name params %}}; a closing one has its name after a slash.
_SHORTCODE = re.compile(r"\{\{([<%])\s*(?P<name>/?[\w-]+)(?P<params>(?:[^\"`>%]|\"[^\"]*\"|`[^`]*`)*?)\s*[>%]\}\}")
_PARAM = re.compile(
    r"""(?:(?P<key>[\w-]+)\s*=\s*)?(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|`(?P<raw>[^`]*)`|(?P<bare>[^\s"`]+))"""
)
_ID = re.compile(r"[\w-]+")


def _params(text: str) -> tuple[list[str], dict[str, str]]:
    """(positional, named) parameters of a shortcode, as Hugo reads them: "quoted" (with \\"
    inside), `raw`, or bare words."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for match in _PARAM.finditer(text):
        quoted = match["quoted"]
        value = quoted.replace('\\"', '"') if quoted is not None else match["raw"] or match["bare"] or ""
        if match["key"]:
            named[match["key"].lower()] = value
        else:
            positional.append(value)
    return positional, named


def _figure(positional: list[str], named: dict[str, str], alone: bool = True) -> str | None:
    """Hugo's figure; ``alone``: the shortcode is a line of its own, else (in a list item, a
    quote, a sentence) the figure is one line of HTML, which ends none of them."""
    src = named.get("src") or (positional[0] if positional else "")
    if not src:
        return None
    # (a caption written over lines is one line of HTML: a blank line in it would end the block)
    named = {key: " ".join(value.split()) for key, value in named.items()}
    alt = named.get("alt") or named.get("title") or named.get("caption") or ""
    picture = f'<img src="{html.escape(src)}" alt="{html.escape(_plain(alt))}">'
    if link := named.get("link"):
        picture = f'<a href="{html.escape(link)}">{picture}</a>'
    said = [text for text in (named.get("title"), named.get("caption")) if text]
    credit = named.get("attr")
    if credit and (credit_link := named.get("attrlink")):
        credit = f"[{credit}]({credit_link})"
    if credit:
        said.append(credit)
    caption = " ".join(said)
    if not alone:  # (Markdown reads the caption's inline Markdown in a line of HTML)
        return f"<figure>{picture}" + f"<figcaption>{caption}</figcaption>" * bool(said) + "</figure>"
    if not said:
        return f"<figure>\n{picture}\n</figure>"
    # md_in_html reads the caption's Markdown (Hugo renders title, caption and attr as Markdown).
    return f'<figure markdown="1">\n{picture}\n<figcaption markdown="span">{caption}</figcaption>\n</figure>'


def _plain(markdown: str) -> str:
    """Markdown inline text without its emphasis marks, link targets and HTML tags, for an alt
    text (Hugo's plainify)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)|<[^>]*>", r"\1", markdown)
    return re.sub(r"[*_`]+", "", text)


def _link(url: str, title: str | None) -> str:
    return f"[{title}](<{url}>)" if title else f"<{url}>"


def _video(site: str) -> Callable[[list[str], dict[str, str]], str | None]:
    def link(positional: list[str], named: dict[str, str]) -> str | None:
        video = named.get("id") or (positional[0] if positional else "")
        return _link(site.format(quote(video)), named.get("title")) if _ID.fullmatch(video) else None

    return link


def _post(positional: list[str], named: dict[str, str]) -> str | None:
    user, post = named.get("user", ""), named.get("id", "")
    if not post and len(positional) == 2:
        user, post = positional
    if not (_ID.fullmatch(user) and post.isdigit()):
        return None
    return _link(f"https://x.com/{user}/status/{post}", None)


def _instagram(positional: list[str], named: dict[str, str]) -> str | None:
    post = named.get("id") or (positional[0] if positional else "")
    return _link(f"https://www.instagram.com/p/{post}/", None) if _ID.fullmatch(post) else None


def _gist(positional: list[str], named: dict[str, str]) -> str | None:
    user, gist = named.get("user", ""), named.get("id", "")
    if not gist and len(positional) >= 2:
        user, gist = positional[:2]
    if not (_ID.fullmatch(user) and _ID.fullmatch(gist)):
        return None
    return _link(f"https://gist.github.com/{user}/{gist}", None)


_SINGLE: Mapping[str, Callable[[list[str], dict[str, str]], str | None]] = {
    "figure": _figure,
    "youtube": _video("https://www.youtube.com/watch?v={}"),
    "vimeo": _video("https://vimeo.com/{}"),
    "tweet": _post,
    "x": _post,
    "twitter": _post,
    "instagram": _instagram,
    "gist": _gist,
}


# A shortcode written to be shown, not run: {{</* figure src="a.jpg" */>}} is how Hugo's own
# documentation prints {{< figure src="a.jpg" >}}. One never closed stays as typed: it does
# not run on into the next one (from prose into a code block, which showed "&gt;" there).
_SHOWN = re.compile(r"\{\{([<%])/\*((?:(?!\{\{[<%]/\*).)*?)\*/([>%])\}\}", re.S)
_ENTITY = {"<": "&lt;", ">": "&gt;", "%": "&#37;"}


def unescape(markdown: str, code_free: str) -> str:
    """The Markdown with each shortcode written to be shown ({{</* x */>}}) shown as Hugo shows
    it: {{< x >}}, as typed in code; in prose with its angle brackets or percent signs as
    character references, so that the page shows it and nothing takes it for template code."""
    if "/*" not in markdown:
        return markdown

    def shown(match: re.Match[str]) -> str:
        opening, inner, closing = match.groups()
        if code_free[match.start()] != "{":  # blanked: in code, where references are text
            return f"{{{{{opening}{inner}{closing}}}}}"
        return f"{{{{{_ENTITY[opening]}{inner}{_ENTITY[closing]}}}}}"

    return _SHOWN.sub(shown, markdown)


def _fenced(markdown: str, start: int, close: re.Match[str], language: str) -> str:
    """The code from start to the closing tag as a fenced block, longer than any run of
    backticks in it; text after the closing tag on its line goes on under the fence. The blank
    lines around the code are left out of the block and put after it, so that what follows
    keeps its line (a warning about it names the line it was typed on)."""
    code = markdown[start : close.start()].strip("\n")
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", code))])
    after = markdown[close.end() : close.end() + 1]
    if after not in ("", "\n"):
        return f"{fence}{language}\n{code}\n{fence}\n"
    blank = markdown.count("\n", start, close.start()) - code.count("\n") - 2
    return f"{fence}{language}\n{code}\n{fence}" + "\n" * max(blank, 0)


# Jekyll's code block: {% highlight ruby %} (options such as linenos after the language) to
# {% endhighlight %}, '-' trimming whitespace as in any Liquid tag.
# (The language ends at a space or the tag's end, so that a shorter one is never tried: a long
# word never closed took time growing with its square.)
_LIQUID_HIGHLIGHT = re.compile(r"\{%-?[ \t]*highlight[ \t]+(?P<language>[\w+#.-]+)(?:[ \t][^%\n]*?)?-?%\}")
_LIQUID_END = re.compile(r"\{%-?\s*endhighlight\s*-?%\}")


def _liquid_highlights(markdown: str, code_free: str) -> str:
    """The Markdown with Jekyll's highlight blocks written as fenced code, as Hugo's highlight
    shortcode is: shown as typed, the code between them was read as Markdown, so that
    '__init__' lost its underscores and HTML code was rendered as HTML, its tags gone."""
    out: list[str] = []
    last = 0
    for match in _LIQUID_HIGHLIGHT.finditer(code_free):
        if match.start() < last or markdown.rfind("\n", 0, match.start()) + 1 != match.start():
            continue  # inside a block already written, or not opening a line (see expand)
        close = _LIQUID_END.search(code_free, match.end())
        if close is None:
            break  # (nor for any block after it: each looked for its end to the end of the text)
        language = match["language"] if _ID.fullmatch(match["language"]) else ""
        out.append(markdown[last : match.start()])
        out.append(_fenced(markdown, match.end(), close, language))
        last = close.end()
    return "".join(out) + markdown[last:] if out else markdown


def expand(markdown: str, code_free: str) -> str:
    """The Markdown with Hugo's built-in shortcodes, and Jekyll's highlight blocks, written as
    what they stand for (``code_free``: the Markdown with its code blanked out, offsets kept: a
    shortcode shown in code is text). A shortcode sitegen does not know, or one whose parameters
    it cannot read, stays as typed."""
    if "{%" in code_free and "highlight" in code_free:
        fenced = _liquid_highlights(markdown, code_free)
        if fenced is not markdown:
            markdown, code_free = fenced, without_code(fenced)
    if "{{" not in code_free:
        return markdown
    out: list[str] = []
    last = 0
    for match in _SHORTCODE.finditer(code_free):
        if match.start() < last:
            continue  # inside a highlight block already written
        name = match["name"].lower()
        positional, named = _params(match["params"])
        line_start = markdown.rfind("\n", 0, match.start()) + 1
        line_end = (markdown.find("\n", match.end()) + 1 or len(markdown) + 1) - 1
        alone = not markdown[line_start : match.start()].strip() and not markdown[match.end() : line_end].strip()
        if name == "highlight":
            close = re.compile(r"\{\{[<%]\s*/\s*highlight\s*[>%]\}\}").search(code_free, match.end())
            if close is None or line_start != match.start():
                continue  # (a fence only opens a line of its own, outside a list item or a quote)
            language = positional[0] if positional and _ID.fullmatch(positional[0]) else ""
            written: str | None = _fenced(markdown, match.end(), close, language)
            end = close.end()
        elif name == "figure":
            written = _figure(positional, named, alone)
            end = match.end()
        else:
            convert = _SINGLE.get(name)
            written = convert(positional, named) if convert is not None else None
            end = match.end()
        if written is None:
            continue
        out.append(markdown[last : match.start()])
        out.append(written)
        last = end
    return "".join(out) + markdown[last:] if out else markdown


# WordPress's own shortcodes, as its exporters (jekyll-import, wordpress-to-hugo-exporter) leave
# them in a post: a captioned picture, [caption ...]<img ...> Its caption[/caption] (or, before
# WordPress 3.4, caption="..."), the picture maybe in a link; and an address to embed,
# [embed]https://...[/embed].
# A caption never closed ends at the next one: it does not take the text between them (a
# shortcode's parameters hold no bracket, so that none is looked for past the next '[').
_WP_SHORTCODE = re.compile(
    r"\[(?P<name>(?:wp_)?caption)\b(?P<params>[^\[\]\n]*)\]"
    r"(?P<inner>(?:(?!\[(?:wp_)?caption\b).)*?)\[/(?P=name)\]"
    r"|\[embed\b[^\[\]\n]*\]\s*(?P<url>https?://[^\s\[\]<>]+)\s*\[/embed\]",
    re.S,
)
_WP_PICTURE = re.compile(r"\s*(?:<a\b[^>]*>\s*<img\b[^>]*>\s*</a>|<img\b[^>]*>)", re.IGNORECASE)


def _on_lines_of_its_own(markdown: str, start: int, end: int) -> bool:
    """Whether markdown[start:end] is a block of its own: blank lines (or the text's ends) before
    and after it, so that blank lines put after it change nothing on the page."""
    before = markdown[:start]
    return (not before.strip() or before.endswith("\n\n")) and (
        not markdown[end:].strip() or markdown.startswith("\n\n", end)
    )


def wordpress(markdown: str, code_free: str) -> str:
    """The Markdown with WordPress's captioned pictures written as figures and its embeds as
    links (``code_free`` as for expand). Shown as typed, '[caption ...]' and '[/caption]' framed
    the picture as text, and the embed's end tag became part of the link's address. A caption
    without a picture stays as typed."""
    if "[" not in code_free:
        return markdown
    out: list[str] = []
    last = 0
    for found in _WP_SHORTCODE.finditer(code_free):
        match = _WP_SHORTCODE.fullmatch(markdown, found.start(), found.end())  # code_free blanks code spans
        if match is None:
            continue
        if match["url"] is not None:
            written = f"<{match['url']}>"
        elif (picture := _WP_PICTURE.match(match["inner"])) is not None:
            said = match["inner"][picture.end() :].strip() or _params(match["params"])[1].get("caption", "")
            said = " ".join(said.split())  # (one line of HTML: a blank line in it would end the block)
            written = f"<figure>{picture.group().strip()}" + f"<figcaption>{said}</figcaption>" * bool(said)
            written += "</figure>"
            if _on_lines_of_its_own(markdown, match.start(), match.end()):  # what follows keeps its line
                written += "\n" * markdown.count("\n", match.start(), match.end())
        else:
            continue
        out.append(markdown[last : match.start()])
        out.append(written)
        last = match.end()
    return "".join(out) + markdown[last:] if out else markdown


# A fenced block, or a code span: a run of backticks to the next run of as many ("``a `b` c``").
_MD_CODE = re.compile(r"^(```|~~~).*?^\1|(?<!`)(`+)(?!`)[^\n]*?(?<!`)\2(?!`)", re.DOTALL | re.MULTILINE)


_LIST_ITEM_START = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def without_code(markdown: str) -> str:
    """The Markdown with its code blanked out, lines and offsets kept: what code shows is text."""
    fenced = _MD_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), markdown)
    return _without_indented_code(fenced) if "\n    " in fenced or "\n\t" in fenced else fenced


def _without_indented_code(markdown: str) -> str:
    """The Markdown with its indented code blocks blanked out (lines indented by four spaces or
    a tab after a blank line, outside a list, where they go on an item's text)."""
    lines = markdown.split("\n")
    blank, in_list, code = True, False, False
    for n, line in enumerate(lines):
        if not line.strip():
            blank = True
            continue
        indented = line.startswith(("    ", "\t"))
        if indented and (code or (blank and not in_list)):
            code = True
            lines[n] = " " * len(line)
        elif not indented:
            code = False
            in_list = _LIST_ITEM_START.match(line) is not None or (in_list and not blank)
        blank = False
    return "\n".join(lines)


# Template code that Jekyll and Hugo run in a post and sitegen does not: {% include x %},
# {{ site.baseurl }}, {{< figure src="x" >}}, {{% note %}}; and WordPress's shortcodes, [gallery],
# [youtube https://...] (with what follows the name, when it needs it: a parameter, name=value,
# or an address; '[video]' or '[audio only]' is words in brackets; never a link's text,
# [gallery](x), [video][1] or [audio]: https://...).
WORDPRESS_NAME = re.compile(r"\[(?:gallery|playlist|audio|video|youtube|(?:wp_)?caption|embed)\b")  # (at C speed)
TEMPLATE_CODE = re.compile(
    r"\{%-?\s*\w.*?%\}|\{\{-?\s*(?:site|page|include|post)\.[\w.]+.*?\}\}|\{\{[<%].*?[>%]\}\}"
    r"|\[(?:(?:gallery|playlist)(?:[ \t]+[\w-]+=[^\[\]\n]*)?"
    r"|(?:audio|video|youtube|(?:wp_)?caption|embed)(?:[ \t]+(?:[\w-]+=|https?://)|=)[^\[\]\n]*)\](?![(\[:])"
)
