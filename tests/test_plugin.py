"""The MkDocs adapter: what it adds to the config, the files and the live-reload server."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from generator.adapters.plugin import KnowledgePlugin
from tests.conftest import NAV


class FakeServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def loaded(root: Path) -> tuple[KnowledgePlugin, object]:
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["knowledge"]
    assert isinstance(plugin, KnowledgePlugin)
    return plugin, config


def test_serve_watches_themes_registry_and_templates(project: Callable[..., Path]) -> None:
    root = project()
    plugin, config = loaded(root)
    plugin.on_config(config)  # type: ignore[arg-type]
    server = FakeServer()
    plugin.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert sorted(Path(p).name for p in server.watched) == ["entities.yml", "templates", "themes.yml"]
    # Articles live in docs/, which `mkdocs serve` watches already.
    assert all(not Path(p).is_relative_to(root / "docs") for p in server.watched)


def test_config_gets_extensions_and_the_fixed_nav(project: Callable[..., Path]) -> None:
    plugin, config = loaded(project())
    plugin.on_config(config)  # type: ignore[arg-type]
    names = [e if isinstance(e, str) else type(e).__name__ for e in config["markdown_extensions"]]
    assert {"attr_list", "toc", "tables"} <= set(names)
    assert [next(iter(item)) for item in config["nav"]] == NAV


def test_use_directory_urls_false_is_refused_with_what_to_do(project: Callable[..., Path]) -> None:
    root = project()
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    plugin, loaded_config = loaded(root)
    with pytest.raises(PluginError, match="needs `use_directory_urls: true`"):
        plugin.on_config(loaded_config)  # type: ignore[arg-type]


# MkDocs itself refuses a site_dir that is or contains docs_dir; not the other sources, nor a
# folder of other files (MkDocs empties site_dir before it builds).
@pytest.mark.parametrize("site_dir", ["config", "templates", "templates/overrides", ".git", "notes"])
def test_plain_mkdocs_may_not_build_into_the_sources(project: Callable[..., Path], site_dir: str) -> None:
    root = project()
    (root / "notes").mkdir()
    (root / "notes" / "todo.txt").write_text("meine Notizen\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nsite_dir: {site_dir}\n", encoding="utf-8")
    plugin, loaded_config = loaded(root)
    with pytest.raises(PluginError, match="refusing to write into"):
        plugin.on_config(loaded_config)  # type: ignore[arg-type]


def hooked(root: Path, body: str) -> Path:
    """The project with a hook (`hooks/probe.py`, an unknown plugin to ours) of `body`."""
    (root / "hooks").mkdir()
    (root / "hooks" / "probe.py").write_text(body, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks/probe.py\n", encoding="utf-8")
    return config


PROBE = """
import json, pathlib
seen = {}
def on_env(env, config, files):
    for file in files.documentation_pages():
        seen[file.src_uri] = [len(file.page.content or ""), len(file.content_string or "")]
    pathlib.Path(config.config_file_path).with_name("seen.json").write_text(json.dumps(seen))
"""


@pytest.mark.build
def test_pages_keep_their_html_compressed_and_give_it_to_whoever_reads_it(
    project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project()
    # A template of the project that reads other pages' content (a feed of the latest pages).
    (root / "docs" / "recent.xml").write_text(
        "<items>{% for f in pages if f.page and f.page.content %}<i>{{ f.page.content|length }}</i>"
        "{% endfor %}</items>",
        encoding="utf-8",
    )
    config_file = root / "mkdocs.yml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8") + "\nextra_templates:\n  - recent.xml\n", encoding="utf-8"
    )
    probe: dict[str, tuple[bool, int, int]] = {}
    original_on_env = KnowledgePlugin.on_env

    def on_env(self: KnowledgePlugin, env: object, /, *, config: object, files: Files) -> object:
        # All pages are converted: MkDocs would hold their HTML; they hold it compressed.
        for file in files.documentation_pages():
            page = file.page
            probe[file.src_uri] = (
                "content" in vars(page),
                len(vars(page).get("_held", b"")),
                len(page.content),
            )
        return original_on_env(self, env, config=config, files=files)  # type: ignore[arg-type]

    monkeypatch.setattr(KnowledgePlugin, "on_env", on_env)
    build(load_config(str(config_file)))
    assert probe and all(not plain and 0 < held < html for plain, held, html in probe.values()), probe
    items = (root / "site" / "recent.xml").read_text(encoding="utf-8")
    assert items.count("<i>") == len(probe)
    page = (root / "site" / "companies" / "deepseek" / "index.html").read_text(encoding="utf-8")
    assert "DeepSeek" in page and "md-content" in page


@pytest.mark.build
def test_another_plugin_sees_every_pages_html_and_source(project: Callable[..., Path]) -> None:
    root = project()
    hooked(root, PROBE)
    build(load_config(str(root / "mkdocs.yml")))
    seen = json.loads((root / "seen.json").read_text(encoding="utf-8"))
    assert seen["companies/deepseek.md"][0] > 1000
    assert all(html > 0 and source > 0 for html, source in seen.values()), seen
