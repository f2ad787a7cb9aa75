"""`make bench`: the knowledge site against plain MkDocs + Material, on the same articles.

For N = 1,000 and 2,000 synthetic articles (and BENCH_N=10000, or any list "1000,5000"):
wall time and peak memory of (a) a plain MkDocs + Material build of the articles with a
compact nav and no plugin and (b) the full knowledge site (`python -m generator build`),
each in its own process; the ratios; site bytes per article; the time of each generator
stage; the linking benchmark (10 vs 10,000 registry entries); and, in Chromium, the time from
typing a query to the first result with each search backend (bench/search.py; BENCH_SEARCH=0
skips it). Prints a table and writes
bench/results.json. A benchmark, never a test: nothing here asserts a time.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))  # run as a script: `bench.linking` is imported from the checkout
PLAIN_CONFIG = """site_name: Plain
site_url: https://wissen.example.org/
theme:
  name: material
  language: de
  font: false
plugins:
  - search:
      lang: de
      pipeline: [stemmer, stopWordFilter, trimmer]
nav:
  - Start: index.md
"""


def measured(command: list[str], cwd: Path) -> dict[str, float]:
    """Wall time and peak memory of one build in its own process: `peak_mb` is the largest
    RSS of any one process (the build, a worker, Pagefind); `tree_peak_mb` the largest sum
    over the whole process tree at once, each process counted by its proportional set size
    (memory shared between forked workers and the build counted once), sampled every 0.2 s
    (Linux only; 0 elsewhere)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree_peak = [0]
    sampling = threading.Thread(target=_sample_tree, args=(process, tree_peak), daemon=True)
    sampling.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    sampling.join()
    if status != 0:
        errors = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{errors}")
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "tree_peak_mb": round(tree_peak[0] / 1024, 1),
    }


def _sample_tree(process: subprocess.Popen[bytes], peak: list[int]) -> None:
    """The largest sum of `Pss` (kB) over `process` and its descendants, until it ends."""
    while _state(process.pid) != "Z":  # gone or not yet reaped: the build is over
        peak[0] = max(peak[0], sum(_pss(pid) for pid in _tree(process.pid)))
        time.sleep(0.2)


def _tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return pids
    for child in children:
        pids += _tree(int(child))
    return pids


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _state(pid: int) -> str:
    """The process's state letter ("Z" for a zombie, and for one that is gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def projects(count: int, work: Path) -> tuple[Path, Path]:
    """The same synthetic articles as a plain MkDocs project and as the knowledge site."""
    corpus = work / "corpus"
    subprocess.run(
        [PYTHON, "-m", "generator", "synth", str(count), str(corpus)],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    plain = work / "plain"
    (plain / "docs").mkdir(parents=True)
    shutil.copytree(corpus / "articles", plain / "docs" / "articles")
    (plain / "docs" / "index.md").write_text("# Start\n\nArtikel.\n", encoding="utf-8")
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    full = work / "full"
    full.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", full)
    shutil.copytree(ROOT / "config", full / "config")
    shutil.copytree(ROOT / "templates", full / "templates")
    shutil.copytree(ROOT / "docs", full / "docs", ignore=shutil.ignore_patterns("articles"))
    shutil.copytree(corpus / "articles", full / "docs" / "articles")
    shutil.copy(corpus / "entities.yml", full / "config" / "entities.yml")
    return plain, full


def add_article(full: Path) -> None:
    """A new article, dated after all others, made of the first article's body."""
    articles = full / "docs" / "articles"
    body = sorted(articles.glob("*.md"))[0].read_text(encoding="utf-8").split("\n---\n", 1)[1]
    (articles / "2099-01-01-neu.md").write_text(
        f"---\ntitle: Ein neuer Artikel\ndate: 2099-01-01\n---\n{body}", encoding="utf-8"
    )


def stage_seconds(full: Path) -> dict[str, float]:
    from generator.pipeline import Stopwatch, build_site
    from generator.settings import load_settings

    watch = Stopwatch()
    # Cold: the build before filled the per-article cache, which would skip every stage.
    build_site(dataclasses.replace(load_settings(full / "mkdocs.yml"), cache_dir=None), watch)
    return {stage: round(seconds, 2) for stage, seconds in watch.seconds.items()}


def search_queries(full: Path) -> list[str]:
    """A company's name, a word and a quote fragment of the synthetic corpus."""
    import yaml

    entities = yaml.safe_load((full / "config" / "entities.yml").read_text(encoding="utf-8"))["entities"]
    company = next(e["name"] for e in entities if e["type"] == "company")
    return [company, "Rechenzentren", "offen bleiben"]


def search_timings(full: Path) -> dict[str, object]:
    """Typing to first result in Chromium with each backend: the site as built (its default
    backend) and the same site built again with the other one."""
    from bench.search import CHROMIUM, index_bytes, time_search, time_typing

    if not CHROMIUM.exists():
        return {"skipped": f"{CHROMIUM} is missing (apt-get install chromium)"}
    built = "pagefind" if (full / "site" / "pagefind").is_dir() else "lunr"
    other = "lunr" if built == "pagefind" else "pagefind"
    config = full / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("search_backend: auto", f"search_backend: {other}"),
        encoding="utf-8",
    )
    other_build = measured([PYTHON, "-m", "generator", "build", "--site-dir", f"site-{other}"], full)
    queries = search_queries(full)
    return {
        "default_backend": built,
        built: {
            **time_search(full / "site", queries),
            **time_typing(full / "site", queries[0]),
            **index_bytes(full / "site"),
        },
        other: {
            **time_search(full / f"site-{other}", queries),
            **time_typing(full / f"site-{other}", queries[0]),
            **index_bytes(full / f"site-{other}"),
            "build": other_build,
        },
    }


