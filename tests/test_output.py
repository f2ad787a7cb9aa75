"""Output folders: `build` and `export` never write into the sources, and a killed build leaves
nothing that the next build keeps."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.adapters.output import remove_stale_scratch
from generator.commands.cli import main
from tests.conftest import ROOT
from tests.test_publish import checksums

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("output") / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    for name in ("config", "templates", "docs"):
        shutil.copytree(ROOT / name, root / name)
    assert main(["--config", str(root / "mkdocs.yml"), "build"]) == 0
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "work" / "project"
    shutil.copytree(built, root)
    (root / "notes").mkdir()
    (root / "notes" / "todo.txt").write_text("meine Notizen\n", encoding="utf-8")
    return root


def everything(folder: Path) -> dict[str, str]:
    return checksums(folder)


REFUSED = {
    "docs": "is the docs folder",
    "docs/articles": "is the articles folder",
    "docs/articles/2025": "lies inside the docs folder",
    "docs/stylesheets": "lies inside the docs folder",
    ".": "is the project folder",
    "..": "contains the project folder",
    "config": "is the folder of the theme file",
    "config/export": "lies inside the folder of the theme file",
    "config/themes.yml": "is the theme file",
    "config/entities.yml": "is the registry",
    "templates": "is the templates folder",
    "templates/overrides": "lies inside the templates folder",
    "mkdocs.yml": "is mkdocs.yml",
    "notes": "not an earlier output",
    "notes/todo.txt/out": "notes/todo.txt is a file, not a folder",
    ".git": "inside a Git repository's own folder",
}


@pytest.mark.parametrize("command", ["build", "export"])
@pytest.mark.parametrize("target", sorted(REFUSED))
def test_targets_holding_sources_are_refused_before_anything_changes(
    project: Path, command: str, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = everything(project.parent)
    args = ["--config", str(project / "mkdocs.yml"), command]
    args += ["--site-dir", str(project / target)] if command == "build" else [str(project / target)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert REFUSED[target] in err and "Nothing was changed" in err, err
    assert everything(project.parent) == before
    assert not list(project.rglob(".site-build-*"))


def test_a_symlink_to_the_sources_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "out").symlink_to(project / "docs")
    before = everything(project / "docs")
    assert main(["--config", str(project / "mkdocs.yml"), "export", str(project / "out")]) == 1
    assert "is the docs folder" in capsys.readouterr().err
    assert everything(project / "docs") == before


def test_build_replaces_an_earlier_site_and_fills_new_or_empty_folders(project: Path, tmp_path: Path) -> None:
    config = str(project / "mkdocs.yml")
    (project / "site" / "stale.html").write_text("alt", encoding="utf-8")
    assert main(["--config", config, "build"]) == 0
    assert not (project / "site" / "stale.html").exists()
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "empty", tmp_path / "new" / "nested"):
        assert main(["--config", config, "build", "--site-dir", str(folder)]) == 0
        assert (folder / "index.html").is_file()


def test_export_replaces_an_earlier_export_and_the_site_built_from_it(project: Path, tmp_path: Path) -> None:
    config = str(project / "mkdocs.yml")
    out = tmp_path / "export"
    assert main(["--config", config, "export", str(out)]) == 0
    assert main(["--config", config, "build", "--site-dir", str(out / "site")]) == 0
    (out / "docs" / "index.md").unlink()  # what the export wrote may go missing
    assert main(["--config", config, "export", str(out)]) == 0
    assert (out / "docs" / "index.md").is_file() and (out / "mkdocs.yml").is_file()
    assert not (out / "site").exists()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("docs/notes.md", "docs/notes.md was not written by the last export"),
        ("docs/index.md", "docs/index.md was changed since the last export"),
        (".git/HEAD", ".git/HEAD was not written by the last export"),
        ("site/index.md", "site/ is no site MkDocs built"),
        (".knowledge-export", "was not written by the last export"),  # an older version's marker
    ],
)
def test_an_export_that_holds_anyone_elses_work_is_never_replaced(
    project: Path, tmp_path: Path, change: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(project / "mkdocs.yml")
    out = tmp_path / "export"
    assert main(["--config", config, "export", str(out)]) == 0
    (out / change).parent.mkdir(parents=True, exist_ok=True)
    if change == ".knowledge-export":  # the marker of an older version lists no files
        (out / change).write_text("written by `python -m generator export`\n", encoding="utf-8")
    else:
        with (out / change).open("a", encoding="utf-8") as handle:
            handle.write("meins\n")
    before = everything(out)
    assert main(["--config", config, "export", str(out)]) == 1
    err = capsys.readouterr().err
    assert reason in err and "Nothing was changed" in err, err
    assert everything(out) == before


def test_an_export_inside_the_site_folder_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = everything(project / "site")
    assert main(["--config", str(project / "mkdocs.yml"), "export", str(project / "site" / "export")]) == 1
    assert "lies inside the site folder" in capsys.readouterr().err
    assert everything(project / "site") == before


@pytest.mark.parametrize(
    "kept", ["sub/.git/HEAD", "sub/mkdocs.yml", "sub/mkdocs.yaml", "notes/todo.md", "notes/todo.markdown"]
)
def test_a_site_holding_a_project_at_any_depth_is_never_replaced(
    project: Path, kept: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "site" / kept).parent.mkdir(parents=True)
    (project / "site" / kept).write_text("meins\n", encoding="utf-8")
    before = everything(project / "site")
    assert main(["--config", str(project / "mkdocs.yml"), "build"]) == 1
    assert f"{kept} is nothing MkDocs writes into a site" in capsys.readouterr().err
    assert everything(project / "site") == before


def test_only_our_own_scratch_folders_are_removed(project: Path, tmp_path: Path) -> None:
    mine = tmp_path / ".site-build-mine"  # named like scratch, but no lock: someone else's
    mine.mkdir()
    (mine / "notes.txt").write_text("wichtig\n", encoding="utf-8")
    assert main(["--config", str(project / "mkdocs.yml"), "export", str(tmp_path / "export")]) == 0
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "wichtig\n"
    assert [p.name for p in tmp_path.glob(".site-build-*")] == [mine.name]


def test_a_killed_build_leaves_scratch_that_the_next_build_removes(project: Path) -> None:
    site_before = everything(project / "site")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--config", str(project / "mkdocs.yml"), "build"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not [p for p in project.glob(".site-build-*") if p.is_dir() and any(p.iterdir())]:
        assert process.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert [p for p in project.glob(".site-build-*") if p.is_dir()], "nothing left to clean up"
    assert everything(project / "site") == site_before
    assert main(["--config", str(project / "mkdocs.yml"), "build"]) == 0
    assert not list(project.glob(".site-build-*"))
    assert (project / "site" / "index.html").is_file()


def test_scratch_of_a_running_build_is_kept(tmp_path: Path) -> None:
    running, killed = tmp_path / ".site-build-running", tmp_path / ".site-build-killed"
    for folder in (running, killed):
        folder.mkdir()
        folder.with_name(folder.name + ".lock").touch()
    with (tmp_path / ".site-build-running.lock").open() as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        remove_stale_scratch(tmp_path)
    assert running.is_dir()
    assert not killed.exists() and not killed.with_name(killed.name + ".lock").exists()


def test_a_folder_with_a_404_page_is_no_earlier_site(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overrides = project / "overrides"
    overrides.mkdir()
    (overrides / "404.html").write_text("{% extends 'main.html' %}", encoding="utf-8")
    (overrides / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    before = everything(overrides)
    assert main(["--config", str(project / "mkdocs.yml"), "build", "--site-dir", str(overrides)]) == 1
    assert "not an earlier output" in capsys.readouterr().err
    assert everything(overrides) == before
