"""The whole core pipeline on arbitrary Markdown: it builds or says what is wrong, and nothing it
derives from the text (quotes, mention contexts, the feed, the pages) carries Markdown's
placeholders or control characters."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.commands.synth import write_corpus
from generator.errors import GeneratorError
from generator.pipeline import build_site
from generator.settings import load_settings
from tests.conftest import ROOT

DIRTY = re.compile("[\x00-\x08\x0b-\x1f\x7f]|wzxhzdk")

FRAGMENTS = st.sampled_from(
    [
        "Arthur Mensch", "Mensch", "Mistral AI", "DeepSeek", "Yann LeCun", "Meta", "er", "sagte", "erklärte,",
        "dass", "sei", "„", "“", "\"", "«", "»", "‚", "‘", ":", ".", ",", " ", "\n", "\n\n", "## Titel\n",
        "### Unter\n", "- ", "1. ", "> ", "    ", "`", "```\n", "*", "**", "_", "[", "](x.md)", "![b](b.png)",
        "<b>", "</b>", "<span>", "</span>", "<br>", "<!--", "-->", "&", "&amp;", "&lt;", "&#169;", "&nbsp;",
        "S&D", "M&A", "[^1]", "\n[^1]: Fußnote\n", "\u00a0", "\u00ad", "\u0301", "\x01", "\x0c", "|", "---",
        "{: .x }", "<https://x.org/DeepSeek>", "\\", "#", "Er sagte: „Wir bauen offen.“",
    ]
)  # fmt: skip


def empty_project(root: Path) -> Path:
    """The site's configuration in `root`, with an empty article folder."""
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    for name in ("config", "templates"):
        shutil.copytree(ROOT / name, root / name)
    (root / "docs" / "articles").mkdir(parents=True)
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return empty_project(tmp_path_factory.mktemp("pipeline") / "project")


def derived_texts(site: object) -> list[str]:
    texts: list[str] = []
    for article in site.corpus.articles:  # type: ignore[attr-defined]
        texts += [article.meta.title]
        for quote in article.quotes:
            texts += [quote.text, quote.sentence, quote.speaker_name or ""]
        for section in article.sections:
            texts += [mention.sentence for mention in section.mentions]
    texts += [page.content for page in site.pages]  # type: ignore[attr-defined]
    return texts


@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    body=st.lists(FRAGMENTS, max_size=60).map("".join),
    title=st.lists(FRAGMENTS, min_size=1, max_size=5).map("".join),
)
def test_any_markdown_builds_or_fails_clearly(project: Path, body: str, title: str) -> None:
    article = project / "docs" / "articles" / "2025-01-01-x.md"
    quoted = title.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    article.write_text(f'---\ntitle: "{quoted}"\ndate: 2025-01-01\n---\n\n{body}\n', encoding="utf-8")
    settings_ = load_settings(project / "mkdocs.yml")
    try:
        site = build_site(type(settings_)(**{**settings_.__dict__, "cache_dir": None}))
    except GeneratorError as exc:
        assert exc.path is not None  # names the file
        return
    for text in derived_texts(site):
        assert not DIRTY.search(text), repr(text)
    feed = site.files.get("feed.xml")
    if feed:
        ElementTree.fromstring(feed.encode("utf-8"))  # well-formed XML


def test_analysis_in_worker_processes_gives_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = empty_project(tmp_path / "project")
    corpus = write_corpus(50, tmp_path / "corpus", registry_size=60)
    shutil.copytree(corpus / "articles", root / "docs" / "articles", dirs_exist_ok=True)
    shutil.copy(
        ROOT / "docs" / "articles" / "2025-03-04-open-source-motor-fuer-ki-fortschritt.md",
        root / "docs" / "articles",
    )
    shutil.copy(corpus / "entities.yml", root / "config" / "entities.yml")
    settings_ = dataclasses.replace(load_settings(root / "mkdocs.yml"), cache_dir=None)
    monkeypatch.setattr(pipeline, "POOL_FROM", 10**9)
    alone = build_site(settings_)
    monkeypatch.setattr(pipeline, "POOL_FROM", 4)
    monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda _: {0, 1})
    watch = pipeline.Stopwatch()
    pooled = build_site(settings_, watch)
    assert pooled.pages == alone.pages and pooled.blocks == alone.blocks
    assert pooled.corpus.articles == alone.corpus.articles
    assert watch.seconds["quotes"] > 0  # the workers' stage times reach the parent


def test_an_error_found_in_a_worker_names_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = empty_project(tmp_path / "project")
    articles = root / "docs" / "articles"
    for number in range(6):
        body = "## Teil\n\n<div>\noffen\n" if number == 4 else "## Teil\n\nText.\n"
        (articles / f"2025-01-0{number + 1}-a{number}.md").write_text(
            f'---\ntitle: "A{number}"\ndate: 2025-01-0{number + 1}\n---\n\n{body}', encoding="utf-8"
        )
    monkeypatch.setattr(pipeline, "POOL_FROM", 2)
    monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda _: {0, 1})
    with pytest.raises(GeneratorError) as raised:
        build_site(dataclasses.replace(load_settings(root / "mkdocs.yml"), cache_dir=None))
    assert raised.value.path == articles / "2025-01-05-a4.md" and raised.value.line == 8
