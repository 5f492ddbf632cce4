"""Real articles damaged at random (pieces of Markdown, HTML, dates, invisible characters and
addresses typed into them, text cut and repeated) still build: every page is valid HTML, and no
file is an internal error. A seeded generator: the same damage on every run."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import sitecheck

from sitegen.cli import main

ROOT = Path(__file__).resolve().parent.parent

# What an author or a copy from elsewhere may leave in an article.
PIECES = [
    "\n", "\n\n", "---\n", "+++\n", "{", "}", "<", ">", "<pre>", "</pre>", "<code>", "`", "```", "~~~", "#", "## ",
    "* ", "1. ", "1) ", "> ", "|", "| a | b |\n|---|---|\n", "[x](y)", "![a](b.png)", "{{< x >}}", "{% raw %}",
    "\u200f", "\u200d", "\u200c", "\ufeff", "\t", "    ", "title: ", "date: ", "tags: ", "Title: x\n",
    "Date: 2024-02-30\n", "١٩ أبريل ٢٠٢٤", "الجمعة - 19 أبريل 2024", "By ", "كتب: ", "&amp;", "&#0;", "\\", "*",
    "_", "**", "[^1]", "[^1]: note", "<!--", "-->", "<script>", "</script>", "<img src=x onerror=y>", "http://x",
    "www.", "@", "ﷺ", "ـــ", "0123456789", "٠١٢٣", "\r\n", "\r", "\x0c", "\x85", "\u2028", "«", "»", "؟", "!!!",
]  # fmt: skip


def damaged(texts: list[str], count: int, seed: int) -> dict[str, str]:
    rnd = random.Random(seed)
    files = {}
    for n in range(count):
        text = rnd.choice(texts)
        for _ in range(rnd.randint(1, 12)):
            op, at = rnd.random(), rnd.randint(0, len(text))
            if op < 0.5:
                text = text[:at] + rnd.choice(PIECES) + text[at:]
            elif op < 0.75:
                text = text[:at] + text[min(len(text), at + rnd.randint(1, 200)) :]
            else:
                to = rnd.randint(0, len(text))
                text = text[:to] + text[at : min(len(text), at + rnd.randint(1, 100))] + text[to:]
        files[f"f{n:04d}{rnd.choice(['.txt', '.md', '.markdown'])}"] = text
    return files


def test_damaged_articles_build_into_valid_pages_and_none_is_an_internal_error(tmp_path, capsys, vnu) -> None:
    corpus = tmp_path / "corpus"
    make_corpus = [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--count", "60", "--seed", "3"]
    subprocess.run([*make_corpus, "--out", str(corpus)], check=True, capture_output=True)
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").iterdir()) if p.suffix in (".txt", ".md")]
    texts += [p.read_text("utf-8") for p in sorted(corpus.rglob("*")) if p.suffix in (".txt", ".md")]
    source = tmp_path / "src"
    source.mkdir()
    for name, text in damaged(texts, 200, seed=1).items():
        (source / name).write_text(text, "utf-8", errors="surrogatepass")
    out = tmp_path / "out"
    assert main(["build", "--source", str(source), "--output", str(out), "--no-cache", "-v"]) == 0
    assert "internal error" not in capsys.readouterr().err
    assert sitecheck.vnu_errors(out) == []
