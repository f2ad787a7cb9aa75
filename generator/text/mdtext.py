"""Plain text into Markdown that renders exactly as the text was written."""

from __future__ import annotations

import re
from collections.abc import Callable

_INLINE_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "{": "\\{",
    "}": "\\}",
    "#": "\\#",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
}
_INLINE = re.compile("|".join(re.escape(c) for c in _INLINE_ESCAPES))
# Line starts that Markdown would read as a block: headings, lists, setext underlines.
_RULE = re.compile(r"-(?:[ \t]*-){2,}[ \t]*")
_BLOCK_START = re.compile(r"^(?:#|[-+=](?=\s|$)|[-=]+\s*$|(\d+)([.)])(?=\s|$))")


def escape_inline(text: str) -> str:
    """Escape the characters Markdown would interpret inside a line."""
    return _INLINE.sub(lambda m: _INLINE_ESCAPES[m.group()], text)


def escape_line(line: str) -> str:
    """Escape one line of paragraph text, including block markers at its start and the pipes
    that would make lines a table."""
    escaped = escape_inline(line.strip()).replace("|", "&#124;")
    if _RULE.fullmatch(escaped):  # "-- --", "--- ---": a horizontal rule
        return "\\" + escaped
    match = _BLOCK_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1):  # "1." -> "1\." so that it is no ordered list
        return f"{match.group(1)}\\{match.group(2)}{escaped[match.end() :]}"
    if escaped.startswith("="):  # "=" cannot be backslash-escaped in Python-Markdown
        return "&#61;" + escaped[1:]
    return "\\" + escaped


_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_LINK_TARGET = re.compile(r"(?P<head>\]\(\s*)(?P<target><[^>\n]*>|[^)\s]+)")
_REFERENCE = re.compile(r"^(?P<head>[ ]{0,3}\[[^\]\n]+\]:[ \t]*)(?P<target><[^>\n]*>|\S+)")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/)")


def rebase_links(markdown: str, rebase: Callable[[str], str]) -> str:
    """Apply `rebase` to every relative link and image target outside code.

    Used when a piece of one page's Markdown is shown on another page: its
    relative links must still point where the author meant.
    """
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if match:
            fence = match.group(1)
            out.append(line)
            continue
        out.append(_rebase_line(line, rebase))
    return "\n".join(out)


def _rebase_line(line: str, rebase: Callable[[str], str]) -> str:
    def replace(match: re.Match[str]) -> str:
        target = match["target"]
        bracketed = target.startswith("<")
        bare = target[1:-1] if bracketed else target
        if _EXTERNAL.match(bare):
            return match.group()
        new = rebase(bare)
        return match["head"] + (f"<{new}>" if bracketed else new)

    pieces = []
    last = 0
    for span in _CODE_SPAN.finditer(line):
        pieces.append(_LINK_TARGET.sub(replace, line[last : span.start()]))
        pieces.append(span.group())
        last = span.end()
    pieces.append(_LINK_TARGET.sub(replace, line[last:]))
    return _REFERENCE.sub(replace, "".join(pieces))
