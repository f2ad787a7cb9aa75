from __future__ import annotations

from pathlib import Path

import pytest

from generator.analyse.registry import load_registry
from generator.errors import GeneratorError
from tests.conftest import ROOT

TYPES = (
    "types:\n"
    "  person: {title: Personen, singular: Person, folder: people, schema: Person, short_name: true}\n"
    "  company: {title: Unternehmen, singular: Unternehmen, folder: companies, schema: Organization}\n"
)


def write(tmp_path: Path, entities: str, types: str = TYPES) -> Path:
    path = tmp_path / "entities.yml"
    path.write_text(types + "entities:\n" + entities, encoding="utf-8")
    return path


def test_sample_registry() -> None:
    registry = load_registry(ROOT / "config" / "entities.yml")
    people = [e.name for e in registry.entities if e.type == "person"]
    companies = [e.name for e in registry.entities if e.type == "company"]
    assert people == ["Arthur Mensch", "Richard Gardner", "Yann LeCun"]
    assert companies == ["Mistral AI", "DeepSeek", "OpenAI", "Google", "Nvidia", "Modulus", "Meta"]
    mensch = registry.get("arthur-mensch")
    assert (mensch.role, mensch.affiliation, mensch.short_name) == (
        "CEO und Mitbegründer",
        "mistral-ai",
        "Mensch",
    )
    assert [e.id for e in registry.members("mistral-ai")] == ["arthur-mensch"]
    assert registry.get("yann-lecun").affiliation == "meta"


def test_a_new_type_is_a_config_change(tmp_path: Path) -> None:
    types = TYPES + "  event: {title: Ereignisse, singular: Ereignis, folder: events, schema: Event}\n"
    path = write(tmp_path, "  - {name: Mobile World Congress, type: event, aliases: [MWC]}\n", types)
    registry = load_registry(path)
    (event,) = registry.entities
    assert (event.id, registry.type_of(event).folder) == ("mobile-world-congress", "events")


@pytest.mark.parametrize(
    ("entities", "line", "words"),
    [
        ("  - {type: person}\n", 5, "entity `name` is missing"),
        ("  - name: A B\n    role: x\n", 5, "entity `type` is missing"),
        ("  - {name: A, type: planet}\n", 5, "unknown type `planet`"),
        ("  - name: A B\n    type: person\n    affiliation: Nirgendwo\n", 7, "affiliation `Nirgendwo`"),
        (
            "  - {name: Mistral AI, type: company, aliases: [Mistral]}\n"
            "  - name: Mistral Bank\n    type: company\n    aliases: [Mistral]\n",
            8,
            "`Mistral` is claimed by `Mistral AI` (line 5) and by `Mistral Bank`",
        ),
        ("  - {name: Meta, type: company}\n  - {name: Meta, type: company}\n", 6, "same URL slug"),
        ("  - {name: Über AG, type: company}\n  - {name: Ueber AG, type: company}\n", 6, "same URL slug"),
        ("  - {name: A, type: company, url: mistral.ai}\n", 5, "http"),
        ("  - {name: A, type: company, url: 'javascript:alert(1)'}\n", 5, "https://"),
        ('  - {name: A, type: company, url: "https://x.org/\\u0001"}\n', 5, "invisible"),
        ('  - {name: A, type: company, url: "https://x.org/a\\u200bb"}\n', 5, "invisible"),
        ("  - {name: A, type: company, website: x}\n", 5, "unknown key `website`"),
        ("  - {name: A, type: company, aliases: Mistral}\n", 5, "list of names"),
        ("  - {name: 東京, type: company}\n", 5, "no URL slug"),
        ("  - {name: A, type: company, affiliation: A}\n", 5, "affiliated with itself"),
        ('  - {name: "A\\x01B", type: company}\n', 5, "control character U+0001"),
        ("  - {name: " + "Sehr langer Name " * 8 + ", type: company}\n", 5, "longer than a page address"),
        ("  - &a {name: A, type: company}\n  - *a\n", 6, "aliases (*name) are not allowed"),
    ],
)
def test_registry_errors_name_file_and_line(tmp_path: Path, entities: str, line: int, words: str) -> None:
    path = write(tmp_path, entities)
    with pytest.raises(GeneratorError) as info:
        load_registry(path)
    assert words in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("types", "words"),
    [
        ("", "`types` is missing"),
        ("types:\n  person: {title: P, singular: P, folder: articles, schema: Person}\n", "folder"),
        ("types:\n  person: {title: P, singular: P, schema: Person}\n", "needs `folder`"),
    ],
)
def test_type_errors(tmp_path: Path, types: str, words: str) -> None:
    with pytest.raises(GeneratorError, match=words):
        load_registry(write(tmp_path, "", types))


def test_unknown_top_level_keys_are_errors(tmp_path: Path) -> None:
    """A typo such as `entites:` would otherwise build a site without people and links."""
    path = tmp_path / "entities.yml"
    path.write_text(TYPES + "entites:\n  - {name: A, type: company}\n", encoding="utf-8")
    with pytest.raises(GeneratorError, match=r"unknown key `entites`\. Known keys: types, entities") as info:
        load_registry(path)
    assert info.value.line == 4


def test_names_are_read_as_a_reader_reads_them(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '  - {name: "Arthur\\u00a0 Mensch", type: person, aliases: ["Mis\\u00adtral"]}\n'
        '  - {name: "Cafe\\u0301 AG", type: company}\n',
    )
    registry = load_registry(path)
    assert [e.name for e in registry.entities] == ["Arthur Mensch", "Café AG"]
    assert registry.entities[0].aliases == ("Mistral",)
