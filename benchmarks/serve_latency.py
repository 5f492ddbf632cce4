"""Save-to-reload latency of `sitegen serve`: how long after an article is saved do browsers
get the reload event?

Starts `python -m sitegen serve` on a private copy of a corpus, listens to the live-reload
event stream like a browser does, appends a sentence to one article, and times until the next
`build` event arrives (the build has finished and the site on disk is complete). Repeats with
a pause between edits and prints the median and range, plus the server's own build times.

    .venv/bin/python benchmarks/serve_latency.py --corpus benchmarks/corpus/10k --edits 10

--built starts serve on a site built before (as after `sitegen build`), and the first edit is
printed apart: it is the one that would load the caches if the session had not loaded them yet.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import bench  # noqa: E402 (a sibling script, not a package)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("HEAD", "/")
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not come up within {timeout:.0f} s")


class EventStream:
    """Reads the server's Server-Sent Events in a thread; records when each build event arrives."""

    def __init__(self, port: int, base_path: str):
        self.events: list[tuple[float, str]] = []
        self.changed = threading.Condition()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        conn.request("GET", base_path + ".sitegen/events")
        self.response = conn.getresponse()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        event = None
        for raw in self.response:
            line = raw.decode().rstrip("\n")
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event == "build":
                with self.changed:
                    self.events.append((time.perf_counter(), line.split(":", 1)[1].strip()))
                    self.changed.notify_all()

    def wait_for(self, count: int, timeout: float) -> float:
        with self.changed:
            if not self.changed.wait_for(lambda: len(self.events) >= count, timeout):
                raise SystemExit("no reload event arrived")
            return self.events[count - 1][0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus" / "10k")
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--pause", type=float, default=1.5, help="seconds between edits")
    parser.add_argument("--base-url", default="https://example.github.io/archive/")
    parser.add_argument(
        "--code", type=Path, default=REPO, help="a folder holding the sitegen/ to run (default: this repository)"
    )
    parser.add_argument(
        "--built",
        action="store_true",
        help="build the site with `sitegen build` first: serve starts on a built site, with nothing to do",
    )
    parser.add_argument("--log", action="store_true", help="run serve with -v and print its log at the end")
    parser.add_argument(
        "--work",
        type=Path,
        help="a folder kept between runs (source/, sitegen.toml, out/, cache/): the corpus is copied "
        "into it and built only the first time (at 100,000 articles that takes minutes); edits accumulate; "
        "one cache per version of the code (cache-FINGERPRINT/)",
    )
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}; make one with benchmarks/make_corpus.py")

    kept = args.work is not None
    work = args.work.resolve() if kept else Path(tempfile.mkdtemp(prefix="sitegen-serve-"))
    fresh = not (work / "source").is_dir()
    try:
        source = work / "source"
        if fresh:
            shutil.copytree(args.corpus, source)
        (work / "sitegen.toml").write_text(f'base_url = "{args.base_url}"\n', encoding="utf-8")
        target = sorted(source.rglob("*.txt"))[0]
        port = free_port()
        # A kept folder holds a cache per version of the code (a cache is only good for the code
        # that wrote it): two versions measured in turn on one folder each keep theirs.
        cache = work / (f"cache-{bench.fingerprint(args.code)}" if kept else "cache")
        env = dict(os.environ, SITEGEN_CACHE_DIR=str(cache), **bench.code_environment(args.code))
        paths = ["--config", str(work / "sitegen.toml"), "--source", str(source), "--output", str(work / "out")]
        if args.built and (fresh or not (work / "out").is_dir()):
            subprocess.run([sys.executable, "-m", "sitegen", "build", *paths, "-q"], env=env, check=True)
        cmd = [sys.executable, "-m", "sitegen", "serve", *paths, "--port", str(port), *(["-v"] * args.log)]
        started = time.perf_counter()
        server = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
        log: list[str] = []
        threading.Thread(target=lambda: log.extend(server.stderr or []), daemon=True).start()
        try:
            wait_for_server(port, timeout=600)
            print(f"first build and server up: {time.perf_counter() - started:.1f} s")
            stream = EventStream(port, urlsplit(args.base_url).path or "/")
            stream.wait_for(1, 10)  # the current generation, sent on connect
            latencies = []
            for n in range(args.edits):
                time.sleep(args.pause)
                with target.open("a", encoding="utf-8") as f:
                    f.write(f"\nجملة مضافة رقم {n} للقياس.\n")
                saved = time.perf_counter()
                latencies.append(stream.wait_for(n + 2, 60) - saved)
        finally:
            server.terminate()
            server.wait(timeout=30)
        if args.log:
            print("".join(log), end="")
        builds = [float(m.group(1)) for line in log if (m := re.search(r"rebuilt .* in ([\d.]+) s", line))]
        print(f"edits: {len(latencies)}; the first: save -> reload event {latencies[0]:.3f} s")
        print(
            f"save -> reload event: median {statistics.median(latencies):.3f} s "
            f"(min {min(latencies):.3f}, max {max(latencies):.3f})"
        )
        if builds:
            print(
                f"rebuild inside serve: median {statistics.median(builds):.3f} s "
                f"(min {min(builds):.3f}, max {max(builds):.3f})"
            )
    finally:
        if not kept:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
