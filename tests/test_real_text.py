"""Real published text, imported as editors import it and built as `make site` builds it:
25 press releases of companies, ministries and the EU (../shared/corpus), with ampersands
("S&D", "AI & Data Summit"), typographic quotes and long paragraphs."""

from __future__ import annotations

import datetime as dt
import html
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from generator.commands.cli import main
from tests.conftest import CORPUS, ROOT, needs_corpus

pytestmark = [pytest.mark.build, needs_corpus]
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert CORPUS is not None
    root = tmp_path_factory.mktemp("real") / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    for name in ("config", "templates", "docs"):
        shutil.copytree(ROOT / name, root / name)
    labels = yaml.safe_load((CORPUS / "quotes.yaml").read_text(encoding="utf-8"))["articles"]
    config = str(root / "mkdocs.yml")
    for name, meta in labels.items():
        date = dt.date.fromisoformat(str(meta["date"]))
        args = ["--config", config, "import", str(CORPUS / "articles" / name), "--date", str(date)]
        assert main([*args, "--lang", meta["lang"]]) == 0
    assert main(["--config", config, "build"]) == 0
    return root / "site"


def test_every_page_reads_as_written(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "wzxhzdk" not in html and "\x02" not in html, page


def test_feed_carries_ampersands_as_text(real_site: Path) -> None:
    feed = ElementTree.parse(real_site / "feed.xml").getroot()
    summaries = [
        entry.findtext("atom:summary", namespaces=ATOM) or "" for entry in feed.findall("atom:entry", ATOM)
    ]
    # The summary is HTML (Atom's type="html"): a reader shows its text.
    assert any("(S&D, IMCO)" in html.unescape(summary) for summary in summaries), summaries
