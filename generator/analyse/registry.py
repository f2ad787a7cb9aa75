"""The entity registry: people, companies and further types, as editors wrote them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.errors import GeneratorError
from generator.text.readable import editor_text
from generator.text.yamlfile import LineMap, load_yaml_file
from generator.urls import slugify, web_address

_FOLDER = re.compile(r"[a-z0-9][a-z0-9-]*")
_ENTRY_KEYS = ("name", "type", "aliases", "short_name", "role", "affiliation", "description", "url")
_TYPE_KEYS = ("title", "singular", "folder", "schema", "short_name")
MAX_SLUG = 100
RESERVED_FOLDERS = ("articles", "themes", "quotes", "graph", "search", "assets", "stylesheets", "pagefind")
"""Folders of the site that are not an entity type's (pages, MkDocs', Material's, Pagefind's)."""


@dataclass(frozen=True)
class EntityType:
    """A kind of entity (person, company, …), defined in the registry's `types`."""

    key: str
    title: str
    """Plural title: nav label and index page heading ("Personen")."""
    singular: str
    """Shown in infoboxes ("Person")."""
    folder: str
    """URL folder of the entity pages ("people")."""
    schema: str
    """schema.org type of the JSON-LD ("Person")."""
    short_name: bool = False
    """Whether the last word of the name alone refers to the entity after the full name."""


@dataclass(frozen=True)
class Entity:
    """One registry entry."""

    id: str
    """Slug of the name; the page is `<folder>/<id>/`."""
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    """Id of the affiliated entity."""
    description: str | None = None
    url: str | None = None
    line: int = 0
    """Line of the entry in the registry file."""
    surname: str | None = None
    """The name used alone, where it is not the last word ("Liang" for "Liang Wenfeng")."""

    @property
    def short_name(self) -> str | None:
        """The name used alone: `short_name` from the registry, else the last word of a
        multi-word name ("Mensch" for "Arthur Mensch")."""
        if self.surname:
            return self.surname
        words = self.name.split()
        return words[-1] if len(words) > 1 else None


@dataclass(frozen=True)
class Registry:
    """The validated registry."""

    path: Path
    types: dict[str, EntityType]
    entities: tuple[Entity, ...]

    @cached_property
    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def get(self, entity_id: str) -> Entity:
        return self.by_id[entity_id]

    def type_of(self, entity: Entity) -> EntityType:
        return self.types[entity.type]

    def members(self, entity_id: str) -> list[Entity]:
        """Entries whose affiliation is `entity_id` (the people of a company)."""
        return [e for e in self.entities if e.affiliation == entity_id]


def load_registry(path: Path) -> Registry:
    """Read and validate the registry file."""
    data = load_yaml_file(path)
    if not isinstance(data, LineMap):
        raise GeneratorError("the registry must be a mapping with `types:` and `entities:`.", path=path)
    _no_unknown_keys(data, ("types", "entities"), path)
    types = _types(data, path)
    raw = data.get("entities") or []
    if not isinstance(raw, list):
        raise GeneratorError("`entities` must be a list.", path=path, line=data.line_of("entities"))
    entries = [(entry, _entity(entry, types, path)) for entry in raw]
    _check_unique(entries, path)
    by_name = {entity.name: entity.id for _, entity in entries}
    entities = []
    for entry, entity in entries:
        if entity.affiliation is not None:
            if entity.affiliation == entity.name:
                raise GeneratorError(
                    f"`{entity.name}` is affiliated with itself. Name another entry or remove `affiliation`.",
                    path=path,
                    line=entry.line_of("affiliation"),
                )
            if entity.affiliation not in by_name:
                raise GeneratorError(
                    f"affiliation `{entity.affiliation}` is not in the registry. "
                    "Add an entry with that name, or fix the spelling.",
                    path=path,
                    line=entry.line_of("affiliation"),
                )
            entity = replace(entity, affiliation=by_name[entity.affiliation])
        entities.append(entity)
    return Registry(path, types, tuple(entities))


def _types(data: LineMap, path: Path) -> dict[str, EntityType]:
    raw = data.get("types")
    if not isinstance(raw, LineMap) or not raw:
        raise GeneratorError(
            "`types` is missing. Define at least `person` and `company` (see the editor's guide).",
            path=path,
            line=data.line_of("types"),
        )
    types: dict[str, EntityType] = {}
    folders: set[str] = set()
    for key, spec in raw.items():
        if not isinstance(spec, LineMap):
            raise GeneratorError(f"type `{key}` must be a mapping.", path=path, line=raw.line_of(key))
        _no_unknown_keys(spec, _TYPE_KEYS, path)
        for field in ("title", "singular", "folder", "schema"):
            if not isinstance(spec.get(field), str) or not spec[field].strip():
                raise GeneratorError(
                    f"type `{key}` needs `{field}` (text).", path=path, line=spec.line_of(field)
                )
        folder = spec["folder"]
        if not _FOLDER.fullmatch(folder) or folder in RESERVED_FOLDERS or folder in folders:
            raise GeneratorError(
                f"`folder: {folder}` must be lower-case ASCII letters, digits and hyphens, unique, "
                f"and none of {', '.join(RESERVED_FOLDERS)}.",
                path=path,
                line=spec.line_of("folder"),
            )
        folders.add(folder)
        types[key] = EntityType(
            key, spec["title"], spec["singular"], folder, spec["schema"], bool(spec.get("short_name"))
        )
    return types


