"""The quote index measured on labelled real text, the way a user gets it: each text imported
with `python -m generator import`'s converter, analysed with the site's own registry
(config/entities.yml), and its quotes listed as the quote index lists them.

    .venv/bin/python bench/quotes.py                 # figures per set and split
    .venv/bin/python bench/quotes.py --mistakes dev  # and every mistake on the dev splits

Sets: the press-release corpus `../shared/corpus` (read from there, never copied) and the
Wikinews set `tests/fixtures/news`. The test splits are for reporting only, never for tuning.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.analyse.mentions import find_mentions  # noqa: E402
from generator.analyse.quotes.assemble import QuoteFinder  # noqa: E402
from generator.analyse.quotes.metrics import Label, Listed, Score, score  # noqa: E402
from generator.analyse.recognise import Recognizer  # noqa: E402
from generator.analyse.registry import load_registry  # noqa: E402
from generator.commands.importer import convert, front_matter  # noqa: E402
from generator.model import Article  # noqa: E402
from generator.read.articles import read_article  # noqa: E402
from generator.read.sections import split_sections  # noqa: E402
from generator.text.mdtree import TreeBuilder  # noqa: E402


def corpus_folder() -> Path | None:
    for folder in (ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")):
        if (folder / "quotes.yaml").is_file():
            return folder
    return None


SETS = {"corpus": corpus_folder, "news": lambda: ROOT / "tests" / "fixtures" / "news"}


@dataclass(frozen=True)
class Text:
    name: str
    split: str
    article: Article
    labels: tuple[Label, ...]


def load(folder: Path, scratch: Path) -> list[Text]:
    """Every labelled text of a set, imported as an article."""
    data = yaml.safe_load((folder / "quotes.yaml").read_text(encoding="utf-8"))
    test = set((data.get("split") or {}).get("test") or [])
    texts = []
    for name, meta in data["articles"].items():
        title, body = convert((folder / "articles" / name).read_text(encoding="utf-8"))
        date = (
            dt.date.fromisoformat(str(meta["date"])[:10])
            if len(str(meta["date"])) >= 10
            else dt.date(2025, 1, 1)
        )
        stem = "".join(c if c.isalnum() else "-" for c in name.removesuffix(".txt").lower()).strip("-")
        path = scratch / f"{stem}.md"
        path.write_text(front_matter(title, date, meta["lang"], None) + "\n" + body, encoding="utf-8")
        split = meta.get("split") or ("test" if name in test else "dev")
        labels = tuple(Label(q["speaker"], q["fragment"], q["kind"]) for q in meta["quotes"])
        texts.append(Text(name, split, read_article(path), labels))
    return texts


def measure(texts: list[Text]) -> dict[str, Score]:
    registry = load_registry(ROOT / "config" / "entities.yml")
    recognizer = Recognizer(registry)
    finder = QuoteFinder(registry, recognizer)
    trees = TreeBuilder()
    scores: dict[str, Score] = {}
    for text in texts:
        article = find_mentions(split_sections(text.article), recognizer, trees)
        quotes = finder.find(article, trees).quotes
        scores.setdefault(text.split, Score()).add(
            score((Listed.of(q) for q in quotes), text.labels, text.name)
        )
    return scores


def measure_set(name: str) -> dict[str, Score]:
    folder = SETS[name]()
    if folder is None:
        raise SystemExit(f"set {name}: not found")
    with tempfile.TemporaryDirectory() as scratch:
        return measure(load(folder, Path(scratch)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mistakes", choices=["dev", "test"], help="print the mistakes of these splits")
    parser.add_argument("--set", choices=sorted(SETS), action="append")
    args = parser.parse_args()
    for name in args.set or sorted(SETS):
        for split, result in sorted(measure_set(name).items()):
            print(f"{name} {split}: {result}")
            if args.mistakes == split:
                print("  " + "\n  ".join(result.mistakes))


if __name__ == "__main__":
    main()
