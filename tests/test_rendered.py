"""Rendered pages reused from the last build (under `mkdocs serve`, and a warm `mkdocs build`):
only the pages an edit changed are rendered, and the site is byte for byte what rendering
every page writes."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.adapters.plugin import KnowledgePlugin
from generator.adapters.rendered import DiskStore, MemoryStore
from tests.conftest import article_text, fixture_corpus

pytestmark = pytest.mark.build

SERVE_URL = "http://127.0.0.1:8000/"


class Serve:
    """Builds a project as `mkdocs serve` does: the config loaded again for every build, the
    plugin kept from build to build (MkDocs keeps plugins that have `on_startup`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.plugin: KnowledgePlugin | None = None
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "served"))
        config.plugins.on_startup(command="serve", dirty=False)
        plugin = config.plugins["knowledge"]
        assert isinstance(plugin, KnowledgePlugin) and plugin.kept_pages is not None
        self.plugin = plugin

    def build(self, site: str = "served", *, strict: bool = False) -> Path:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.root / site), strict=strict)
        config.site_url = SERVE_URL
        assert config.plugins["knowledge"] is self.plugin
        build(config, serve_url=SERVE_URL)
        return self.root / site

    def build_everything(self, site: str = "full") -> Path:
        """The same build with nothing to reuse: what the preview must equal."""
        assert self.plugin is not None
        forget_rendered(self.root)
        self.plugin.kept_pages = MemoryStore()
        built = self.build(site)
        assert self.reused == {"bodies": 0, "outputs": 0}
        return built

    @property
    def reused(self) -> dict[str, int]:
        assert self.plugin is not None and self.plugin.rendered is not None
        return self.plugin.rendered.reused

    def stop(self) -> None:
        if self.plugin is not None:
            self.plugin.on_shutdown()


@pytest.fixture
def serve(project: Callable[..., Path]) -> Iterator[Callable[..., Serve]]:
    started: list[Serve] = []

    def start(articles: dict[str, str | bytes] | None = None) -> Serve:
        started.append(Serve(project(articles if articles is not None else fixture_corpus())))
        return started[-1]

    yield start
    for server in started:  # the plugin instance outlives the test (MkDocs keeps it)
        server.stop()


def forget_rendered(root: Path) -> None:
    (root / ".cache" / "knowledge" / "pages.sqlite").unlink(missing_ok=True)


def contents(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "pagefind" not in path.relative_to(folder).parts
    }


def assert_same_site(preview: Path, full: Path) -> None:
    built, expected = contents(preview), contents(full)
    assert sorted(built) == sorted(expected)
    different = [name for name in expected if built[name] != expected[name]]
    assert different == []


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_an_edit_rerenders_what_it_touched_and_equals_a_full_build(serve: Callable[..., Serve]) -> None:
    server = serve()
    first = server.build()
    assert server.reused == {"bodies": 0, "outputs": 0}
    pages = len(list(first.rglob("*.html")))
    article = sorted((server.root / "docs" / "articles").glob("2025-02-10-*.md"))[0]
    append(article, "\n„Das ändert alles“, sagte Arthur Mensch am Freitag über Hugging Face.\n")
    served = server.build()
    # The article, its theme page, the pages of Mensch and Hugging Face, the quotes page and
    # the indexes are rendered again; most pages are not.
    assert 0 < server.reused["outputs"] < pages - 5
    assert server.reused["bodies"] >= server.reused["outputs"]
    person = served / "people" / "arthur-mensch" / "index.html"
    assert "Das ändert alles" in person.read_text(encoding="utf-8")
    assert_same_site(served, server.build_everything())


def test_unchanged_sources_reuse_every_page(serve: Callable[..., Serve]) -> None:
    server = serve()
    server.build()
    served = server.build()
    assert server.reused["outputs"] == server.reused["bodies"] > 10
    assert_same_site(served, server.build_everything())


