"""The MkDocs adapter: what it adds to the config, the files and the live-reload server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

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
