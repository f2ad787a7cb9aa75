"""Find the sentence around a position in German or English text."""

from __future__ import annotations

import bisect
import re

ABBREVIATIONS = frozenset(
    """z.B bzw ca dr prof mio mrd nr vgl etc usw inc corp ltd co mr mrs ms st jr sr vs
    u.a d.h z i.e e.g bspw evtl ggf inkl max min rd sog u.s u.k bros jan feb aug sept okt nov dez
    e.v e.g v.a z.t zzgl abs art dipl ing univ gen lt sen rep gov col no vol""".split()
)
# A sentence ends at . ! ? or … (with closing quotes) followed by space and a capital or an
# opening quote, unless the period ends an abbreviation or an ordinal number ("4. März").
_BOUNDARY = re.compile(r"([.!?…])[\"”“»«’'\)]*\s+(?=[\"„“»«‚(]?[A-ZÄÖÜ0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentence_bounds(text: str, lang: str = "de") -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`; linear in its length. In German a number
    before a period is an ordinal ("am 4. März"); in English it ends the sentence."""
    bounds = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        # Only the word right before the period matters: a bounded look back keeps a long
        # paragraph linear.
        before = text[max(start, match.start() - _LOOK_BACK) : match.start()]
        # "am 4. März" is an ordinal; "im Geschäftsbericht 2024. „Die Zahlen …" ends a sentence
        ordinals = lang == "de" and text[match.end() : match.end() + 1] not in '„"»«‚“'
        if match.group(1) == "." and _is_abbreviation(before, ordinals=ordinals):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


_LOOK_BACK = 40


def _is_abbreviation(before: str, ordinals: bool = True) -> bool:
    word = _WORD_BEFORE.search(before)
    if word is None:
        return False
    token = word.group(1).lower()
    ordinal = ordinals and token.isdigit() and len(token) <= 3  # "2024." is a year, no ordinal
    return ordinal or token.rstrip(".") in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


MAX_CONTEXT = 400
"""Characters of context shown around a mention when its sentence is longer (a run-on text
without sentence ends would otherwise repeat the whole paragraph for every mention)."""


class Sentences:
    """The sentences of one text, split once; `around` answers for any span in log time."""

    def __init__(self, text: str, lang: str = "de"):
        self.text = text
        self.bounds = sentence_bounds(text, lang)
        self._starts = [start for start, _ in self.bounds]

    def around(self, start: int, end: int) -> str:
        """The sentence(s) that hold `text[start:end]`, whitespace folded; cut to about
        `MAX_CONTEXT` characters around the span (marked with …) when longer."""
        if not self.bounds:
            return ""
        first = self.bounds[max(0, bisect.bisect_right(self._starts, start) - 1)][0]
        last = self.bounds[max(0, bisect.bisect_right(self._starts, max(start, end - 1)) - 1)][1]
        first, last = min(first, start), max(last, end)
        if last - first > MAX_CONTEXT:
            return self._cut(first, last, start, end)
        return " ".join(self.text[first:last].split())

    def _cut(self, first: int, last: int, start: int, end: int) -> str:
        room = max(0, MAX_CONTEXT - (end - start)) // 2
        left, right = max(first, start - room), min(last, end + room)
        if left > first:  # begin and end at a word
            left = self.text.find(" ", left, start) + 1 or left
        if right < last:
            space = self.text.rfind(" ", end, right)
            right = space if space > 0 else right
        text = " ".join(self.text[left:right].split())
        return ("… " if left > first else "") + text + (" …" if right < last else "")


def sentence_at(text: str, start: int, end: int) -> str:
    """`Sentences(text).around(start, end)`, for a single question about a text."""
    return Sentences(text).around(start, end)
