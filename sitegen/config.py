"""sitegen.toml -> Config. ``parse`` is pure; ``load`` reads the file.

Every key is optional: a folder of articles builds with no configuration at all. Unknown keys
and bad values are errors, all reported at once, so a typo never silently does nothing.
"""

from __future__ import annotations

import codecs
import datetime
import difflib
import errno
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sitegen.dateformat import time_zone
from sitegen.errors import ConfigError, shown_path
from sitegen.model import Diagnostic
from sitegen.months import MONTH_SYSTEMS

DIGITS = ("western", "arabic")
KNOWN_LANGUAGES = ("ar", "en")


@dataclass(frozen=True)
class Config:
    """Everything a build needs to know; paths are absolute."""

    root: Path  # the site root: templates/, static/, tags.toml and sitegen.toml live here
    source: Path
    output: Path
    title_ar: str = "أرشيف الأخبار"
    title_en: str = "News Archive"
    description_ar: str = "أرشيف إخباري بالعربية والإنجليزية"
    description_en: str = "A bilingual Arabic and English news archive"
    base_url: str = ""  # e.g. https://user.github.io/repo/ ; "" means served at the root
    per_page: int = 20
    archive_per_page: int = 100  # articles on a page of an archive year (months run on across pages)
    languages: tuple[str, ...] = ("ar", "en")  # interface languages; the first is at the root
    month_system: str = "egyptian"
    digits: str = "western"
    hijri: bool = True
    hijri_offset: int = 0
    # the zone the articles' times of day are in ("Africa/Cairo", "+03:00"), for feeds and
    # search engines; "" when not said: times as written, feeds in UTC
    timezone: str = ""
    search: bool = True  # a search page and its index (search/): readers search in their browser
    tag_min_mentions: int = 2
    feed_content: str = "full"
    cname: str = ""  # custom domain for GitHub Pages (writes CNAME)
    csp: bool = False  # add a strict Content-Security-Policy meta tag to every page
    strict: bool = False
    cache: bool = True  # reuse parsed articles from .sitegen-cache/ (off: --no-cache)
    config_file: Path | None = field(default=None, compare=False)
    # Where the source and output folders were set: "--source", "sitegen.toml:LINE" (the file's
    # path), or absent for the default; a message about a bad folder says what to change there.
    origins: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    # What the configuration did on its own or finds doubtful (base_url taken from cname), said
    # by every build with the file and line; not part of what shapes the pages.
    notes: tuple[Diagnostic, ...] = field(default=(), repr=False, compare=False)

    @property
    def base_path(self) -> str:
        """The URL path the site is served under, always with leading and trailing '/'."""
        path = urlsplit(self.base_url).path if self.base_url else "/"
        path = "/" + path.strip("/") + "/"
        return "/" if path == "//" else path

    @property
    def zone(self) -> datetime.tzinfo | None:
        """The zone of times written without one (listings, feeds, pages); None: none said."""
        return time_zone(self.timezone) if self.timezone else None

    @property
    def default_lang(self) -> str:
        return self.languages[0]

    def change(self, key: str) -> str:
        """How to change the 'source' or 'output' folder, where the user set it."""
        option = f"--{key}"
        origin = self.origins.get(key)
        if origin == option:
            return f"pass another {option}"
        if origin:
            return f"change '{key}' in {origin} (or pass {option})"
        return f"set '{key}' in sitegen.toml or pass {option}"

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_ar

    def description(self, lang: str) -> str:
        return self.description_en if lang == "en" else self.description_ar


_TYPES: dict[str, type | tuple[type, ...]] = {
    "title_ar": str,
    "title_en": str,
    "description_ar": str,
    "description_en": str,
    "base_url": str,
    "per_page": int,
    "archive_per_page": int,
    "languages": list,
    "month_system": str,
    "digits": str,
    "hijri": bool,
    "hijri_offset": int,
    "timezone": str,
    "search": bool,
    "tag_min_mentions": int,
    "feed_content": str,
    "cname": str,
    "csp": bool,
}