def test_a_new_article_and_a_registry_entry_equal_a_full_build(
    serve: Callable[..., Serve],
) -> None:
    server = serve()
    server.build()
    (server.root / "docs" / "articles" / "2025-04-01-neu.md").write_text(
        article_text("Neu", "2025-04-01", "## Neu\n\nMistral AI und DeepSeek arbeiten zusammen.\n"),
        encoding="utf-8",
    )
    served = server.build()
    # The pages that neither show the new article nor link to it keep their bodies (the
    # other articles, the guide, the entities it does not name: 12 of 28 here).
    assert server.reused["bodies"] >= 10
    assert_same_site(served, server.build_everything())
    registry = server.root / "config" / "entities.yml"
    append(registry, "\n  - name: Ganz Neu AG\n    type: company\n")
    append(server.root / "docs" / "articles" / "2025-04-01-neu.md", "\nDie Ganz Neu AG staunt.\n")
    served = server.build()
    assert (served / "companies" / "ganz-neu-ag" / "index.html").is_file()
    assert_same_site(served, server.build_everything())


def test_a_page_is_rendered_again_when_a_file_it_links_to_comes_or_goes(
    serve: Callable[..., Serve], caplog: pytest.LogCaptureFixture
) -> None:
    server = serve()
    docs = server.root / "docs"
    (docs / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (docs / "verweise.md").write_text("# Verweise\n\n[Ein Bild](bild.png)\n", encoding="utf-8")
    first = server.build()
    assert 'href="../bild.png"' in (first / "verweise" / "index.html").read_text(encoding="utf-8")
    (docs / "bild.png").unlink()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        served = server.build()
    assert "bild.png" in caplog.text  # MkDocs warns about the link again
    assert 'href="bild.png"' in (served / "verweise" / "index.html").read_text(encoding="utf-8")
    assert server.reused["bodies"] > 10  # the other pages did not link to it
    assert_same_site(served, server.build_everything())
    (docs / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    served = server.build()
    assert 'href="../bild.png"' in (served / "verweise" / "index.html").read_text(encoding="utf-8")
    assert_same_site(served, server.build_everything())


def test_what_the_nav_shows_of_other_pages_and_the_validation_levels_count(
    serve: Callable[..., Serve], caplog: pytest.LogCaptureFixture
) -> None:
    server = serve()
    server.build()
    guide = server.root / "docs" / "anleitung.md"
    guide.write_text(
        "---\nsubtitle: Für die Redaktion\nstatus: new\n---\n" + guide.read_text(encoding="utf-8")
    )
    served = server.build()
    assert "Für die Redaktion" in (served / "index.html").read_text(encoding="utf-8")
    assert_same_site(served, server.build_everything())
    append(guide, "\nSiehe [weg](gibt-es-nicht.md).\n")
    config_file = server.root / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text + "\nvalidation:\n  links:\n    not_found: info\n", encoding="utf-8")
    server.build()
    config_file.write_text(text + "\nvalidation:\n  links:\n    not_found: warn\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        server.build()
    assert "gibt-es-nicht.md" in caplog.text  # the stricter level warns again


@pytest.mark.parametrize("level", [logging.ERROR, logging.DEBUG], ids=["quiet", "verbose"])
def test_a_quiet_or_verbose_build_keeps_nothing(project: Callable[..., Path], level: int) -> None:
    # `-q` drops warnings before the plugin sees them; `-v` leaves links to anchors unchecked.
    root = project(fixture_corpus())
    logger = logging.getLogger("mkdocs")
    before = logger.level
    logger.setLevel(level)
    try:
        warm_build(root, "odd")
    finally:
        logger.setLevel(before)
    assert warm_build(root, "normal") == {"bodies": 0, "outputs": 0}


def test_a_changed_theme_template_renders_every_page_again(serve: Callable[..., Serve]) -> None:
    server = serve()
    server.build()
    append(server.root / "templates" / "overrides" / "main.html", "\n{# geändert #}\n")
    served = server.build()
    assert server.reused["outputs"] == 0
    assert_same_site(served, server.build_everything())


def test_a_page_that_warned_is_rendered_again_so_strict_serve_keeps_failing(
    serve: Callable[..., Serve], caplog: pytest.LogCaptureFixture
) -> None:
    server = serve()
    append(server.root / "docs" / "anleitung.md", "\nSiehe [fehlt](gibt-es-nicht.md).\n")
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort, match="warning"):
            server.build(strict=True)
        assert any("gibt-es-nicht.md" in record.getMessage() for record in caplog.records)


def test_without_a_cache_the_preview_keeps_its_pages_in_memory(serve: Callable[..., Serve]) -> None:
    server = serve()
    config = server.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - knowledge:\n", "  - knowledge:\n      cache: false\n")
    )
    server.build()
    assert not (server.root / ".cache").exists()
    append(sorted((server.root / "docs" / "articles").glob("2025-02-10-*.md"))[0], "\nNoch ein Satz.\n")
    served = server.build()
    assert server.reused["outputs"] > 10
    assert_same_site(served, server.build_everything())


