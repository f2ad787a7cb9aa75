"""The way off MkDocs 1.x: ProperDocs, the maintained drop-in fork, builds the sample site with
the knowledge plugin (it runs `mkdocs.plugins` entry points), strictly, with the same pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands.cli import main
from tests.conftest import ROOT

pytestmark = pytest.mark.build
PROPERDOCS = Path(sys.executable).with_name("properdocs")


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_pages(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    for name in ("config", "templates", "docs"):
        shutil.copytree(ROOT / name, root / name)
    assert main(["--config", str(root / "mkdocs.yml"), "build"]) == 0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [
            str(PROPERDOCS),
            "build",
            "--strict",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(tmp_path / "proper"),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    mkdocs_pages, proper_pages = files(root / "site"), files(tmp_path / "proper")
    assert proper_pages == mkdocs_pages
    assert {p for p in proper_pages if p.endswith(".html")} >= {
        "index.html",
        "quotes/index.html",
        "people/arthur-mensch/index.html",
        "articles/2025-03-04-open-source-motor-fuer-ki-fortschritt/index.html",
    }
