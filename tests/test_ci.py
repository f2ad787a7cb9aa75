"""A test run cannot pass by accident: no Chromium means a failure, and CI never rewrites
golden files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def run(command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env}
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False)


def test_ensure_chromium_fails_loudly_when_it_cannot_install(tmp_path: Path) -> None:
    for tool in ("id", "cat"):  # a PATH without apt-get: nothing to install with
        (tmp_path / tool).symlink_to(shutil.which(tool) or f"/usr/bin/{tool}")
    script = str(ROOT / "tests" / "browser" / "ensure-chromium")
    result = run(["/bin/bash", script], CHROMIUM="/nonexistent/chromium", PATH=str(tmp_path))
    assert result.returncode == 1
    assert "apt-get install chromium" in result.stderr


def test_browser_tests_fail_without_chromium() -> None:
    test = "tests/browser/test_navigation.py::test_home_lists_themes_and_latest_articles"
    result = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test], CHROMIUM="/nonexistent"
    )
    assert result.returncode != 0
    assert "skipped" not in result.stdout.splitlines()[-1]
    assert "/nonexistent is missing" in result.stdout


def test_ci_refuses_to_rewrite_golden_files() -> None:
    test = "tests/test_importer.py::test_source_article_matches_golden"
    result = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test], CI="1", UPDATE_GOLDEN="1"
    )
    assert result.returncode != 0
    assert "UPDATE_GOLDEN=1 in CI" in result.stdout
