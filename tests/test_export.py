"""`export` writes the whole site as a plain MkDocs project: built without the plugin, it has
the same pages, the same links and anchors, and the same article content as the plugin build."""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.commands.cli import main
from tests.conftest import FIXTURES

pytestmark = pytest.mark.build


def link_graph(site: Path) -> dict[str, tuple[set[tuple[str, str]], set[str], str]]:
    """Per HTML page: every internal link or asset (as a site path and fragment), every id,
    and the page's <article> as HTML."""
    pages = {}
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = set()
        for element in soup.find_all(["a", "link", "img", "script"]):
            target = element.get("href") or element.get("src")
            if not target:
                continue
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                continue
            path = "/" + name
            if parts.path:
                path = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path)))
            links.add((path, parts.fragment))
        ids = {element["id"] for element in soup.find_all(id=True)}
        pages[name] = (links, ids, str(soup.find("article")))
    return pages


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The plugin build and the plain MkDocs build of the export, of the sample article and
    the fixture articles (relative links, an image, quotes, a lead), with a hook, a folder
    linked into docs/ and a draft that `exclude_docs` keeps out."""
    from tests.conftest import ROOT

    root = tmp_path_factory.mktemp("export") / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    for name in ("config", "templates", "docs"):
        shutil.copytree(ROOT / name, root / name)
    for path in (FIXTURES / "site" / "articles").iterdir():
        shutil.copy(path, root / "docs" / "articles" / path.name)
    (root / "hooks").mkdir()
    (root / "hooks" / "mark.py").write_text(
        "import helper\n\ndef on_page_content(html, page, config, files):\n    return html + helper.MARK\n",
        encoding="utf-8",
    )
    (root / "hooks" / "helper.py").write_text("MARK = '<p class=\"hooked\"></p>'\n", encoding="utf-8")
    shared = root.parent / "shared"
    shared.mkdir()
    (shared / "geteilt.md").write_text("# Geteilt\n\nAus einem verlinkten Ordner.\n", encoding="utf-8")
    (root / "docs" / "geteilt").symlink_to(shared)
    (root / "docs" / "articles" / "drafts").mkdir()
    (root / "docs" / "articles" / "drafts" / "2025-07-01-entwurf.md").write_text(
        '---\ntitle: "Geheimer Entwurf"\ndate: 2025-07-01\n---\n\nMistral AI plant etwas.\n',
        encoding="utf-8",
    )
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as handle:
        # `people/` would take the entity pages if the generated pages were not kept in.
        handle.write("hooks:\n  - hooks/mark.py\nexclude_docs: |\n  drafts/\n  people/\n")
    config = str(root / "mkdocs.yml")
    assert main(["--config", config, "build"]) == 0
    assert main(["--config", config, "export", str(root / "export")]) == 0
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "export" / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert plain.returncode == 0, plain.stderr
    return root / "site", root / "export" / "site"


def test_the_export_needs_no_plugin(builds: tuple[Path, Path]) -> None:
    config = yaml.safe_load((builds[1].parent / "mkdocs.yml").read_text(encoding="utf-8"))
    assert all("knowledge" not in entry for entry in config["plugins"])
    pages = (builds[1].parent / "docs").rglob("*.md")
    assert not any("KNBLOCK" in page.read_text(encoding="utf-8") for page in pages)


def test_same_pages_links_anchors_and_content(builds: tuple[Path, Path]) -> None:
    plugin, exported = (link_graph(site) for site in builds)
    assert sorted(plugin) == sorted(exported)
    assert len(plugin) > 20
    for page in plugin:
        assert plugin[page][0] == exported[page][0], page
        assert plugin[page][1] == exported[page][1], page
        assert plugin[page][2] == exported[page][2], page


def test_every_internal_link_of_the_export_leads_to_a_page_and_anchor(builds: tuple[Path, Path]) -> None:
    site = builds[1]
    graph = link_graph(site)
    ids = {"/" + page: found for page, (_, found, _) in graph.items()}
    for page, (links, _, _) in graph.items():
        for path, fragment in links:
            target = site / path.lstrip("/")
            assert target.exists(), (page, path)
            if target.is_dir():
                target, path = target / "index.html", path.rstrip("/") + "/index.html"
            if fragment and path.endswith(".html"):
                assert fragment in ids[path], (page, path, fragment)


def test_hooks_linked_folders_and_left_out_drafts_come_along(builds: tuple[Path, Path]) -> None:
    for site in builds:
        assert 'class="hooked"' in (site / "index.html").read_text(encoding="utf-8")
        assert (site / "people" / "arthur-mensch" / "index.html").is_file()
        assert (site / "geteilt" / "geteilt" / "index.html").is_file()
        everything = "".join(path.read_text(encoding="utf-8") for path in site.rglob("*.html"))
        everything += (site / "feed.xml").read_text(encoding="utf-8") if (site / "feed.xml").exists() else ""
        assert "Geheimer Entwurf" not in everything and "2025-07-01-entwurf" not in everything


def test_a_link_to_a_draft_is_an_error(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    (root / "docs" / "articles" / "drafts").mkdir()
    (root / "docs" / "articles" / "drafts" / "2025-07-01-geheim.md").write_text(
        '---\ntitle: "Geheim"\ndate: 2025-07-01\n---\n\nText.\n', encoding="utf-8"
    )
    (root / "docs" / "articles" / "2025-07-02-verweist.md").write_text(
        '---\ntitle: "Verweist"\ndate: 2025-07-02\n---\n\nSiehe [Entwurf](drafts/2025-07-01-geheim.md).\n',
        encoding="utf-8",
    )
    config = root / "mkdocs.yml"
    with config.open("a", encoding="utf-8") as handle:
        handle.write("exclude_docs: |\n  drafts/\n")
    assert main(["--config", str(config), "build", "--site-dir", str(root / "out")]) == 1
    err = capsys.readouterr().err
    assert "2025-07-02-verweist.md:6" in err and "which is not published" in err, err


def test_an_export_of_a_docs_folder_that_loops_is_refused(
    project: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    (root / "docs" / "bilder").mkdir()
    (root / "docs" / "bilder" / "selbst").symlink_to(root / "docs" / "bilder")
    assert main(["--config", str(root / "mkdocs.yml"), "export", str(tmp_path / "out")]) == 1
    assert "leads back to" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_any_file_name_survives_a_re_export(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    (root / "docs" / "zwei\nzeilen  und.txt").write_text("x\n", encoding="utf-8")
    for _ in range(2):
        assert main(["--config", str(root / "mkdocs.yml"), "export", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "docs" / "zwei\nzeilen  und.txt").is_file()


def test_a_nav_set_in_mkdocs_yml_is_kept(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    config = root / "mkdocs.yml"
    with config.open("a", encoding="utf-8") as handle:
        handle.write("nav:\n  - Start: index.md\n  - Anleitung: anleitung.md\n")
    assert main(["--config", str(config), "export", str(tmp_path / "out")]) == 0
    exported = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "nav" not in exported  # inherited from mkdocs.base.yml, as the plugin build keeps it


@pytest.mark.parametrize(
    ("line", "cause"),
    [
        ("use_directory_urls: false\n", "sets `use_directory_urls: false`"),
        ("plugins:\n  - offline\n  - search\n  - knowledge\n", "the `offline` plugin"),
        ("plugins:\n  - offline:\n      enabled: false\n  - search\n  - knowledge\n", None),
    ],
)
def test_no_export_without_directory_urls(
    project: Callable[..., Path],
    tmp_path: Path,
    line: str,
    cause: str | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = project()
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if line.startswith("plugins:"):
        text = text[: text.index("plugins:")] + line
    config.write_text(text + ("" if line.startswith("plugins:") else line), encoding="utf-8")
    if cause is None:  # switched off: directory URLs stay on
        assert main(["--config", str(config), "export", str(tmp_path / "out")]) == 0
        return
    assert main(["--config", str(config), "export", str(tmp_path / "out")]) == 1
    assert cause in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_mkdocs_yml_that_inherits_is_refused(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    (root / "base.yml").write_text("site_name: Basis\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text("INHERIT: base.yml\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["--config", str(config), "export", str(root / "out")]) == 1
    assert "cannot follow its `INHERIT`" in capsys.readouterr().err
