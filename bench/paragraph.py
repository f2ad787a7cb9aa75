"""Analysis time of one long paragraph: linear in its length, not quadratic.

Builds articles that are a single paragraph of one kind of text, repeated to 0.25, 0.5, 1, 2
and 4 MB (under the 5 MB limit), and times the analysis of each (read, split, classify,
recognise, quotes, and `check`'s discovery of new names; no cache) in its own process, so that
each run pays the same one-time costs (the first-name list, the lemmatiser's dictionary).

Kinds: `sample` (the sample article's sentences), `names` (a registry person and company in
every sentence), `quotes` (a quote with its speaker in every sentence), `open-quotes` (quote
marks opened and never closed, as in a transcript that lost them) and `word` (one word
as long as the paragraph, in the heading). Prints seconds, seconds per MB and the ratio to the
1 MB run, and writes bench/paragraph.json. Run by `make bench`, alone with
`.venv/bin/python bench/paragraph.py [MB …]`. A benchmark, never a test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES_MB = (0.25, 0.5, 1.0, 2.0, 4.0)
ANALYSE = """
import sys, time
from pathlib import Path
from generator.settings import load_settings
from generator.pipeline import analyse, Stopwatch
settings = load_settings(Path(sys.argv[1]))
settings = type(settings)(**{**settings.__dict__, "cache_dir": None})
watch = Stopwatch()
start = time.perf_counter()
corpus = analyse(settings, watch=watch)
from generator.commands.check import advisories
advisories(corpus)
print(time.perf_counter() - start)
"""
KINDS = {
    "names": "Arthur Mensch ist hier mit Mistral AI. ",
    "quotes": "Arthur Mensch sagte: „Mistral AI ist gut.“ ",
    "open-quotes": "Er sagte: „Das ist gut ",
}


def paragraph(size: int) -> str:
    sample = (
        ROOT / "tests" / "fixtures" / "sources" / "open-source-motor-fuer-ki-fortschritt.txt"
    ).read_text("utf-8")
    sentences = " ".join(line.strip() for line in sample.splitlines()[2:] if line.strip())
    return ((sentences + " ") * (size // len(sentences) + 1))[:size].rsplit(" ", 1)[0]


def body(kind: str, size: int) -> str:
    if kind == "sample":
        return paragraph(size)
    if kind == "word":
        return "## " + "Kopf" * (size // 4) + "\n\nText."
    return (KINDS[kind] * (size // len(KINDS[kind]) + 1))[:size].rsplit(" ", 1)[0]


def project(folder: Path, size: int, kind: str) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", folder)
    for name in ("config", "templates"):
        shutil.copytree(ROOT / name, folder / name)
    articles = folder / "docs" / "articles"
    articles.mkdir(parents=True)
    (articles / "2025-01-01-lang.md").write_text(
        f"---\ntitle: Lang\ndate: 2025-01-01\n---\n\n{body(kind, size)}\n", "utf-8"
    )
    return folder / "mkdocs.yml"


def measure(kind: str, megabytes: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        config = project(Path(scratch), int(megabytes * 1_000_000), kind)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        start = time.perf_counter()
        output = subprocess.run(
            [sys.executable, "-c", ANALYSE, str(config)], env=env, capture_output=True, text=True, check=True
        )
        process = time.perf_counter() - start
    seconds = float(output.stdout.strip())
    return {
        "kind": kind,
        "mb": megabytes,
        "analysis_seconds": round(seconds, 2),
        "process_seconds": round(process, 2),
    }


def main() -> None:
    sizes = [float(arg) for arg in sys.argv[1:]] or list(SIZES_MB)
    runs: list[dict[str, object]] = []
    for kind in ("sample", "names", "quotes", "open-quotes", "word"):
        measured = [measure(kind, mb) for mb in sizes]
        one = next((r for r in measured if r["mb"] == 1.0), measured[0])
        for run in measured:
            seconds = float(run["analysis_seconds"])  # type: ignore[arg-type]
            run["seconds_per_mb"] = round(seconds / float(run["mb"]), 2)  # type: ignore[arg-type]
            run["to_1_mb"] = round(seconds / float(one["analysis_seconds"]), 2)  # type: ignore[arg-type]
            print(
                f"{kind}: one paragraph of {run['mb']:g} MB: analysis and discovery {seconds} s "
                f"({run['seconds_per_mb']} s per MB, {run['to_1_mb']}x the 1 MB run)",
                flush=True,
            )
        runs += measured
    (ROOT / "bench" / "paragraph.json").write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
