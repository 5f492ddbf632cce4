"""Compare whole builds of sitegen, Hugo and Pelican over the same synthetic corpus.

    python benchmarks/compare.py --sizes 1000,10000 --rounds 3 --json benchmarks/compare.json

The corpus is the one bench.py uses (make_corpus.py, benchmarks/corpus/1k, .../10k; generated if
missing). For Hugo and Pelican it is converted once per size into minimal equivalent sites,
benchmarks/out/hugo-site-N/ and benchmarks/out/pelican-site-N/: one Markdown file per article
with the title, date and tags the generator used (make_corpus.generate gives them; the text is read
from the corpus files on disk), .txt bodies turned into Markdown paragraphs and subheadings.

Each round builds every selected tool once, cold, as its own process, in a rotating order
(round 1: sitegen, sitegen-nosearch, hugo, pelican; round 2: sitegen-nosearch, hugo, pelican,
sitegen; ...), so that a noisy machine
spreads over all tools. Cold means: every build writes into a new, empty folder
(benchmarks/out/cold/TOOL-N-ROUND/), and the tool's caches are removed (sitegen's .sitegen-cache,
Hugo's resources/, Pelican's __pycache__; its content cache is off). Earlier runs' outputs are
deleted only at the start, followed by a wait (bench.settle: a file system that has just freed
thousands of inodes makes the next build pay for it).
Per build: wall time, CPU (user+sys of the child and whatever it waited for), peak RSS of the
child (ru_maxrss) and the number of .html files written. The table gives medians (min–max).

Tools: sitegen from this Python; `hugo` from PATH (Debian package hugo); Pelican from its own
virtual environment benchmarks/.venv-pelican (see benchmarks/README.md), never from this one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402 (sibling scripts, not a package)
import make_corpus  # noqa: E402

# sitegen-nosearch: sitegen with `search = false`, the site that the performance issue's targets
# name (both interfaces, paginated listings, tag pages, feeds, sitemap) and that Hugo's and
# Pelican's sites match; sitegen's default also makes a search page and its index.
TOOLS = ("sitegen", "sitegen-nosearch", "hugo", "pelican")
SITEGENS = ("sitegen", "sitegen-nosearch")
PELICAN_VENV = HERE / ".venv-pelican"
PER_PAGE = 20
BASE_URL = "https://example.org/"

# --- conversion ------------------------------------------------------------------------------

_BYLINE = re.compile(r"^(?:كتب:|By )|^.{2,40} - .{1,20}$")


def _txt_body(text: str, title: str) -> tuple[str | None, list[str]]:
    """(byline, Markdown blocks) of a .txt article in the generator's layout.

    Everything up to the title line is date lines and blanks; a short line right after the title
    that looks like a byline is one; every other non-empty line is a paragraph, or a subheading
    when it is short and has no sentence punctuation (as sitegen reads it).
    """
    lines = text.split("\n")
    start = lines.index(title) + 1
    byline = None
    if start < len(lines) and _BYLINE.match(lines[start].strip()):
        byline = lines[start].strip()
        start += 1
    blocks = []
    for line in lines[start:]:
        line = line.strip()
        if not line:
            continue
        if len(line) <= 60 and not line.endswith((".", "!", "?", "؟", ")")):
            blocks.append(f"## {line}")
        else:
            blocks.append(line)
    return byline, blocks


def _md_body(text: str) -> tuple[str | None, str]:
    """(summary, body) of a .md article: the Pelican-style header ends at the first blank line."""
    header, _, body = text.partition("\n\n")
    summaries = [line[len("Summary:") :].strip() for line in header.split("\n") if line.startswith("Summary:")]
    summary = summaries[0] if summaries else None
    return summary, body.strip("\n")


def _articles(corpus: Path) -> list[dict[str, object]]:
    """Each article's metadata (from make_corpus.generate) and Markdown body (from the file on disk)."""
    manifest = make_corpus.read_manifest(corpus)
    if manifest is None:
        raise bench.BenchError(f"{corpus} has no {make_corpus.MANIFEST}; generate it with make_corpus.py")
    count, seed = int(manifest["count"]), int(manifest["seed"])  # type: ignore[call-overload]
    out: list[dict[str, object]] = []
    for article in make_corpus.generate(count, seed):
        path = corpus / article.path
        text = path.read_text(encoding="utf-8")
        if text != article.text:
            raise bench.BenchError(f"{path} differs from what make_corpus.py generates; regenerate the corpus")
        if article.format == "md":
            summary, body = _md_body(text)
            byline = None
        else:
            summary = None
            byline, blocks = _txt_body(text, article.title)
            body = "\n\n".join(blocks)
        if byline:
            body = f"*{byline}*\n\n{body}"
        out.append(
            {
                "slug": Path(article.path).stem,  # unique, unlike titles (about 1% repeat)
                "folder": Path(article.path).parent.as_posix(),
                "title": article.title,
                "date": article.date,
                "tags": list(article.tags),
                "lang": article.lang,
                "summary": summary,
                "body": body,
            }
        )
    return out


