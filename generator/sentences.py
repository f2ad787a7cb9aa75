"""Find the sentence around a position in German or English text."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """z.B bzw ca dr prof mio mrd nr vgl etc usw inc corp ltd co mr mrs ms st jr sr vs
    u.a d.h z i.e e.g bspw evtl ggf inkl max min rd sog u.s u.k bros jan feb aug sept okt nov dez""".split()
)
# A sentence ends at . ! ? or … (with closing quotes) followed by space and a capital or an
# opening quote, unless the period ends an abbreviation or an ordinal number ("4. März").
_BOUNDARY = re.compile(r"([.!?…])[\"”“»«’'\)]*\s+(?=[\"„“»«‚(]?[A-ZÄÖÜ0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`."""
    bounds = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(1) == "." and _is_abbreviation(text[start : match.start()]):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _is_abbreviation(before: str) -> bool:
    word = _WORD_BEFORE.search(before)
    if word is None:
        return False
    token = word.group(1).lower()
    return token.isdigit() or token.rstrip(".") in ABBREVIATIONS or len(token) == 1


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence(s) of `text` that hold `text[start:end]`, whitespace folded."""
    first, last = start, end
    for s_start, s_end in sentence_bounds(text):
        if s_start <= start < s_end:
            first = s_start
        if s_start < end <= s_end:
            last = s_end
            break
    return " ".join(text[first:last].split())