def _no_unknown_keys(entry: LineMap, known: tuple[str, ...], path: Path) -> None:
    for key in entry:
        if key not in known:
            raise GeneratorError(
                f"unknown key `{key}`. Known keys: {', '.join(known)}.", path=path, line=entry.line_of(key)
            )


def _entity(entry: Any, types: dict[str, EntityType], path: Path) -> Entity:
    if not isinstance(entry, LineMap):
        raise GeneratorError("each entity must be a mapping with `name` and `type`.", path=path)
    _no_unknown_keys(entry, _ENTRY_KEYS, path)

    def text(key: str, *, required: bool = False) -> str | None:
        value = entry.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise GeneratorError(
                    f"entity `{key}` is missing. Add `{key}: …` to this entry.",
                    path=path,
                    line=entry.line_of(key),
                )
            return None
        if not isinstance(value, str):
            raise GeneratorError(f"`{key}` must be text.", path=path, line=entry.line_of(key))
        if key == "url":  # an address is checked as written (`web_address`), never changed
            return value.strip()
        return editor_text(value, key, path, entry.line_of(key))

    name = text("name", required=True)
    kind = text("type", required=True)
    assert name is not None and kind is not None
    if kind not in types:
        raise GeneratorError(
            f"unknown type `{kind}`. Use one of {', '.join(types)} or define it under `types`.",
            path=path,
            line=entry.line_of("type"),
        )
    if len(slugify(name)) > MAX_SLUG:
        raise GeneratorError(
            f"the name is longer than a page address may be ({MAX_SLUG} characters). Shorten it and "
            "put the rest into `description`.",
            path=path,
            line=entry.line_of("name"),
        )
    if slugify(name) == "index":
        raise GeneratorError(
            f"the name {name!r} would get the address of the index of all {types[kind].title}. "
            "Write it as the full name (e.g. `Index Ventures`) and put the short form into `aliases`.",
            path=path,
            line=entry.line_of("name"),
        )
    if not slugify(name):
        raise GeneratorError(
            f"the name {name!r} gives no URL slug; write it with Latin letters or digits.",
            path=path,
            line=entry.line_of("name"),
        )
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise GeneratorError(
            "`aliases` must be a list of names, e.g. `[Mistral]`.", path=path, line=entry.line_of("aliases")
        )
    aliases = [editor_text(alias, "aliases", path, entry.line_of("aliases")) for alias in aliases]
    url = text("url")
    if url is not None:
        try:
            url = web_address(url)
        except ValueError as exc:
            raise GeneratorError(
                f"`url` must be a web address (https://…), but {exc}: {url!r}.",
                path=path,
                line=entry.line_of("url"),
            ) from None
    return Entity(
        id=slugify(name),
        name=name,
        type=kind,
        aliases=tuple(aliases),
        role=text("role"),
        affiliation=text("affiliation"),
        description=text("description"),
        url=url,
        line=entry.line,
        surname=text("short_name"),
    )


def _check_unique(entries: list[tuple[LineMap, Entity]], path: Path) -> None:
    """Names and aliases must each mean one entry; slugs must be unique."""
    claimed: dict[str, tuple[str, int]] = {}
    slugs: dict[str, tuple[str, int]] = {}
    for entry, entity in entries:
        if entity.id in slugs:
            other, line = slugs[entity.id]
            raise GeneratorError(
                f"`{entity.name}` has the same URL slug `{entity.id}` as `{other}` (line {line}). "
                "Rename one of them.",
                path=path,
                line=entry.line_of("name"),
            )
        slugs[entity.id] = (entity.name, entry.line)
        for form, key in [(entity.name, "name")] + [(a, "aliases") for a in entity.aliases]:
            if form in claimed and claimed[form][0] != entity.name:
                other, line = claimed[form]
                raise GeneratorError(
                    f"`{form}` is claimed by `{other}` (line {line}) and by `{entity.name}`. "
                    "A name or alias may mean only one entry; remove it from one of them.",
                    path=path,
                    line=entry.line_of(key),
                )
            claimed[form] = (entity.name, entry.line_of(key))