_KIND: dict[Any, str] = {str: "a string in quotes", int: "a whole number", bool: "true or false", list: "a list"}


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a decimal number", str: "a string", list: "a list"}
    return names.get(type(value), type(value).__name__)


def parse(
    data: dict[str, Any],
    *,
    root: Path,
    source: Path,
    output: Path,
    file: str = "sitegen.toml",
    lines: Mapping[str, int] | None = None,
    base_url_option: bool = False,
    found: Sequence[tuple[str, str]] = (),
) -> Config:
    """Validate a mapping (from TOML) into a Config; raise one ConfigError listing every problem.

    ``lines`` gives the line of each key in the file (see key_lines), so that each problem names it.
    ``base_url_option``: the mapping's base_url is the command line's --base-url, not the file's.
    ``found``: problems already found in the file (its paths), reported with the others.
    """
    problems: list[tuple[str, str]] = list(found)  # (key, message)
    values: dict[str, Any] = {}
    known = sorted([*_TYPES, "source", "output"])
    for key, value in data.items():
        expected = _TYPES.get(key)
        if expected is None:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
            problems.append((key, f"unknown key '{key}' ({hint})"))
            continue
        if (expected is int and isinstance(value, bool)) or not isinstance(value, expected):
            problems.append((key, f"'{key}' must be {_KIND.get(expected, 'a value')}, not {_kind(value)}"))
            continue
        values[key] = value

    for key in ("per_page", "archive_per_page"):
        if key in values and not 1 <= values[key] <= 1000:
            problems.append((key, f"'{key}' must be between 1 and 1000"))
    if "month_system" in values and values["month_system"] not in MONTH_SYSTEMS:
        problems.append(("month_system", f"'month_system' must be one of {', '.join(MONTH_SYSTEMS)}"))
    if "digits" in values and values["digits"] not in DIGITS:
        problems.append(("digits", f"'digits' must be one of {', '.join(DIGITS)}"))
    if "hijri_offset" in values and not -2 <= values["hijri_offset"] <= 2:
        problems.append(("hijri_offset", "'hijri_offset' must be between -2 and 2 days"))
    if values.get("timezone"):
        try:
            time_zone(values["timezone"])
        except ValueError as exc:
            problems.append(("timezone", f"'timezone': {exc}"))
    if "tag_min_mentions" in values and values["tag_min_mentions"] < 1:
        problems.append(("tag_min_mentions", "'tag_min_mentions' must be at least 1"))
    if "feed_content" in values and values["feed_content"] not in ("full", "summary"):
        problems.append(("feed_content", "'feed_content' must be 'full' or 'summary'"))
    if "languages" in values:
        langs = values["languages"]
        if not langs or any(lang not in KNOWN_LANGUAGES for lang in langs) or len(set(langs)) != len(langs):
            problems.append(
                ("languages", f"'languages' must be a non-empty list of distinct codes from {KNOWN_LANGUAGES}")
            )
        else:
            values["languages"] = tuple(langs)
    if values.get("cname") and not re.fullmatch(r"[A-Za-z0-9.-]+\.[A-Za-z]{2,}", values["cname"]):
        problems.append(("cname", "'cname' must be a domain name like news.example.org"))
    if values.get("base_url"):
        problems.extend(("base_url", p) for p in _check_base_url(values["base_url"]))

    if problems:
        raise problems_error("invalid configuration", problems, lines or {}, file)
    notes = _custom_domain(values, lines or {}, file, base_url_option)
    return Config(root=root, source=source, output=output, **values, notes=notes)


