"""YAML loading that remembers where each mapping and key stood in the file.

Editors' YAML (front matter, the theme file, the registry) is validated by
the modules that own it; they need line numbers to point at the mistake.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import GeneratorError, read_text_file


class LineMap(dict[str, Any]):
    """A YAML mapping that knows its own line and the line of each key (1-based)."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Line of `key` if present, else the line of the mapping itself."""
        return self.key_lines.get(key, self.line)


MAX_DEPTH = 50
"""Nesting deeper than this is a mistake in an editor's file (and would exhaust Python's stack)."""


class _LineLoader(yaml.SafeLoader):
    """Editors' YAML: no aliases (a few lines of nested aliases expand to billions of values),
    no nesting deeper than `MAX_DEPTH`."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        problem = None
        if self.check_event(yaml.AliasEvent):
            problem = "aliases (*name) are not allowed; write the value out"
        elif self._depth >= MAX_DEPTH:
            problem = f"nested more than {MAX_DEPTH} levels deep"
        if problem:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, problem, mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A value that its tag cannot hold ("!!int abc", "!!bool vielleicht", a number of
        # 5,000 digits) makes PyYAML's constructors raise plain Python errors.
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            kind = node.tag.rpartition(":")[2]
            problem = (
                f"the value {_short(node)} cannot be read as {kind}; put it in quotes to keep it as text"
            )
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


def _short(node: yaml.Node) -> str:
    if not isinstance(node.value, str):
        return "here"
    return repr(node.value if len(node.value) <= 40 else node.value[:40] + "…")


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    # "2025-13-01" looks like a date to YAML but is none; keep the text so that the
    # validator of the key can report it with its line instead of a crash.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(text: str, path: Path | str, *, first_line: int = 1) -> Any:
    """Parse `text` (which starts at `first_line` of `path`) into Python data.

    Mappings come back as `LineMap`s with file line numbers. Syntax errors
    become a `GeneratorError` pointing at the offending line.
    """
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        syntax = not isinstance(exc, yaml.composer.ComposerError)
        advice = " Check indentation, colons and quotes on this line." if syntax else ""
        raise GeneratorError(
            f"invalid YAML: {problem}.{advice}",
            path=path,
            line=line,
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        raise GeneratorError(
            f"the character U+{ord(exc.character) if isinstance(exc.character, str) else exc.character:04X} "
            "is not allowed in YAML. Remove it.",
            path=path,
            line=first_line + text.count("\n", 0, exc.position),
        ) from None
    except yaml.YAMLError as exc:
        raise GeneratorError(f"invalid YAML: {exc}", path=path, line=first_line) from None
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, LineMap):
        data.line += offset
        data.key_lines = {key: line + offset for key, line in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for item in data:
            _shift_lines(item, offset)


def load_yaml_file(path: Path) -> Any:
    """Read and parse a YAML file; a missing or undecodable file is a `GeneratorError`."""
    return load_yaml(read_text_file(path, if_missing="Create it or fix the path in mkdocs.yml."), path)
