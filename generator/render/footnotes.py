"""Footnotes (`[^1]` … `[^1]: …`, with the `footnotes` extension) in sections rendered one by one.

An article defines its footnotes where the editor likes, mostly at its end; each part of a
section is converted alone (`linking.SectionRenderer`), so every part gets the definitions of
the footnotes it refers to, and no others, and its footnote ids are made unique for the
section part (`fn:<key>-1`): a theme page shows sections of many articles that all have a
footnote 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\n]+)\]:")
_REFERENCE = re.compile(r"\[\^([^\]\n]+)\](?!:)")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_IDS = re.compile(r'((?:id|href)=")(#?)(fn|fnref)(:)')


def split_definitions(markdown: str) -> tuple[str, dict[str, str]]:
    """`markdown` without its footnote definitions, and the definitions by label.

    A definition runs on to the end of its paragraph, then over indented lines, and over
    blank lines that an indented line follows (Python-Markdown's rule)."""
    lines = markdown.split("\n")
    kept: list[str] = []
    found: dict[str, str] = {}
    index = 0
    fence: str | None = None
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if fence is not None:  # inside a fenced code block: text, whatever it looks like
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
        match = _DEFINITION.match(lines[index]) if fence is None and not opening else None
        if match is None:
            kept.append(lines[index])
            index += 1
            continue
        end = index + 1
        while end < len(lines) and lines[end].strip() and _DEFINITION.match(lines[end]) is None:
            end += 1  # the rest of its paragraph
        while end < len(lines):
            if _INDENTED.match(lines[end]):
                end += 1
                continue
            following = next((line for line in lines[end:] if line.strip()), "")
            if not lines[end].strip() and _INDENTED.match(following):
                end += 1
                continue
            break
        found.setdefault(match.group(1), "\n".join(lines[index:end]))
        index = end
    return "\n".join(kept), found


def with_definitions(markdown: str, definitions: dict[str, str]) -> str:
    """`markdown` (without definitions) followed by the definitions of the footnotes it uses."""
    used = dict.fromkeys(label for label in _REFERENCE.findall(markdown) if label in definitions)
    if not used:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + "\n\n".join(definitions[label] for label in used) + "\n"


def unique_ids(html: str, key: str) -> str:
    """The footnote ids and links of one converted part, made unique with `key`."""
    return _IDS.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}:{key}-", html)


def all_definitions(parts: Iterable[str]) -> dict[str, str]:
    """The footnote definitions of an article's sections (the first of a label counts)."""
    found: dict[str, str] = {}
    for markdown in parts:
        for label, text in split_definitions(markdown)[1].items():
            found.setdefault(label, text)
    return found