def _custom_domain(
    values: dict[str, Any], lines: Mapping[str, int], file: str, base_url_option: bool
) -> tuple[Diagnostic, ...]:
    """Make base_url agree with cname. A site with a custom domain is served there, so without a
    base_url it gets https://CNAME/ (canonical links, Open Graph URLs, feeds and the sitemap need
    it, and the domain is known); an explicitly empty --base-url keeps none. A base_url on another
    host than cname is kept but warned about: GitHub Pages redirects to the custom domain, so every
    absolute URL of the site would go through a redirect, or lead to no site at all."""
    cname = values.get("cname", "").lower()
    if not cname:
        return ()
    base_url = values.get("base_url", "")
    if not base_url:
        if base_url_option:
            return ()
        values["base_url"] = f"https://{cname}/"
        message = (
            f"no base_url set: using https://{cname}/ from 'cname' for canonical links, feeds and the sitemap "
            "(set base_url to use another address)"
        )
        return (Diagnostic(file, message, lines.get("cname"), "info"),)
    host = urlsplit(base_url).hostname or ""
    if host == cname:
        return ()
    given = f"--base-url {base_url}" if base_url_option else f"base_url {base_url}"
    where = lines.get("cname") if base_url_option else lines.get("base_url")
    cname_line = f" (line {lines['cname']})" if not base_url_option and "cname" in lines else ""
    fix = f"pass --base-url https://{cname}/" if base_url_option else f'set base_url = "https://{cname}/"'
    message = (
        f"{given} is not on the custom domain cname = {cname!r}{cname_line}: GitHub Pages serves the site "
        f"at https://{cname}/, so canonical links, feeds and the sitemap would point elsewhere; "
        f"{fix} or correct 'cname'"
    )
    return (Diagnostic(file, message, where, "warning"),)


def problems_error(
    what: str, problems: list[tuple[str, str]], lines: Mapping[str, int], file: str | Path
) -> ConfigError:
    """One error for every (key, message) problem of a TOML file, each with the line of its key."""
    return located_error(what, [(lines.get(key), message) for key, message in problems], file)


def located_error(what: str, problems: list[tuple[int | None, str]], file: str | Path) -> ConfigError:
    """One error for every (line, message) problem of a file, in the file's order, so that a user
    fixes them all in one pass: one problem reads as file:line: message; several as a list under what."""
    located = sorted(problems, key=lambda p: (p[0] is None, p[0] or 0))
    if len(located) == 1:
        line, reason = located[0]
    else:
        line = next((ln for ln, _ in located if ln), None)
        reason = f"{what}:\n" + "\n".join(
            f"  - {'line ' + str(ln) + ': ' if ln else ''}{message}" for ln, message in located
        )
    return ConfigError(reason, file, line)


_PART = r"""\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*"""
_DOTTED = rf"{_PART}(?:\.{_PART})*"
_KEY = re.compile(rf"({_DOTTED})=")
_TABLE = re.compile(rf"\s*(\[\[?)({_DOTTED})\]")
_NAME = re.compile(r""""((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+)""")


def key_lines(text: str) -> dict[str, int]:
    """The line where each top-level key (or table) of a TOML text is first defined. Pure.

    tomllib keeps no positions; this is enough to point a mistake out in a short, flat file.
    """
    found: dict[str, int] = {}
    for number, path, _ in toml_keys(text):
        found.setdefault(path[0], number)
    return found


def toml_keys(text: str) -> list[tuple[int, tuple[str, ...], str]]:
    """Where a TOML text defines what: (line, full dotted path, "key" | "table" | "array") for
    each key (under its table's path), table header and array-of-tables header, in the file's
    order. A light scan, not a parser (tomllib has read the text already): what a multi-line
    text, list or inline table holds is skipped, so that a '[Draft]' line in a description is
    no table and the keys after it keep their lines."""
    found: list[tuple[int, tuple[str, ...], str]] = []
    table: tuple[str, ...] = ()
    depth, closing = 0, ""  # brackets open, and the quotes of a text left open, at a line's end
    for number, line in enumerate(text.splitlines(), 1):
        if closing:
            end = line.find(closing)
            if end < 0:
                continue
            depth, closing = _value_end(line[end + 3 :], depth)
            continue
        if depth:
            depth, closing = _value_end(line, depth)
            continue
        if match := _TABLE.match(line):
            table = _names(match.group(2))
            found.append((number, table, "array" if match.group(1) == "[[" else "table"))
        elif match := _KEY.match(line):
            found.append((number, table + _names(match.group(1)), "key"))
            depth, closing = _value_end(line[match.end() :], 0)
    return found