def warm_build(root: Path, site: str) -> dict[str, int]:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / site), strict=True)
    build(config)
    plugin = config.plugins["knowledge"]
    assert isinstance(plugin, KnowledgePlugin) and plugin.rendered is not None
    return plugin.rendered.reused


def test_a_warm_build_takes_unchanged_pages_from_the_cache_and_equals_a_cold_one(
    project: Callable[..., Path],
) -> None:
    root = project(fixture_corpus())
    assert warm_build(root, "cold") == {"bodies": 0, "outputs": 0}
    assert (root / ".cache" / "knowledge" / "pages.sqlite").is_file()
    reused = warm_build(root, "warm")
    assert reused["outputs"] == reused["bodies"] == len(list((root / "warm").rglob("*.html"))) - 1  # 404.html
    assert_same_site(root / "warm", root / "cold")
    append(
        sorted((root / "docs" / "articles").glob("2025-02-10-*.md"))[0], "\nNoch ein Satz über DeepSeek.\n"
    )
    reused = warm_build(root, "edited")
    forget_rendered(root)
    assert warm_build(root, "edited-cold") == {"bodies": 0, "outputs": 0}
    assert reused["outputs"] > 0
    assert_same_site(root / "edited", root / "edited-cold")


def test_a_damaged_cache_file_is_started_anew(project: Callable[..., Path]) -> None:
    root = project(fixture_corpus())
    store = root / ".cache" / "knowledge" / "pages.sqlite"
    store.parent.mkdir(parents=True)
    store.write_bytes(b"not a database" * 100)
    assert warm_build(root, "site") == {"bodies": 0, "outputs": 0}
    assert warm_build(root, "again")["outputs"] > 10


