"""Safe publishing: every bad input fails the build with a clear message and keeps the old site."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.commands.cli import main
from tests.conftest import ROOT, SAMPLE_ARTICLE

pytestmark = pytest.mark.build


def checksums(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the sample article, built once."""
    root = tmp_path_factory.mktemp("built") / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    for name in ("config", "templates", "docs"):
        shutil.copytree(ROOT / name, root / name)
    assert main(["--config", str(root / "mkdocs.yml"), "build"]) == 0
    return root


@pytest.fixture
def site_project(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(built, root)
    return root


def article(root: Path, name: str) -> Path:
    return root / "docs" / "articles" / name


def front(body: str = "## Abschnitt\n\nText über DeepSeek.\n", **keys: str) -> str:
    meta = {"title": "Titel", "date": "2025-05-01", **keys}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items() if v) + "---\n\n" + body


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def replace_in(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def escaping_link(root: Path) -> Path:
    outside = write(root / "elsewhere.md", front())
    link = article(root, "2025-05-01-link.md")
    link.symlink_to(outside)
    return link


def self_link(path: Path) -> Path:
    path.symlink_to(path.name)
    return path


def up_link(path: Path) -> Path:
    path.symlink_to("..", target_is_directory=True)
    return path


def folder(path: Path) -> Path:
    path.mkdir()
    return path


def dangling(path: Path) -> Path:
    path.symlink_to(path.with_name("weg.png"))
    return path


def outside_loop(root: Path) -> Path:
    outside = root.parent / "aussen"
    outside.mkdir()
    (root / "docs" / "articles" / "ext").symlink_to(outside, target_is_directory=True)
    (outside / "back").symlink_to(root / "docs", target_is_directory=True)
    return root / "docs" / "articles" / "ext" / "back"


def pipe(path: Path) -> Path:
    os.mkfifo(path)
    return path


# Each case breaks the project and returns (file the message must name, line or None, words).
CASES: dict[str, Callable[[Path], tuple[Path, int | None, str]]] = {
    "malformed YAML front matter": lambda r: (
        write(article(r, "2025-05-01-a.md"), "---\ntitle: [kaputt\ndate: 2025-05-01\n---\n"),
        3,
        "invalid YAML",
    ),
    "no front matter": lambda r: (
        write(article(r, "2025-05-01-a.md"), "Nur Text.\n"),
        1,
        "no YAML front matter",
    ),
    "missing title": lambda r: (
        write(article(r, "2025-05-01-a.md"), front(title="")),
        2,
        "`title` is missing",
    ),
    "invalid date": lambda r: (write(article(r, "2025-05-01-a.md"), front(date="1.5.2025")), 3, "YYYY-MM-DD"),
    "unknown theme override": lambda r: (
        write(article(r, "2025-05-01-a.md"), front("## A\n<!-- theme: sport -->\nText.\n")),
        7,
        "unknown theme `sport`",
    ),
    "two articles with the same slug": lambda r: (
        write(article(r, "2025/2025-05-01-a.md"), front())
        and write(article(r, "2024/2025-05-01-a.md"), front()),
        None,
        "same file name",
    ),
    "non-UTF-8 file": lambda r: (
        write(article(r, "2025-05-01-a.md"), front("Gr\xfc\xdfe\n").encode("latin-1")),
        6,
        "not valid UTF-8",
    ),
    "binary file": lambda r: (
        write(article(r, "2025-05-01-a.md"), b"\x89PNG\r\n\x1a\n\0\0\0"),
        None,
        "binary",
    ),
    "empty file": lambda r: (write(article(r, "2025-05-01-a.md"), ""), None, "empty"),
    "alias claimed twice": lambda r: (
        replace_in(r / "config" / "entities.yml", "aliases: [NVIDIA]", "aliases: [NVIDIA, Mistral]"),
        None,
        "`Mistral` is claimed by",
    ),
    "affiliation to a missing entity": lambda r: (
        replace_in(r / "config" / "entities.yml", "affiliation: Modulus", "affiliation: Modulos"),
        None,
        "affiliation `Modulos` is not in the registry",
    ),
    "template error": lambda r: (
        replace_in(r / "templates" / "theme.md.j2", "{% for ref in refs %}", "{% for ref in refs %"),
        None,
        "template error",
    ),
    "file escaping the article folder": lambda r: (escaping_link(r), None, "outside the article folder"),
    "a date after 2100 (a typo)": lambda r: (
        write(article(r, "2025-05-01-a.md"), front(date="2205-05-01")),
        3,
        "lies after 2100",
    ),
    "an article linking to itself": lambda r: (
        self_link(article(r, "2025-05-01-a.md")),
        None,
        "leads nowhere",
    ),
    "a folder link back up": lambda r: (
        up_link(r / "docs" / "articles" / "sub"),
        None,
        "a folder that contains it",
    ),
    "a folder named like an article": lambda r: (folder(article(r, "2025-05-01-a.md")), None, "not a file"),
    "a pipe named like an article": lambda r: (pipe(article(r, "2025-05-01-a.md")), None, "not a file"),
    "an article ending in .markdown": lambda r: (
        write(article(r, "2025-05-01-a.markdown"), front()),
        None,
        "articles end in `.md`",
    ),
    "an entity named Index": lambda r: (
        replace_in(
            r / "config" / "entities.yml", "entities:\n", "entities:\n  - name: Index\n    type: company\n"
        ),
        26,
        "the index of all Unternehmen",
    ),
    "a theme with the key index": lambda r: (
        replace_in(r / "config" / "themes.yml", "key: open-source-vorteile", "key: index"),
        19,
        "not `index`",
    ),
    "an entity type in the guide's folder": lambda r: (
        replace_in(r / "config" / "entities.yml", "folder: companies", "folder: anleitung")
        and r / "docs" / "anleitung.md",
        None,
        "both be published at /anleitung/",
    ),
    "an entity type in the quote index's folder": lambda r: (
        replace_in(r / "config" / "entities.yml", "folder: companies", "folder: quotes"),
        22,
        "none of",
    ),
    "an infinite heading weight": lambda r: (
        replace_in(r / "config" / "themes.yml", "heading_weight: 3", "heading_weight: .inf"),
        16,
        "from 0 to 1000",
    ),
    "a number of 5,000 digits": lambda r: (
        write(article(r, "2025-05-01-a.md"), front(title="1" * 5000)),
        2,
        "cannot be read as int",
    ),
    "a value its tag cannot hold": lambda r: (
        write(article(r, "2025-05-01-a.md"), front(title="!!bool vielleicht")),
        2,
        "cannot be read as bool",
    ),
    "U+FFFF in the body": lambda r: (
        write(article(r, "2025-05-01-a.md"), front("Text\uffff.\n")),
        6,
        "U+FFFF",
    ),
    "deep nesting in the home page's intro": lambda r: (
        write(r / "docs" / "index.md", "- " * 3000 + "x\n"),
        None,
        "nested too deeply",
    ),
    "deep emphasis in the guide": lambda r: (
        write(r / "docs" / "anleitung.md", "*" * 3000 + "x" + "*" * 3000 + "\n"),
        None,
        "nested too deeply",
    ),
    "an unclosed div in a section": lambda r: (
        write(article(r, "2025-05-01-a.md"), front('## A\n\n<div class="box">\nText.\n\n## B\n\nMehr.\n')),
        8,
        "<div> opened on this line is not closed",
    ),
    "an unset !ENV folder": lambda r: (
        replace_in(r / "mkdocs.yml", "docs_dir: docs", "docs_dir: !ENV [KNOWLEDGE_UNSET_DOCS]"),
        None,
        "`docs_dir` must name a folder",
    ),
    "a link to an article that does not exist": lambda r: (
        write(article(r, "2025-05-01-a.md"), front("## A\n\nSiehe [dort](nope.md).\n")),
        8,
        "leads to articles/nope.md, which does not exist",
    ),
    "an image that does not exist": lambda r: (
        write(article(r, "2025-05-01-a.md"), front("## A\n\nText.\n\n![Bild](bild.png)\n")),
        10,
        "leads to articles/bild.png, which does not exist",
    ),
    "a link to an anchor that is not there": lambda r: (
        write(article(r, "2025-05-01-a.md"), front("## A\n\n[oben](#gibtsnicht)\n")),
        8,
        "points to #gibtsnicht",
    ),
    "a link out of the docs folder": lambda r: (
        write(article(r, "2025-05-01-a.md"), front("## A\n\n[x](../../mkdocs.yml)\n")),
        8,
        "leads out of the docs folder",
    ),
    "a hand-written file where the feed goes": lambda r: (
        write(r / "docs" / "feed.xml", "<feed/>"),
        None,
        "would silently replace this file",
    ),
    "a guide that is not UTF-8": lambda r: (
        write(r / "docs" / "anleitung.md", b"Gr\xfc\xdfe\n"),
        None,
        "not valid UTF-8",
    ),
    "a link in docs that leads nowhere": lambda r: (
        dangling(r / "docs" / "articles" / "bild.png"),
        None,
        "this link leads nowhere",
    ),
    "a pipe named like a page": lambda r: (pipe(r / "docs" / "extra.md"), None, "not a file but a pipe"),
    "a folder loop through a folder outside docs": lambda r: (outside_loop(r), None, "leads back to"),
    "a textarea left open in a paragraph": lambda r: (
        write(article(r, "2025-05-01-a.md"), front("## A\n\nFormular: <textarea> Ihr Kommentar\n")),
        8,
        "the <textarea> opened here is not closed",
    ),
    "a div closed only inside a comment": lambda r: (
        write(article(r, "2025-05-01-a.md"), front("## A\n\n<div class='x'>\nText\n<!-- </div> -->\n")),
        8,
        "the <div> opened here is not closed",
    ),
    "a control character in site_name": lambda r: (
        replace_in(r / "mkdocs.yml", "site_name: Open-Source-KI – Wissensseite", 'site_name: "Wissen\\x01"'),
        None,
        "`site_name` contains the control character U+0001",
    ),
    "20 MB article": lambda r: (
        write(article(r, "2025-05-01-a.md"), front("Wort " * 4_000_000)),
        None,
        "at most 5 MB",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_clearly_and_keeps_the_previous_site(
    case: str, site_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = checksums(site_project / "site")
    path, line, words = CASES[case](site_project)
    code = main(["--config", str(site_project / "mkdocs.yml"), "build"])
    err = capsys.readouterr().err
    assert code != 0
    location = f"{path}:{line}:" if line else str(path)
    assert location in err, err
    assert words in err, err
    assert checksums(site_project / "site") == before
    assert not list(site_project.glob(".site-build-*")), "scratch folder left behind"


def test_bom_and_crlf_build(site_project: Path) -> None:
    text = front("## Abschnitt\n\nText über DeepSeek.\n").replace("\n", "\r\n")
    write(article(site_project, "2025-05-01-bom.md"), "\ufeff" + text)
    assert main(["--config", str(site_project / "mkdocs.yml"), "build"]) == 0
    assert (site_project / "site" / "articles" / "2025-05-01-bom" / "index.html").exists()


def test_articles_in_sub_folders_keep_their_links(site_project: Path) -> None:
    write(
        article(site_project, "2025/bild.png"), (ROOT / "tests/fixtures/site/articles/logo.png").read_bytes()
    )
    body = (
        "## Abschnitt\n\nDeepSeek, siehe ![Bild](bild.png) und [den Beitrag](../"
        + SAMPLE_ARTICLE.name
        + ").\n"
    )
    write(article(site_project, "2025/2025-05-01-unterordner.md"), front(body))
    assert main(["--config", str(site_project / "mkdocs.yml"), "build"]) == 0
    page = (site_project / "site" / "articles" / "2025-05-01-unterordner" / "index.html").read_text("utf-8")
    # Section HTML is rendered once for every page: its links go up to the site root.
    assert 'src="../../articles/2025/bild.png"' in page
    assert f'href="../../articles/{SAMPLE_ARTICLE.stem}/"' in page


def test_no_feed_is_announced_without_a_site_url(site_project: Path) -> None:
    config = site_project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if not line.startswith("site_url:")), encoding="utf-8")
    assert main(["--config", str(config), "build"]) == 0
    assert not (site_project / "site" / "feed.xml").exists()
    assert "feed.xml" not in (site_project / "site" / "index.html").read_text(encoding="utf-8")


def test_build_never_changes_editors_files(site_project: Path) -> None:
    before = {name: checksums(site_project / name) for name in ("docs", "config", "templates")}
    assert main(["--config", str(site_project / "mkdocs.yml"), "build"]) == 0
    assert {name: checksums(site_project / name) for name in before} == before


def test_two_builds_are_byte_identical(site_project: Path, tmp_path: Path) -> None:
    """Each build in its own process with its own hash seed: set and dict order, object ids and
    anything else that differs between processes must not reach the output."""
    config = str(site_project / "mkdocs.yml")
    for name, seed in (("one", "1"), ("two", "2")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        env.pop("SOURCE_DATE_EPOCH", None)
        command = [
            sys.executable,
            "-m",
            "generator",
            "--config",
            config,
            "build",
            "--site-dir",
            str(tmp_path / name),
        ]
        subprocess.run(command, env=env, check=True, capture_output=True)
        shutil.rmtree(site_project / ".cache")  # each build analyses from scratch
    one, two = checksums(tmp_path / "one"), checksums(tmp_path / "two")
    assert one == two
    assert "sitemap.xml.gz" in one and "search/search_index.json" in one


def test_the_build_date_is_the_newest_articles_date(
    site_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    newest = site_project / "docs" / "articles" / "2031-07-09-neu.md"
    newest.write_text("---\ntitle: Neu\ndate: 2031-07-09\n---\n\nText.\n", encoding="utf-8")
    assert main(["--config", str(site_project / "mkdocs.yml"), "build"]) == 0
    # gzip keeps its mtime in bytes 4-8; MkDocs takes it from SOURCE_DATE_EPOCH.
    header = (site_project / "site" / "sitemap.xml.gz").read_bytes()[4:8]
    assert int.from_bytes(header, "little") == 1941321600  # 2031-07-09T00:00:00Z
    assert "SOURCE_DATE_EPOCH" not in os.environ  # the build removed what it set


def test_the_build_date_does_not_stick_to_the_process(
    site_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs keeps plugin instances from one configuration to the next in one process."""
    from generator.adapters.publish import publish

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    config_file = site_project / "mkdocs.yml"
    publish(config_file, site_project / "site")
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    publish(config_file, site_project / "site")
    header = (site_project / "site" / "sitemap.xml.gz").read_bytes()[4:8]
    assert int.from_bytes(header, "little") == 86400  # the caller's date wins
    assert os.environ["SOURCE_DATE_EPOCH"] == "86400"


def test_new_article_title_cannot_leave_the_article_folder(site_project: Path) -> None:
    config = str(site_project / "mkdocs.yml")
    assert main(["--config", config, "new", "../../../tmp/böse Datei", "--date", "2025-05-02"]) == 0
    created = article(site_project, "2025-05-02-tmp-boese-datei.md")
    assert created.exists()
    assert main(["--config", config, "build"]) == 0
    assert main(["--config", config, "new", "../../../tmp/böse Datei", "--date", "2025-05-02"]) == 1