def _names(dotted: str) -> tuple[str, ...]:
    return tuple(next(g for g in m.groups() if g is not None) for m in _NAME.finditer(dotted))


def _value_end(rest: str, depth: int) -> tuple[int, str]:
    """The brackets a TOML value leaves open at the end of its line (from depth open before),
    and the quotes of a multi-line text it leaves open ("" for none)."""
    at = 0
    while at < len(rest):
        char = rest[at]
        if char == "#":
            break
        if rest.startswith(('"""', "'''"), at):
            end = rest.find(rest[at : at + 3], at + 3)
            if end < 0:
                return depth, rest[at : at + 3]
            at = end + 3
            continue
        if char in "\"'":
            at += 1
            while at < len(rest) and rest[at] != char:
                at += 2 if char == '"' and rest[at] == "\\" else 1
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(depth - 1, 0)
        at += 1
    return depth, ""


def toml_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    """The line of a TOML syntax error (Python 3.11 has no exc.lineno yet: it is in the message)."""
    line = getattr(exc, "lineno", None)
    if line is None and (found := re.search(r"at line (\d+)", str(exc))):
        line = int(found.group(1))
    return line


# A host name of letters (of any script: an Arabic domain), digits, '-' and '.', or an IP address.
_HOST = re.compile(r"(?:[^\W_]|[-.])+|[0-9A-Fa-f:.]+")