def test_a_cache_that_cannot_be_opened_fails_the_build_saying_what_to_do(
    project: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = project(fixture_corpus())
    (root / ".cache" / "knowledge" / "pages.sqlite").mkdir(parents=True)  # a folder in the way
    with pytest.raises(Abort):
        warm_build(root, "site")
    assert "pages.sqlite: cannot use the cache of rendered pages" in caplog.text
    assert "`cache: false`" in caplog.text


def test_a_build_reads_the_store_as_it_was_when_it_began(tmp_path: Path) -> None:
    file = tmp_path / "pages.sqlite"
    first = DiskStore(file)
    first.open()
    first.keep({b"k": "eine Seite"}, set(), "s")
    reading, pruning = DiskStore(file), DiskStore(file)
    reading.open()  # a build begins
    pruning.open()
    pruning.keep({b"other": "andere Seite"}, set(), "s")  # another build ends and drops b"k"
    pruning.close()
    assert reading.has(b"k") and reading.get(b"k") == "eine Seite"
    reading.close()
    reading.open()  # the next build sees what the other kept
    assert not reading.has(b"k") and reading.get(b"other") == "andere Seite"
    reading.close()


def test_serving_between_two_builds_leaves_the_builds_pages_in_the_cache(serve: Callable[..., Serve]) -> None:
    server = serve()
    assert warm_build(server.root, "site") == {"bodies": 0, "outputs": 0}
    server.build()  # another address (the server's): other pages, kept beside the build's
    server.build()
    assert server.reused["outputs"] > 10
    reused = warm_build(server.root, "site")
    assert reused["outputs"] == reused["bodies"] > 10


def test_a_store_of_another_layout_is_emptied(tmp_path: Path) -> None:
    import sqlite3

    file = tmp_path / "pages.sqlite"
    with sqlite3.connect(file) as old:
        old.execute("CREATE TABLE pages (key BLOB PRIMARY KEY, value BLOB NOT NULL)")
        old.execute("INSERT INTO pages VALUES (x'01', x'02')")
    old.close()
    store = DiskStore(file)
    store.open()
    assert not store.has(b"\x01")
    store.keep({b"k": "Seite"}, set(), "s")
    store.close()
    store.open()
    assert store.get(b"k") == "Seite"
    store.close()


def test_a_value_from_the_environment_is_part_of_every_page(
    project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(fixture_corpus())
    config = root / "mkdocs.yml"
    # The footer's copyright line: in every page's template, in no page's Markdown.
    config.write_text(config.read_text(encoding="utf-8") + '\ncopyright: !ENV [KN_COPYRIGHT, "Vorgabe"]\n')
    monkeypatch.setenv("KN_COPYRIGHT", "Erste Redaktion")
    warm_build(root, "first")
    monkeypatch.setenv("KN_COPYRIGHT", "Zweite Redaktion")
    reused = warm_build(root, "second")
    assert reused["outputs"] == 0
    page = (root / "second" / "people" / "arthur-mensch" / "index.html").read_text(encoding="utf-8")
    assert "Zweite Redaktion" in page and "Erste Redaktion" not in page


def test_pages_that_include_other_files_are_rendered_every_time(project: Callable[..., Path]) -> None:
    root = project(fixture_corpus())
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "markdown_extensions:\n",
            f"markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [{root / 'snippets'}]\n",
        ),
        encoding="utf-8",
    )
    (root / "snippets").mkdir()
    snippet = root / "snippets" / "hinweis.md"
    snippet.write_text("Hinweis: Version EINS.\n", encoding="utf-8")
    article = sorted((root / "docs" / "articles").glob("2025-02-10-*.md"))[0]
    append(article, '\n--8<-- "hinweis.md"\n')
    config_loaded = load_config(str(config), site_dir=str(root / "first"))
    build(config_loaded)
    snippet.write_text("Hinweis: Version ZWEI.\n", encoding="utf-8")
    config_loaded = load_config(str(config), site_dir=str(root / "second"))
    build(config_loaded)
    assert config_loaded.plugins["knowledge"].rendered is None
    page = next((root / "second" / "articles").glob("2025-02-10-*/index.html")).read_text(encoding="utf-8")
    assert "Version ZWEI" in page and "Version EINS" not in page
    assert not (root / ".cache").exists()


def test_the_preview_recovers_from_a_broken_theme_template(serve: Callable[..., Serve]) -> None:
    server = serve()
    server.build()
    template = server.root / "templates" / "overrides" / "main.html"
    good = template.read_text(encoding="utf-8")
    template.write_text(
        good.replace("{% block extrahead %}", "{% block extrahead %}{% if %}"), encoding="utf-8"
    )
    with pytest.raises(Exception):  # noqa: B017 (Jinja's syntax error, as MkDocs passes it on)
        server.build()
    template.write_text(good, encoding="utf-8")
    assert_same_site(server.build(), server.build_everything())


@pytest.mark.parametrize("addition", ["hook", "tags"])
def test_with_another_plugin_or_a_hook_every_page_is_rendered(
    project: Callable[..., Path], addition: str
) -> None:
    root = project(fixture_corpus())
    (root / "hooks").mkdir()
    (root / "hooks" / "stamp.py").write_text("def on_post_page(output, page, config):\n    return output\n")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if addition == "tags":  # Material's tags listing is filled in after a page's Markdown
        text = text.replace("plugins:\n", "plugins:\n  - tags\n", 1)
    else:
        text += "\nhooks:\n  - hooks/stamp.py\n"
    config.write_text(text, encoding="utf-8")
    loaded = load_config(str(config), site_dir=str(root / "site"))
    build(loaded)
    assert loaded.plugins["knowledge"].rendered is None
    assert not (root / ".cache" / "knowledge" / "pages.sqlite").exists()


def test_extension_options_that_are_functions_count_by_what_they_do() -> None:
    from pymdownx.slugs import slugify

    from generator.adapters.rendered import _canonical

    lower, same, none = slugify(case="lower"), slugify(case="lower"), slugify(case="none")
    assert _canonical({"slugify": lower}) == _canonical({"slugify": same})
    assert _canonical({"slugify": lower}) != _canonical({"slugify": none})
    assert _canonical([slugify]) != _canonical([_canonical])
    assert _canonical({"a": {3, 1, 2}}) == _canonical({"a": {2, 3, 1}})