def _fresh(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


HUGO_CONFIG = f"""baseURL = "{BASE_URL}"
title = "Benchmark archive"
languageCode = "ar"
defaultContentLanguage = "ar"
paginate = {PER_PAGE}
relativeURLs = false
disableKinds = ["section"]
enableRobotsTXT = false

[taxonomies]
tag = "tags"

[permalinks]
posts = "/articles/:slug/"

[markup.goldmark.renderer]
unsafe = false
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}" dir="rtl">
<head><meta charset="utf-8"><title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a> · <a href="{{ "/tags/" | relURL }}">tags</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02" }}">
{{ .Date.Format "2 January 2006" }}</time>{{ end }}
{{ .Content }}
{{ with .GetTerms "tags" }}<ul>{{ range . }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = site.RegularPages }}{{ end }}
{{ $pager := .Paginate $pages }}
{{ range $pager.Pages }}<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ if not .Date.IsZero }}<time>{{ .Date.Format "2006-01-02" }}</time>{{ end }}
<p>{{ .Summary }}</p>
</article>
{{ end }}
{{ template "_internal/pagination.html" . }}
{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
}


def write_hugo_site(site: Path, articles: Sequence[dict[str, object]]) -> None:
    """content/posts/YEAR/MONTH/NNNNN_hash.md with YAML front matter (JSON strings), minimal layouts."""
    _fresh(site)
    (site / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for rel, text in HUGO_LAYOUTS.items():
        target = site / "layouts" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for a in articles:
        front = ["---", f"title: {json.dumps(a['title'], ensure_ascii=False)}", f"slug: {json.dumps(a['slug'])}"]
        if a["date"]:
            front.append(f"date: {a['date']}")
        front.append(f"tags: {json.dumps(a['tags'], ensure_ascii=False)}")
        if a["summary"]:
            front.append(f"summary: {json.dumps(a['summary'], ensure_ascii=False)}")
        front.append("---")
        target = site / "content" / "posts" / str(a["folder"]) / f"{a['slug']}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(front) + "\n\n" + str(a["body"]) + "\n", encoding="utf-8")


PELICAN_CONFIG = f"""# Written by benchmarks/compare.py: a minimal Pelican site over the benchmark corpus.
AUTHOR = "bench"
SITENAME = "Benchmark archive"
SITEURL = "{BASE_URL.rstrip("/")}"
RELATIVE_URLS = False
PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "UTC"
DEFAULT_LANG = "ar"
DEFAULT_DATE = (2000, 1, 1)  # the ~5% undated articles (Pelican skips articles without a date)
THEME = "simple"  # shipped with Pelican, nothing downloaded
DEFAULT_PAGINATION = {PER_PAGE}
PAGINATED_TEMPLATES = {{"index": None, "tag": None}}
ARTICLE_URL = "articles/{{slug}}/"
ARTICLE_SAVE_AS = "articles/{{slug}}/index.html"
TAG_URL = "tags/{{slug}}/"
TAG_SAVE_AS = "tags/{{slug}}/index.html"
TAGS_SAVE_AS = "tags/index.html"
# The minimal set, like the Hugo site: no category or author pages, no per-period archives.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "archives"]
# Feeds on, like sitegen and Hugo: one for the site, one per tag.
FEED_ALL_ATOM = "feeds/all.atom.xml"
TAG_FEED_ATOM = "feeds/tag/{{slug}}.atom.xml"
FEED_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
"""


def write_pelican_site(site: Path, articles: Sequence[dict[str, object]]) -> None:
    """content/YEAR/MONTH/NNNNN_hash.md with a Pelican header (Tags comma-separated), pelicanconf.py."""
    _fresh(site)
    (site / "pelicanconf.py").write_text(PELICAN_CONFIG, encoding="utf-8")
    for a in articles:
        header = [f"Title: {a['title']}", f"Slug: {a['slug']}"]
        if a["date"]:
            header.append(f"Date: {a['date']}")
        header.append("Tags: " + ", ".join(a["tags"]))  # type: ignore[arg-type]
        if a["summary"]:
            header.append(f"Summary: {a['summary']}")
        target = site / "content" / str(a["folder"]) / f"{a['slug']}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(header) + "\n\n" + str(a["body"]) + "\n", encoding="utf-8")


# --- running ---------------------------------------------------------------------------------


class Tool:
    """How to build one tool's site cold, and where its pages land."""

    def __init__(
        self, name: str, size: int, corpus: Path, env: dict[str, str] | None = None, cold_root: Path = bench.COLD_ROOT
    ) -> None:
        self.name = name
        self.cold_root = cold_root
        self.env = env if name in SITEGENS else None
        self.size = size
        self.corpus = corpus
        n = bench.label(size)
        out = bench.OUTPUT_ROOT
        if name in SITEGENS:
            self.cwd = out / f"{name}-site-{n}"  # site root: per_page and base_url, no overrides
        elif name == "hugo":
            self.cwd = out / f"hugo-site-{n}"
        else:
            self.cwd = out / f"pelican-site-{n}"

    def command(self, output: Path) -> list[str]:
        if self.name in SITEGENS:
            return bench.sitegen_command(self.corpus, output, ["--config", str(self.cwd / "sitegen.toml")])
        if self.name == "hugo":
            return [shutil.which("hugo") or "hugo", "--quiet", "--destination", str(output)]
        pelican = str(PELICAN_VENV / "bin" / "pelican")
        return [pelican, "content", "-s", "pelicanconf.py", "-q", "--output", str(output)]

    def clean(self) -> None:
        doomed: list[Path] = []
        if self.name in SITEGENS:
            doomed += list(self.cwd.glob(".sitegen-cache*"))
        elif self.name == "hugo":
            doomed += [self.cwd / "resources", self.cwd / ".hugo_build.lock"]
        else:
            doomed += [self.cwd / "__pycache__", self.cwd / "cache"]
        for path in doomed:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()

    def build(self, timeout: float, number: int) -> bench.Run:
        """A cold build into a new folder (benchmarks/out/cold/TOOL-N-NUMBER, or under --cold-root)."""
        self.clean()
        output = self.cold_root / f"{self.name}-{bench.label(self.size)}-{number}"
        if output.exists():
            raise bench.BenchError(f"{output} exists: every measured build gets a new folder")
        output.parent.mkdir(parents=True, exist_ok=True)
        m = bench.measure(self.command(output), timeout, cwd=self.cwd, what=f"the {self.name} build", env=self.env)
        return bench.Run(m.wall_s, m.cpu_s, m.peak_rss_mb, bench.count_pages(output))


def prepare(
    size: int, corpus: Path, tools: Sequence[str], env: dict[str, str] | None, cold_root: Path = bench.COLD_ROOT
) -> list[Tool]:
    out = bench.OUTPUT_ROOT
    n = bench.label(size)
    for name in SITEGENS:
        if name in tools:
            _fresh(out / f"{name}-site-{n}")
            # base_url as Hugo's baseURL: feeds and the sitemap are made, as on a published site.
            config = f'per_page = {PER_PAGE}\nbase_url = "{BASE_URL}"\n'
            config += "search = false\n" if name == "sitegen-nosearch" else ""
            (out / f"{name}-site-{n}" / "sitegen.toml").write_text(config, encoding="utf-8")
    if "hugo" in tools or "pelican" in tools:
        print(f"converting {size} articles for Hugo/Pelican ...", file=sys.stderr)
        articles = _articles(corpus)
        if "hugo" in tools:
            write_hugo_site(out / f"hugo-site-{n}", articles)
        if "pelican" in tools:
            write_pelican_site(out / f"pelican-site-{n}", articles)
    return [Tool(name, size, corpus, env, cold_root) for name in tools]


def versions(tools: Sequence[str], env: dict[str, str] | None) -> dict[str, str]:
    def run(command: list[str], extra: dict[str, str] | None = None) -> str:
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, check=False, env=os.environ | extra if extra else None
            )
        except OSError as exc:
            return f"unavailable ({exc})"
        return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr) else "?"

    found = {"python": sys.version.split()[0], "sitegen": run([sys.executable, "-m", "sitegen", "--version"], env)}
    if "hugo" in tools:
        found["hugo"] = run(["hugo", "version"])
    if "pelican" in tools:
        found["pelican"] = run([str(PELICAN_VENV / "bin" / "pelican"), "--version"])
        found["pelican-markdown"] = run(
            [str(PELICAN_VENV / "bin" / "python"), "-c", "import markdown; print(markdown.__version__)"]
        )
    return found