# What a pasted address brings along unseen: spaces and line ends, and the invisible format
# characters of Arabic text (direction marks, zero-width spaces). urlsplit keeps them in the path,
# so 'https://example.com/ ' put every page under /%20/.
_UNSEEN = re.compile(r"[\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def path_problem(path: str) -> str | None:
    """What makes a URL path, as typed, unfit to be the site's base path, or None: a space or an
    invisible character (_UNSEEN), or a '.' or '..' segment, also percent-encoded ('%2e%2e'),
    which a browser resolves away while sitegen would write it into every link as it is."""
    if unseen := _UNSEEN.search(path):
        what = "a space" if unseen.group() == " " else f"an invisible character U+{ord(unseen.group()):04X}"
        return f"holds {what}, which would go into every link; delete it (write %20 for a space)"
    if dots := [segment for segment in unquote(path).split("/") if segment in (".", "..")]:
        return f"holds a {dots[0]!r} segment, which a browser resolves away; write the folder's path without it"
    return None


def _check_base_url(url: str, name: str = "'base_url'") -> list[str]:
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is no number from 0 to 65535
    except ValueError as exc:
        reason = "its port must be a number up to 65535" if "port" in str(exc).lower() else "it is not a valid URL"
        return [f"{name} {url!r}: {reason}"]
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [f"{name} must be an absolute http(s) URL like https://user.github.io/repo/, not {url!r}"]
    if parts.username is not None or parts.password is not None:
        return [f"{name} must not hold a user name or password (every page would show them): drop the part before '@'"]
    host = parts.hostname or ""
    if not _HOST.fullmatch(host):
        return [f"{name} {url!r}: {host!r} is not a host name (letters, digits, '-' and '.')"]
    # urlsplit drops what stands before the scheme and tabs and line ends: the whole URL is looked at
    if problem := path_problem(url) or path_problem(parts.path):
        return [f"{name} {url!r} {problem}"]
    if parts.query or parts.fragment:
        return [f"{name} must not have a query or fragment"]
    if parts.path.lower().endswith((".html", ".htm")):  # a page's address: every link would go under it
        return [f"{name} must be the address of the site's folder, not of a page: drop the file name from {url!r}"]
    return []


def toml_text(path: Path) -> str:
    """The text of a site's TOML file (sitegen.toml, tags.toml, a catalog): UTF-8, with or without
    a byte-order mark, or UTF-16 with one, as Windows Notepad saves 'Unicode'. Other bytes are a
    ConfigError naming the line; OSError passes through."""
    data = path.read_bytes()
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1 if encoding != "utf-16" else None
        raise ConfigError("not UTF-8 text; save the file as UTF-8", path, line) from None


LOOP = "is a symbolic link in a loop (it leads back to itself)"


def looping(path: Path) -> bool:
    """Whether path is a symbolic link that never reaches a file or folder because it loops."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def resolved(path: Path) -> Path:
    """path.resolve(), or path made absolute when a symbolic link on it loops: Python 3.11 raises
    RuntimeError there (3.13 OSError), a traceback; the folder checks then name the loop (LOOP)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _not_a_config_file(path: Path) -> str:
    """Why a sitegen.toml in the site folder that is no file cannot be read: said, since building
    with the defaults instead would lose the site's settings (base_url, titles, output) unseen."""
    if looping(path):
        what = LOOP
    elif path.is_symlink():
        what = f"is a symbolic link to a file that does not exist ({os.readlink(path)})"
    elif path.is_dir():
        what = "is a folder, not the configuration file"
    else:
        what = "is not a regular file (a pipe or device)"
    return f"{what}; put the site's configuration there, or remove it to build with the defaults"


def load(
    config_file: Path | None,
    *,
    source: str | Path | None = None,
    output: str | Path | None = None,
    base_url: str | None = None,
    strict: bool = False,
    cwd: Path | None = None,
) -> Config:
    """Read sitegen.toml (explicit file, or ./sitegen.toml if present) and apply CLI overrides.

    The site root is the config file's folder, else cwd.
    """
    cwd = (cwd or Path.cwd()).resolve()
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    file_label = "sitegen.toml"
    if config_file is None and (cwd / "sitegen.toml").is_file():
        config_file = cwd / "sitegen.toml"
    elif config_file is None and os.path.lexists(cwd / "sitegen.toml"):
        raise ConfigError(_not_a_config_file(cwd / "sitegen.toml"), cwd / "sitegen.toml")
    if config_file is not None:
        config_file = resolved(cwd / config_file)
        file_label = str(config_file)
        try:
            if looping(config_file):
                raise ConfigError(f"{LOOP}; pass another --config", config_file)
            text = toml_text(config_file)
            data = tomllib.loads(text)
        except FileNotFoundError:
            raise ConfigError("config file not found", config_file) from None
        except IsADirectoryError:
            hint = (
                " (it has one: --config " + str(config_file / "sitegen.toml") + ")"
                if (config_file / "sitegen.toml").is_file()
                else ""
            )
            raise ConfigError(f"is a folder; --config takes the configuration file itself{hint}", config_file) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read config file: {exc}", config_file) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"not valid TOML: {exc}", config_file, toml_error_line(exc)) from None
        root = config_file.parent
        lines = key_lines(text)
    else:
        root = cwd
    paths = {k: data.pop(k) for k in ("source", "output") if k in data}
    wrong = [(key, f"'{key}' must be a string path") for key, value in paths.items() if not isinstance(value, str)]
    if wrong:  # said with every other problem of the file, by parse
        paths = {key: value for key, value in paths.items() if isinstance(value, str)}
    # Command-line paths are relative to where the user stands; file paths to the file.
    src = cwd / source if source is not None else root / paths.get("source", "seeds")
    out = cwd / output if output is not None else root / paths.get("output", "output")
    said = shown_path(file_label, str(cwd))  # a message's words, named as its file:line is
    origins: dict[str, str] = {key: f"{said}:{lines[key]}" if key in lines else said for key in paths}
    origins.update({key: f"--{key}" for key, value in (("source", source), ("output", output)) if value is not None})
    if base_url is not None:
        # Checked here, so that a mistyped --base-url is not blamed on sitegen.toml.
        if base_url and (problems := _check_base_url(base_url, "--base-url")):
            raise ConfigError(problems[0])
        data["base_url"] = base_url
    config = parse(
        data,
        root=root,
        source=resolved(src),
        output=out.absolute(),
        file=file_label,
        lines=lines,
        base_url_option=base_url is not None,
        found=wrong,
    )
    return replace(config, strict=strict, config_file=config_file, origins=origins)
