"""Command line: the only place that turns errors into messages and exit codes.

Exit codes: 0 success, 1 the build failed (or warnings under --strict), 2 usage or configuration
errors: anything in the site's own files (sitegen.toml, tags.toml, locales/, templates/) or folders
that must be fixed before any site can be built, 130 interrupted.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import dataclasses
import datetime
import difflib
import functools
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from sitegen import __version__
from sitegen import config as configuration
from sitegen.errors import ConfigError, SitegenError, TemplateError, shown_path
from sitegen.model import BuildReport, Diagnostic, count, natural_key, shown_message
from sitegen.parallel import STOP_SIGNALS

if TYPE_CHECKING:
    from sitegen.read import SourceScan

log = logging.getLogger("sitegen")


def _parser() -> argparse.ArgumentParser:
    return _parsers()[0]


def _parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The sitegen parser, and the parser of each command by name."""
    # allow_abbrev=False everywhere: `--out x` taken as --output, or `--base` as --base-url, would
    # be a guess that changes meaning the day an option with the same start is added.
    parser = argparse.ArgumentParser(
        prog="sitegen",
        allow_abbrev=False,
        description="Static site generator for bilingual Arabic/English news archives.",
        epilog="Run 'sitegen COMMAND --help' for the options of a command, e.g. sitegen build --help.",
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = sub.add_parser(
        "build", parents=[_common("build")], allow_abbrev=False, help="build the site into the output folder"
    )
    inspect = sub.add_parser(
        "inspect", parents=[_common("inspect")], allow_abbrev=False, help="show what sitegen extracts from each article"
    )
    inspect.add_argument("--json", action="store_true", help="print a JSON array, one object per article")
    serve = sub.add_parser(
        "serve",
        parents=[_common("serve")],
        allow_abbrev=False,
        help="build, serve and rebuild on changes with live reload",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on; 0 picks a free one (default: 8000)")
    serve.add_argument("--base-path", metavar="PATH", help="serve under PATH like a GitHub Pages project site: /repo/")
    return parser, {"build": build, "inspect": inspect, "serve": serve}


def _common(command: str) -> argparse.ArgumentParser:
    """The options every command takes, so that one command line serves all three; the help says
    what an option does for this command (serve never fails on warnings; inspect writes nothing)."""
    strict = {
        "build": "treat warnings as errors (exit 1)",
        "inspect": "exit 1 if there is any warning or error",
        "serve": "accepted and ignored: serve keeps serving whatever the warnings",
    }
    output = "folder to write the site into (default: output)"
    # A build still locks its output with a file in the cache folder, so that two builds into one
    # output wait for each other; inspect writes nothing there.
    locked = (
        "ignore the cache: read and write none (only the lock file that makes two builds into one "
        "output wait for each other is still made in .sitegen-cache/)"
    )
    no_cache = {"build": locked, "inspect": "ignore and do not write .sitegen-cache/", "serve": locked}
    common = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    common.add_argument("--source", metavar="DIR", help="folder of article files (default: seeds)")
    common.add_argument(
        "--output", metavar="DIR", help=output if command != "inspect" else "not used: inspect writes no site"
    )
    common.add_argument(
        "--config", metavar="FILE", type=Path, help="configuration file (default: ./sitegen.toml if present)"
    )
    common.add_argument("--base-url", metavar="URL", help="public URL of the site, e.g. https://user.github.io/repo/")
    common.add_argument("--strict", action="store_true", help=strict[command])
    common.add_argument("--no-cache", action="store_true", help=no_cache[command])
    common.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: one per core)")
    noise = common.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print errors only (and warnings, with --strict)")
    noise.add_argument("-v", "--verbose", action="store_true", help="print details")
    return common


def main(argv: Sequence[str] | None = None) -> int:
    parser, commands = _parsers()
    if not (sys.argv[1:] if argv is None else argv):
        # argparse said only "the following arguments are required: COMMAND", naming no command.
        parser.print_help(sys.stderr)
        return 2
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:
            _reject(commands, args.command, unknown)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 for --help/--version
        return int(exc.code or 0)

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    # The CLI owns the "sitegen" logger while it runs and gives it back as it found it, so that
    # a program (or a test) that calls main() keeps its own logging set-up afterwards.
    saved = (log.handlers[:], log.propagate, log.level)
    log.handlers[:] = [handler]
    log.propagate = False
    # Under --strict a warning fails the build, so -q must still say which: it prints warnings too.
    quiet = logging.WARNING if args.strict else logging.ERROR
    log.setLevel(quiet if args.quiet else logging.DEBUG if args.verbose else logging.INFO)
    replaced = _interrupt_on_stop_signals()
    encodings = _utf8_streams()
    try:
        return _run(args)
    except BrokenPipeError:  # `sitegen inspect | head`: the reader has stopped reading, not an error
        _stdout_to_devnull()
        return 128 + signal.SIGPIPE  # what a shell reports for a tool stopped by a closed pipe
    finally:
        for stream, (encoding, errors) in encodings.items():
            with contextlib.suppress(AttributeError, OSError, ValueError):
                stream.reconfigure(encoding=encoding, errors=errors)
        log.handlers[:], log.propagate = saved[0], saved[1]
        log.setLevel(saved[2])
        for sig, handler in replaced.items():
            signal.signal(sig, handler)


def _utf8_streams() -> dict[Any, tuple[str, str]]:
    """Write stdout and stderr as UTF-8 where they would be in a legacy encoding (`sitegen inspect
    > report.txt` on Windows writes in the ANSI code page: the first Arabic title ended the
    command with UnicodeEncodeError). Returns each changed stream's encoding and errors before."""
    changed: dict[Any, tuple[str, str]] = {}
    stream: Any
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        with contextlib.suppress(LookupError):
            if codecs.lookup(encoding).name.startswith("utf"):
                continue
        with contextlib.suppress(AttributeError, OSError, ValueError):
            before = (str(encoding), str(stream.errors))
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
            changed[stream] = before
    return changed


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null, so that flushing what is left of it does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _reject(commands: dict[str, argparse.ArgumentParser], name: str, unknown: list[str]) -> NoReturn:
    """Exit 2 naming the unknown arguments with the usage of the command they were given to
    (argparse showed sitegen's own usage, which lists no option) and the option meant."""

    def options(parser: argparse.ArgumentParser) -> list[str]:
        return [o for action in parser._actions for o in action.option_strings if o.startswith("--")]

    given = unknown[0].split("=")[0]
    elsewhere = [other for other, parser in commands.items() if given in options(parser)]
    if elsewhere:
        hint = f" ({given} is an option of sitegen {' and '.join(elsewhere)})"
    elif given.startswith("-"):
        close = difflib.get_close_matches(given, options(commands[name]), n=1, cutoff=0.75)
        hint = f" (did you mean {close[0]}?)" if close else ""
    else:
        hint = " (folders are given with --source DIR and --output DIR)"
    commands[name].error(f"unrecognized arguments: {' '.join(unknown)}{hint}")


def _interrupt_on_stop_signals() -> dict[int, Any]:
    """Make SIGTERM (a stopped CI job, `timeout`, `kill`) and SIGHUP (the terminal or the SSH
    session closed) end a build as Ctrl-C does: the staged files are removed and the previous
    output stays; `sitegen serve` writes its manifest (else the next build renders everything)
    and stops. A SIGHUP that is ignored (nohup) stays ignored. Returns the handlers it replaced."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    replaced: dict[int, Any] = {}
    for sig in sorted(STOP_SIGNALS - {signal.SIGINT}):
        if sig == signal.SIGTERM or signal.getsignal(sig) is not signal.SIG_IGN:
            replaced[sig] = signal.signal(sig, interrupt)
    return replaced


def _load(args: argparse.Namespace) -> configuration.Config:
    """The configuration with the command line's overrides (also when serve reloads it)."""
    config = configuration.load(
        args.config, source=args.source, output=args.output, base_url=args.base_url, strict=args.strict
    )
    return dataclasses.replace(config, cache=False) if args.no_cache else _cache_in_the_way(config)


def _cache_in_the_way(config: configuration.Config) -> configuration.Config:
    """The configuration without a cache, and a warning that says why, when a file stands where
    the cache folder belongs: each cache file failed on its own (a warning per shard) and the
    build ended with a traceback."""
    from sitegen.cache import cache_dir

    folder = cache_dir(config)
    if not folder.exists() or folder.is_dir():
        return config
    said = "is a file, not a folder: sitegen keeps its cache there, so this build uses none (move the file away)"
    return dataclasses.replace(config, cache=False, notes=(*config.notes, Diagnostic(str(folder), said)))


def _run(args: argparse.Namespace) -> int:
    try:
        config = _load(args)
        if args.jobs is not None and args.jobs < 1:
            raise ConfigError("--jobs must be at least 1")
        if args.command == "inspect":
            return _inspect(config, as_json=args.json, jobs=args.jobs)
        if args.command == "serve":
            return _serve(config, args)
        return _build(config, quiet=args.quiet, verbose=args.verbose, jobs=args.jobs)
    except (ConfigError, TemplateError) as exc:  # a template is the site's own file, as sitegen.toml is
        log.error("%s", exc.shown())
        return 2
    except SitegenError as exc:
        log.error("%s", exc.shown())
        return 1
    except KeyboardInterrupt:
        log.error("interrupted; the previous output is unchanged")
        return 130


class _ProgressBar:
    """A one-line progress bar on a terminal; nothing at all when output is not a terminal.

    A message logged while the bar is shown would be printed after it on the same line (-v
    prints timings during the build): the bar is wiped first, and the next update draws it again.
    """

    def __init__(self) -> None:
        self.shown = False
        for handler in log.handlers:
            handler.addFilter(self._make_room)

    def _make_room(self, record: logging.LogRecord) -> bool:
        self.close()
        return True

    def __call__(self, phase: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r{phase:<9} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()
            self.shown = False


def entry() -> None:
    """Console-script entry point.

    After a big build, freeing every object one by one at interpreter exit takes about half a
    second per 10,000 articles for nothing: flush the streams and leave at once.
    """
    code = main()
    with contextlib.suppress(OSError):  # a closed pipe, or a terminal gone (SIGHUP)
        sys.stdout.flush()
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


_LEVELS = {"info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}
# Warnings (or notes) of one kind printed before a count stands for the rest, unless -v; past as
# many skipped files, a last line counts them by reason.
_LIMIT = 10
_SKIPPED = "skipped: "  # how the message of a file skipped with an error starts (articles._said)


def _kind(message: str) -> str:
    """What messages of one kind have in common: their words before the first detail (a ';' or
    a '('), where the file's own particulars come."""
    return message.split(";")[0].split("(")[0][:60].strip()


def _in_file_order(d: Diagnostic) -> tuple[bool, tuple[tuple[str | int, ...], str]]:
    """The site's own files (sitegen.toml, a locales/ catalog: absolute paths) first, then the
    articles' in natural order (e9.txt, e97.txt, e100.txt), each file's messages as said."""
    return not os.path.isabs(d.file), natural_key(d.file)


def _report(diagnostics: Sequence[Diagnostic], limit: int | None = None) -> None:
    """Print every error; print at most ``limit`` warnings (or notes) of each kind, then how many more.

    A 10,000-article archive can have hundreds of undated articles: the first few name the
    files, a count says how many more there are, and -v (or `sitegen inspect`) lists them all.
    Skipped files are all named (an archivist must find each one); past _LIMIT of them a last
    line counts them by reason, so that 300 empty files read as such.
    """
    shown: dict[tuple[str, str], int] = {}
    hidden: dict[tuple[str, str], int] = {}
    skipped: dict[str, int] = {}  # reason -> files
    for d in sorted(diagnostics, key=_in_file_order):
        if os.path.isabs(d.file):  # sitegen.toml or a locales/ catalog, not an article
            d = dataclasses.replace(d, file=shown_path(d.file))
        if d.level == "error":
            log.error("%s", d)
            if d.message.startswith(_SKIPPED):
                reason = _kind(shown_message(d.message.removeprefix(_SKIPPED))).split(":")[0]
                skipped[reason] = skipped.get(reason, 0) + 1
            continue
        kind = (d.level, _kind(shown_message(d.message)))  # shown in the count below as it is above
        if limit is not None and shown.get(kind, 0) >= limit:
            hidden[kind] = hidden.get(kind, 0) + 1
            continue
        shown[kind] = shown.get(kind, 0) + 1
        log.log(_LEVELS[d.level], "%s", d)
    for (level, text), more in hidden.items():
        noun = ("note" if level == "info" else "warning") + ("" if more == 1 else "s")
        log.log(_LEVELS[level], "... and %d more %s like '%s' (run with -v to list them all)", more, noun, text)
    if sum(skipped.values()) > _LIMIT:
        reasons = sorted(skipped.items(), key=lambda item: (-item[1], item[0]))
        said = ", ".join(f"{files} '{reason}'" for reason, files in reasons)
        log.error("%s skipped: %s (each is named above)", count(sum(skipped.values()), "file"), said)


def _build(config: configuration.Config, *, quiet: bool, verbose: bool = False, jobs: int | None = None) -> int:
    from sitegen.parallel import Forked

    # Another core lists and stats the source files (0.1 s for 10,000 on a slow machine, a tenth
    # of an edit build) while this one imports the rest of sitegen and loads the manifest.
    scanned = Forked(functools.partial(_scan_sources, config.source, config.root)).result
    from sitegen.build import build  # imported late so that --help stays fast

    bar = _ProgressBar() if not quiet and sys.stderr.isatty() else None
    try:
        report: BuildReport = build(config, progress=bar, jobs=jobs, scanned=scanned)
    finally:
        if bar:
            bar.close()
    _report(report.diagnostics, limit=None if verbose else _LIMIT)
    if not quiet:
        where = f"in {config.output}" if report.committed else f"not written: {config.output} is left as it was"
        print(
            f"sitegen: {count(report.articles, 'article')}, {count(report.pages, 'page')} "
            f"({report.written} rendered) {where}, {report.skipped} skipped, "
            f"{count(len(report.warnings), 'warning')}, {report.seconds:.2f} s"
        )
    if config.strict and (report.errors or report.warnings):
        errors, warnings = count(len(report.errors), "error"), count(len(report.warnings), "warning")
        kept = "" if report.committed else f" ({config.output} is left as it was)"
        log.error("--strict: %s and %s; failing the build%s", errors, warnings, kept)
        return 1
    return 0


def _scan_sources(source: Path, root: Path) -> SourceScan | None:
    """read.scan_sources, imported by the child that runs it: it starts scanning sooner."""
    from sitegen.read import scan_sources

    return scan_sources(source, root)


def _serve(config: configuration.Config, args: argparse.Namespace) -> int:
    from sitegen.serve import serve

    def reload_config() -> configuration.Config:  # before each rebuild, so sitegen.toml edits apply
        return _load(args)

    def report(diagnostics: Sequence[Diagnostic]) -> None:  # as a build does: not 500 warnings in a row
        _report(diagnostics, limit=None if args.verbose else _LIMIT)

    bar = _ProgressBar() if not args.quiet and sys.stderr.isatty() else None
    try:
        serve(
            config,
            args.host,
            args.port,
            args.base_path,
            load_config=reload_config,
            report=report,
            progress=bar,
            jobs=args.jobs,
        )
    except KeyboardInterrupt:  # Ctrl-C is how serving ends: not an error
        return 0
    return 0


def _inspect(config: configuration.Config, *, as_json: bool, jobs: int | None = None) -> int:
    from sitegen.articles import load_articles
    from sitegen.build import published_static, site_file_notes
    from sitegen.collect import collect
    from sitegen.diagnostics import media_diagnostics, site_diagnostics
    from sitegen.media import referenced
    from sitegen.read import media_files
    from sitegen.redirects import redirect_plan
    from sitegen.theme import load_messages, static_files

    _, message_notes = load_messages(config)  # an invalid catalog fails as it fails a build
    loaded = load_articles(config, jobs=jobs)
    site = collect(loaded.articles, config.zone)
    published = {a.source: a for a in site.articles}
    users = referenced(loaded.articles)
    moved = redirect_plan(site, config)
    earlier: dict[str, list[str]] = {}  # source -> the earlier addresses that redirect to it
    for path, source in moved.files.items():
        earlier.setdefault(source, []).append("/" + path.removesuffix("index.html"))
    media_notes: dict[str, list[Diagnostic]] = {}
    referenced_files = media_files(config.source, users)
    file_notes = media_diagnostics(users, referenced_files)
    # What a build says about the site's own files, its stylesheets' references checked against
    # the files it publishes: the static files and the pictures of published articles (not drafts').
    in_site = referenced(site.articles)
    publishing = {rel: stat for rel, stat in referenced_files.items() if rel in in_site}
    site_notes = site_file_notes(config, message_notes)
    site_notes += published_static(static_files(config), config.source, publishing, loaded.articles).diagnostics
    for note in site_diagnostics(site, loaded, file_notes, moved, datetime.date.today()):
        media_notes.setdefault(note.file, []).append(note)
    rows = []
    levels = []  # each row's messages' levels, for the table's labels (JSON keeps its format)
    for original in sorted(loaded.articles, key=lambda a: natural_key(a.source)):
        article = published.get(original.source, original)
        is_published = original.source in published
        said = (*article.diagnostics, *media_notes.get(article.source, ()))
        levels.append([d.level for d in said])
        rows.append(
            {
                "source": article.source,
                "title": article.title,
                "date": article.date.isoformat() if article.date else None,
                "time": _clock(article.time),
                "updated": article.updated.isoformat() if article.updated else None,
                "lang": article.lang,
                "tags": [t.slug for t in article.tags],
                "byline": article.byline,
                "url": article.url if is_published else None,
                "path": article.path if is_published else None,
                "redirects": earlier.get(article.source, []),
                "draft": article.draft,
                "warnings": [d.message if d.line is None else f"line {d.line}: {d.message}" for d in said],
            }
        )
    errors = [d for d in loaded.diagnostics if d.level == "error"]
    # Warnings about files that are no article (a web page not read, a symbolic link) have no
    # row to appear in: said here, and failing --strict, as a build says and fails on them.
    sources = {a.source for a in loaded.articles}
    others = [d for d in loaded.diagnostics if d.level == "warning" and d.file not in sources]
    # What sitegen.toml did on its own or finds doubtful (a base_url taken from cname) is said
    # here as by every build: inspect is where a user checks a new configuration.
    # The warnings about the site's own files (templates, static/, locales/) are a section of
    # the table; JSON keeps its one array of articles, and they are said on stderr as by a build.
    _report([*config.notes, *errors, *others, *(site_notes if as_json else ())])
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(_table(rows, site_notes, levels))
    config_warnings = any(d.level == "warning" for d in (*config.notes, *site_notes))
    article_warnings = any(level == "warning" for row in levels for level in row)  # a note fails no --strict
    return 1 if (errors or others or config_warnings or article_warnings) and config.strict else 0


def _clock(t: datetime.time | None) -> str | None:
    """A time of day as inspect shows it: ISO, with its city's zone when it has one (whose
    offset depends on the day)."""
    if t is None:
        return None
    key = getattr(t.tzinfo, "key", None)
    return t.isoformat() + (f" ({key})" if key else "")


_SITE_FILES = "site files (templates/, static/, locales/)"
_LABELS = {"info": "note", "warning": "warn", "error": "error"}


def _table(rows: list[dict], site_notes: Sequence[Diagnostic], levels: Sequence[Sequence[str]]) -> str:
    """The articles, then the warnings about the site's own files, each as a build says it: a
    note (a build's INFO) labelled 'note', a warning 'warn'. ``levels``: each row's messages'."""
    lines = []
    for r, row_levels in zip(rows, levels, strict=True):
        lines.append(f"{r['source']}")
        lines.append(f"    title : {r['title']}")
        date = (r["date"] or "undated") + (f" {r['time']}" if r["time"] else "")
        date += f"   updated: {r['updated']}" if r["updated"] else ""
        lines.append(f"    date  : {date}   lang: {r['lang']}   byline: {r['byline'] or '-'}")
        lines.append(f"    tags  : {', '.join(r['tags']) or '-'}")
        lines.append(f"    url   : {r['url'] or '(draft, not published)'}")
        if r["redirects"]:
            lines.append(f"    from  : {', '.join(r['redirects'])}")
        for level, w in zip(row_levels, r["warnings"], strict=True):
            lines.append(f"    {_LABELS[level]:<5} : {w}")
    if site_notes:
        lines.append(_SITE_FILES)
        for d in sorted(site_notes, key=_in_file_order):
            shown = dataclasses.replace(d, file=shown_path(d.file)) if os.path.isabs(d.file) else d
            lines.append(f"    {_LABELS[d.level]:<5} : {shown}")
    lines.append(count(len(rows), "article"))
    return "\n".join(lines)