def _stat(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def summarize(size: int, tool: str, runs: Sequence[bench.Run]) -> dict[str, object]:
    return {
        "articles": size,
        "tool": tool,
        "runs": [asdict(r) | {"pages_per_s": r.pages_per_s} for r in runs],
        "wall_s": _stat([r.wall_s for r in runs]),
        "cpu_s": _stat([r.cpu_s for r in runs]),
        "peak_rss_mb": _stat([r.peak_rss_mb for r in runs]),
        "pages": _stat([float(r.pages) for r in runs]),
        "pages_per_s": _stat([r.pages_per_s for r in runs]),
    }


def markdown_table(results: Sequence[dict[str, object]]) -> str:
    """Medians (min–max for wall time) per tool and size, with wall and CPU time relative to sitegen."""

    def get(r: dict[str, object], key: str) -> dict[str, float]:
        value = r[key]
        assert isinstance(value, dict)
        return value

    rows = [
        "| articles | tool | runs | HTML pages | wall s, median (min–max) | CPU s | peak RSS MB | pages/s "
        "| wall ÷ sitegen | CPU ÷ sitegen |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    base = {r["articles"]: r for r in results if r["tool"] == "sitegen"}
    for r in results:
        wall, cpu, runs = get(r, "wall_s"), get(r, "cpu_s"), r["runs"]
        assert isinstance(runs, list)
        ratios = ["–", "–"]
        if r["articles"] in base:
            b = base[r["articles"]]
            ratios = [f"{get(r, k)['median'] / get(b, k)['median']:.2f}×" for k in ("wall_s", "cpu_s")]
        rows.append(
            f"| {r['articles']} | {r['tool']} | {len(runs)} | {get(r, 'pages')['median']:.0f} "
            f"| {wall['median']:.2f} ({wall['min']:.2f}–{wall['max']:.2f}) | {cpu['median']:.2f} "
            f"| {get(r, 'peak_rss_mb')['median']:.0f} | {get(r, 'pages_per_s')['median']:.0f} "
            f"| {ratios[0]} | {ratios[1]} |"
        )
    return "\n".join(rows)


def _tools(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = sorted(set(names) - set(TOOLS))
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"tools are among {','.join(TOOLS)}; got {text!r}")
    return names


def check_tools(tools: Sequence[str]) -> str | None:
    if "hugo" in tools and shutil.which("hugo") is None:
        return "hugo is not on PATH: apt-get install -y hugo (or leave it out with --tools)"
    if "pelican" in tools and not (PELICAN_VENV / "bin" / "pelican").exists():
        return (
            f"no Pelican in {PELICAN_VENV}: python3 -m venv {PELICAN_VENV} && "
            f"{PELICAN_VENV}/bin/pip install pelican markdown (or leave it out with --tools)"
        )
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=bench._sizes, default=[1000, 10000], help="e.g. 1000,10000")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; each builds every tool once (default 3)")
    parser.add_argument(
        "--tools", type=_tools, default=list(TOOLS), help="a comma-separated subset of " + ",".join(TOOLS)
    )
    parser.add_argument("--pelican-max", type=int, default=None, metavar="N", help="skip Pelican above N articles")
    parser.add_argument(
        "--pelican-rounds", type=int, default=None, metavar="R", help="rounds for Pelican above 1000 articles"
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per build")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--settle",
        type=float,
        default=bench.SETTLE_S,
        metavar="S",
        help=f"seconds to wait after deleting old outputs, before the first build (default {bench.SETTLE_S:.0f})",
    )
    parser.add_argument(
        "--snapshot",
        action="store_true",
        help="build with a copy of sitegen/, templates/, static/ taken at the start (for a tree being edited)",
    )
    parser.add_argument(
        "--cold-root",
        type=Path,
        default=bench.COLD_ROOT,
        metavar="DIR",
        help="where the cold builds write (default benchmarks/out/cold); e.g. a folder on /dev/shm to take "
        "the disk out of the comparison (then --settle 0)",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    problem = check_tools(args.tools)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1

    code = bench.fingerprint()
    env = bench.take_snapshot() if args.snapshot else None
    if env is None:
        bench.precompile(bench.REPO)
    results: list[dict[str, object]] = []
    try:
        for size in args.sizes:
            tools = [t for t in args.tools if not (t == "pelican" and args.pelican_max and size > args.pelican_max)]
            corpus = bench.ensure_corpus(size, args.seed)
            prepared = prepare(size, corpus, tools, env, args.cold_root)
            runs: dict[str, list[bench.Run]] = {t.name: [] for t in prepared}
            bench.settle(args.settle, args.cold_root)
            for number in range(args.rounds):
                order = prepared[number % len(prepared) :] + prepared[: number % len(prepared)]
                for tool in order:
                    limit = args.pelican_rounds if tool.name == "pelican" and size > 1000 else None
                    if limit is not None and len(runs[tool.name]) >= limit:
                        continue
                    run = tool.build(args.timeout, number + 1)
                    runs[tool.name].append(run)
                    print(
                        f"{size} articles, round {number + 1}/{args.rounds}, {tool.name}: {run.wall_s:.2f} s wall, "
                        f"{run.cpu_s:.2f} s CPU, {run.peak_rss_mb:.0f} MB, {run.pages} pages",
                        file=sys.stderr,
                    )
            results += [summarize(size, t.name, runs[t.name]) for t in prepared if runs[t.name]]  # 0 rounds: none
    except bench.BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    print(markdown_table(results))
    bench._warn_if_changed(code, env)
    if args.json:
        report = {
            "environment": bench.environment() | bench._code_info(code, env) | {"versions": versions(args.tools, env)},
            "seed": args.seed,
            "cold_root": str(args.cold_root),
            "rounds": args.rounds,
            "results": results,
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
