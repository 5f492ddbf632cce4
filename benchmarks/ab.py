"""Cold builds of two versions of sitegen, alternated in one run: did a change make it faster?

    python benchmarks/ab.py --ref b6677c4 --size 10000 --rounds 5

The machine this project is measured on is a shared VM whose speed drifts by ±20 % within an
hour, so figures from two benchmark runs cannot be compared. This script builds the same
corpus with the code of a git revision (``--ref``, exported with ``git archive``) and with the
work tree's code (snapshotted at the start), alternating which goes first in each round, each
build into a new folder with no cache, after the same settle as bench.py. It reports both
versions' medians and, per round, the ratio of their wall and CPU times.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # a sibling script, not a package

AB_ROOT = bench.OUTPUT_ROOT / "ab"


def export(ref: str, into: Path) -> dict[str, str]:
    """sitegen/, templates/ and static/ as they are at ref, in into; the environment to run them."""
    if into.exists():
        shutil.rmtree(into)
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref, *bench.CODE], cwd=bench.REPO, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return bench.code_environment(into)


def snapshot(into: Path) -> dict[str, str]:
    """The work tree's sitegen/, templates/ and static/, copied to into."""
    if into.exists():
        shutil.rmtree(into)
    for name in bench.CODE:
        shutil.copytree(bench.REPO / name, into / name, ignore=shutil.ignore_patterns("__pycache__"))
    return bench.code_environment(into)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", required=True, help="the git revision to compare the work tree with")
    parser.add_argument("--size", type=int, default=10000, help="corpus size (default 10000)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; each builds both versions once")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--settle", type=float, default=bench.SETTLE_S, help="seconds to wait after deleting")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per build")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)

    corpus = bench.ensure_corpus(args.size, args.seed)
    versions = {args.ref: export(args.ref, AB_ROOT / "code-ref"), "work tree": snapshot(AB_ROOT / "code-work")}
    for name, env in versions.items():  # each child must import its own copy, not the work tree
        imported = subprocess.run(
            [sys.executable, "-c", "import sitegen; print(sitegen.__file__)"],
            env=os.environ | env,
            cwd=bench.REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not imported.startswith(env["PYTHONPATH"]):
            raise SystemExit(f"the {name} build would import {imported}, not the copy in {env['PYTHONPATH']}")
    root = AB_ROOT / "root"  # base_url and 20 a page, as in compare.py: feeds and sitemap are made
    root.mkdir(parents=True, exist_ok=True)
    (root / "sitegen.toml").write_text(f'base_url = "{bench.SCENARIO_BASE_URL}"\nper_page = 20\n', encoding="utf-8")
    bench.settle(args.settle, AB_ROOT / "builds")
    runs: dict[str, list[bench.Run]] = {name: [] for name in versions}
    names = list(versions)
    for round_ in range(args.rounds):
        order = names if round_ % 2 == 0 else names[::-1]
        for name in order:
            with tempfile.TemporaryDirectory(prefix="sitegen-ab-cache-") as cache:
                env = versions[name] | {"SITEGEN_CACHE_DIR": cache}
                output = AB_ROOT / "builds" / f"{'ref' if name == args.ref else 'work'}-{round_ + 1}"
                extra = ["--config", str(root / "sitegen.toml")]
                run = bench.build_once(corpus, output, extra, args.timeout, env)
            runs[name].append(run)
            print(
                f"round {round_ + 1}/{args.rounds}, {name}: {run.wall_s:.2f} s wall, {run.cpu_s:.2f} s CPU, "
                f"{run.peak_rss_mb:.0f} MB, {run.pages} pages",
                file=sys.stderr,
            )
    ref, work = runs[args.ref], runs["work tree"]
    wall_ratios = [r.wall_s / w.wall_s for r, w in zip(ref, work, strict=True)]
    cpu_ratios = [r.cpu_s / w.cpu_s for r, w in zip(ref, work, strict=True)]
    print("| version | runs | wall s, median (min–max) | CPU s, median (min–max) | peak RSS MB | pages |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, measured in runs.items():
        walls, cpus = [r.wall_s for r in measured], [r.cpu_s for r in measured]
        print(
            f"| {name} | {len(measured)} | {statistics.median(walls):.2f} ({min(walls):.2f}–{max(walls):.2f}) | "
            f"{statistics.median(cpus):.2f} ({min(cpus):.2f}–{max(cpus):.2f}) | "
            f"{statistics.median(r.peak_rss_mb for r in measured):.0f} | {measured[0].pages} |"
        )
    print(
        f"\n{args.ref} ÷ work tree, per round: wall {statistics.median(wall_ratios):.2f}× "
        f"({min(wall_ratios):.2f}–{max(wall_ratios):.2f}), CPU {statistics.median(cpu_ratios):.2f}× "
        f"({min(cpu_ratios):.2f}–{max(cpu_ratios):.2f})"
    )
    if args.json:
        report = {
            "environment": bench.environment(),
            "ref": args.ref,
            "size": args.size,
            "seed": args.seed,
            "runs": {name: [vars(r) for r in measured] for name, measured in runs.items()},
            "wall_ratio_per_round": wall_ratios,
            "cpu_ratio_per_round": cpu_ratios,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