def run(count: int, stages: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as tmp:
        plain, full = projects(count, Path(tmp))
        plain_build = measured([PYTHON, "-m", "mkdocs", "build", "-q", "-d", "site"], plain)
        full_build = measured([PYTHON, "-m", "generator", "build", "--site-dir", "site"], full)
        # Warm: the same build again, the per-article cache filled (as after a CI cache restore).
        warm_build = measured([PYTHON, "-m", "generator", "build", "--site-dir", "site"], full)
        # The day's build: one new article (the newest) on top of the warm cache.
        add_article(full)
        next_day = measured([PYTHON, "-m", "generator", "build", "--site-dir", "site"], full)
        result: dict[str, object] = {
            "articles": count,
            "plain": {**plain_build, "site_bytes_per_article": folder_bytes(plain / "site") // count},
            "full": {**full_build, "site_bytes_per_article": folder_bytes(full / "site") // count},
            "full_to_plain": round(full_build["seconds"] / plain_build["seconds"], 2),
            "full_warm": warm_build,
            "warm_to_plain": round(warm_build["seconds"] / plain_build["seconds"], 2),
            "warm_peak_to_plain": round(warm_build["peak_mb"] / plain_build["peak_mb"], 2),
            "cold_peak_to_plain": round(full_build["peak_mb"] / plain_build["peak_mb"], 2),
            "warm_one_new_article": next_day,
            "new_article_to_plain": round(next_day["seconds"] / plain_build["seconds"], 2),
            "largest_page_kb": round(
                max(p.stat().st_size for p in (full / "site").rglob("*.html")) / 1024, 1
            ),
        }
        if stages:
            result["generator_stages_seconds"] = stage_seconds(full)
        if stages:
            result["rebuild_after_edit"] = json.loads(
                subprocess.run(
                    [PYTHON, str(ROOT / "bench" / "rebuild.py"), str(full), str(plain)],
                    check=True,
                    capture_output=True,
                    text=True,
                    env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                )
                .stdout.strip()
                .splitlines()[-1]
            )
        if os.environ.get("BENCH_SEARCH", "1") != "0":
            result["search"] = search_timings(full)
        return result


def main() -> int:
    counts = [int(n) for n in os.environ.get("BENCH_N", "1000,2000").split(",")]
    if os.environ.get("BENCH_N", "").strip() == "10000":
        counts = [1000, 2000, 10000]
    results = [run(count, stages=(index == 0)) for index, count in enumerate(counts)]
    by_count = {r["articles"]: r for r in results}
    summary: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "runs": results,
    }
    if 1000 in by_count and 2000 in by_count:
        one, two = by_count[1000]["full"], by_count[2000]["full"]  # type: ignore[index]
        summary["full_2000_to_1000"] = round(two["seconds"] / one["seconds"], 2)  # type: ignore[index]
    from bench.linking import main as linking

    linking()  # writes bench/linking.json and prints its own lines
    summary["linking"] = json.loads((ROOT / "bench" / "linking.json").read_text(encoding="utf-8"))
    (ROOT / "bench" / "results.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    for r in results:
        plain, full = r["plain"], r["full"]  # type: ignore[index]
        print(
            f"N={r['articles']}: plain {plain['seconds']} s / {plain['peak_mb']} MB, "  # type: ignore[index]
            f"full {full['seconds']} s / {full['peak_mb']} MB (process tree {full['tree_peak_mb']} MB), "  # type: ignore[index]
            f"full/plain {r['full_to_plain']}, "
            f"warm {r['full_warm']['seconds']} s, warm/plain {r['warm_to_plain']}, "  # type: ignore[index]
            f"one new article {r['warm_one_new_article']['seconds']} s, "  # type: ignore[index]
            f"new article/plain {r['new_article_to_plain']}, "
            f"bytes/article plain {plain['site_bytes_per_article']} full {full['site_bytes_per_article']}, "  # type: ignore[index]
            f"largest page {r['largest_page_kb']} kB"
        )
        search = r.get("search")
        if isinstance(search, dict) and "default_backend" in search:
            for backend in ("lunr", "pagefind"):
                t = search[backend]
                print(
                    f"  search {backend}: first query {t['first_query_ms']} ms, "
                    f"next {t['next_query_ms']} ms (typing to first result, Chromium); typed "
                    f"letter by letter, last key to result: {t['last_key_to_result_ms_every_100ms']} ms "
                    f"(a key every 100 ms), {t['last_key_to_result_ms_every_20ms']} ms (every 20 ms)"
                )
    if "full_2000_to_1000" in summary:
        print(f"full build 2000/1000: {summary['full_2000_to_1000']}")
    if "rebuild_after_edit" in results[0]:
        print(f"after editing one article at N={results[0]['articles']}: {results[0]['rebuild_after_edit']}")
    if "generator_stages_seconds" in results[0]:
        print(f"generator stages at N={results[0]['articles']}: {results[0]['generator_stages_seconds']}")
    print("written to bench/results.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
