from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE_ARTICLE = ROOT / "docs" / "articles" / "2025-03-04-open-source-motor-fuer-ki-fortschritt.md"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


def _corpus() -> Path | None:
    """The labelled press-release corpus beside the project (`../shared/corpus`); its texts are
    read from there, never copied into the project."""
    for folder in (
        os.environ.get("KNOWLEDGE_CORPUS"),
        ROOT.parent / "shared" / "corpus",
        "/work/shared/corpus",
    ):
        if folder and (Path(folder) / "quotes.yaml").is_file():
            return Path(folder)
    return None


CORPUS = _corpus()
needs_corpus = pytest.mark.skipif(CORPUS is None, reason="../shared/corpus (the labelled corpus) is not here")
NAV = ["Start", "Themen", "Artikel", "Personen", "Unternehmen", "Zitate", "Netzwerk", "Anleitung"]
"""The top level of the site's nav: fixed, whatever the size of the corpus."""


def assert_golden(actual: str, golden: Path) -> None:
    """Compare with a golden file. `UPDATE_GOLDEN=1 make test` rewrites the file instead and
    skips the comparison (reported as skipped: review the diff); CI refuses that mode."""
    if UPDATE_GOLDEN:
        if os.environ.get("CI"):
            pytest.fail("UPDATE_GOLDEN=1 in CI would compare golden files with themselves; unset it")
        golden.parent.mkdir(parents=True, exist_ok=True)
        if not golden.exists() or golden.read_text(encoding="utf-8") != actual:
            golden.write_text(actual, encoding="utf-8")
            pytest.skip(f"rewrote {golden.relative_to(ROOT)}: review the diff")
    assert golden.exists(), f"missing golden file {golden}; run with UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


def article_text(title: str, date: str, body: str, **extra: str) -> str:
    front = "".join(f"{key}: {value}\n" for key, value in extra.items())
    return f"---\ntitle: {title}\ndate: {date}\n{front}---\n\n{body}"


def fixture_corpus() -> dict[str, str | bytes]:
    """The small fixture corpus (tests/fixtures/site/articles) as file name -> content."""
    return {path.name: path.read_bytes() for path in (FIXTURES / "site" / "articles").iterdir()}


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """A copy of the site's configuration with articles of the test's choosing."""

    def make(articles: dict[str, str | bytes] | None = None, *, sample: bool = True) -> Path:
        root = tmp_path / "project"
        root.mkdir()
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "config", root / "config")
        shutil.copytree(ROOT / "templates", root / "templates")
        docs = root / "docs"
        shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("articles"))
        (docs / "articles").mkdir()
        if sample:
            shutil.copy(SAMPLE_ARTICLE, docs / "articles" / SAMPLE_ARTICLE.name)
        for name, content in (articles or {}).items():
            path = docs / "articles" / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make
