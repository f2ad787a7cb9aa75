"""Plugin options: one list, checked with "expected … but received …" when no MkDocs runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.settings import OPTIONS, load_settings
from tests.conftest import ROOT


def config_with(tmp_path: Path, options: str) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("  - knowledge:")
    end = text.index("\nvalidation:")
    path = tmp_path / "mkdocs.yml"
    path.write_text(text[:start] + "  - knowledge:\n" + options + text[end:], encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ("      link_mode: sometimes\n", "option `link_mode`: expected one of all, first-per-section"),
        ("      search_backend: solr\n", "option `search_backend`: expected one of auto, lunr, pagefind"),
        ("      latest: many\n", "option `latest`: expected a int, but received 'many'"),
        ("      cache: 1\n", "option `cache`: expected a bool"),
        ("      linkmode: all\n", "unknown option `linkmode`"),
        (
            "      pagefind_part_kb: 0\n",
            "option `pagefind_part_kb`: expected a number above 0, but received 0",
        ),
    ],
)
def test_wrong_options_are_clear_errors(tmp_path: Path, options: str, words: str) -> None:
    path = config_with(tmp_path, options)
    with pytest.raises(GeneratorError, match=words.replace("(", r"\(")) as info:
        load_settings(path)
    assert info.value.path == path


def test_defaults_come_from_the_one_list(tmp_path: Path) -> None:
    settings = load_settings(config_with(tmp_path, ""))
    assert settings.link_mode == OPTIONS["link_mode"].default
    assert settings.latest == OPTIONS["latest"].default


def test_env_tags_are_read_as_mkdocs_reads_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    path = tmp_path / "mkdocs.yml"
    path.write_text(
        text.replace("docs_dir: docs", "docs_dir: !ENV [KNOWLEDGE_DOCS, inhalt]"), encoding="utf-8"
    )
    monkeypatch.delenv("KNOWLEDGE_DOCS", raising=False)
    assert load_settings(path).docs_dir == tmp_path / "inhalt"
    monkeypatch.setenv("KNOWLEDGE_DOCS", "quellen")
    assert load_settings(path).docs_dir == tmp_path / "quellen"


def test_inherit_merges_the_parent_as_mkdocs_does(tmp_path: Path) -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "base.yml").write_text(text.replace("docs_dir: docs", "docs_dir: content"), encoding="utf-8")
    child = tmp_path / "mkdocs.yml"
    child.write_text("INHERIT: base.yml\nsite_name: Kind\n", encoding="utf-8")
    settings = load_settings(child)
    assert settings.docs_dir == tmp_path / "content" and settings.site_name == "Kind"
    (tmp_path / "base.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    with pytest.raises(GeneratorError, match="in a circle"):
        load_settings(child)
