"""Clauses: where the clause around a cue starts and ends, and what stands inserted in it.

A source stands in the clause of its cue: after the last comma, colon or closing quotation
before the verb, unless what stands between two commas is an insertion (an apposition ", CEO
von X,", a relative clause ", who lives nearby,", a participle ", speaking on background,", a
name ", Yann LeCun,") or the commas stand inside dashes ("Verbände – der BITMi, der BVDW und der
BVMW – haben …"). German participles and infinitives have their subject next to the finite
auxiliary ("Papandreou hatte angekündigt, …").
"""

from __future__ import annotations

import re

from generator.analyse.quotes.content import Quotation
from generator.analyse.quotes.cues import Cue
from generator.analyse.quotes.lexicon import Lexicon
from generator.model import Span

_AUXILIARIES = frozenset(
    """hat hatte haben hatten habe ist war sind waren sei wurde wurden wird werden werde kann
    konnte können konnten will wollte wollen wollten soll sollte sollen sollten muss musste
    müssen mussten möchte möchten""".split()
)


def auxiliary(text: str, unit: Span, cue: Cue) -> Span | None:
    """ "Papandreou hatte angekündigt, …": for a participle or infinitive at the end of its
    clause, the finite auxiliary or modal before it, where the subject stands next to it."""
    word = text[slice(*cue.span)]
    if not (word.endswith(("t", "en")) and ("ge" in word[:6] or word.startswith(("er", "be", "ver", "an")))):
        return None
    dashed = _dashed(text, unit[0], cue.span[0])
    marks = [
        i for i in range(unit[0], cue.span[0]) if text[i] in ",:" and not any(a < i < b for a, b in dashed)
    ]
    start = max([unit[0]] + [i + 1 for i in marks])
    for match in reversed(list(re.finditer(r"\w+", text[start : cue.span[0]]))):
        if match.group() in _AUXILIARIES:
            return start + match.start(), start + match.end()
    return None


_DASH = re.compile(r"\s[-–—]\s")


def _dashed(text: str, start: int, end: int) -> list[Span]:
    """Insertions between a pair of dashes ("Verbände – der BITMi, der BVDW und der BVMW –
    haben …"); their commas end no clause."""
    dashes = [m.start() for m in _DASH.finditer(text, start, end)]
    return list(zip(dashes[::2], dashes[1::2], strict=False))


_ADVERBS_ONLY = re.compile(r"(?:(?:also|then|later|now|again|auch|ebenfalls|nun|jetzt)\s*)+", re.IGNORECASE)
"""Adverbs between an insertion and the verb; the subject stands before the insertion."""


def clause_start(text: str, unit_start: int, position: int, quotes: list[Quotation]) -> int:
    """Where the clause that holds `position` starts: after the last comma, colon, semicolon
    or closing quotation before it, skipping back over an apposition or a relative clause
    (", CEO von X,", ", who lives nearby,") and over parentheses."""
    depth = 0
    boundaries = []
    dashed = _dashed(text, unit_start, position)
    for index in range(unit_start, position):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and char in ",;:" and not any(a < index < b for a, b in dashed):
            boundaries.append(index + 1)
    boundaries += [q.span[1] + 1 for q in quotes if unit_start <= q.span[1] < position]
    boundaries.sort()
    start = boundaries[-1] if boundaries else unit_start
    tail = text[start:position].strip(" –-")
    if tail and not _ADVERBS_ONLY.fullmatch(tail):  # ", who lives nearby, also appealed"
        return start
    # ", CEO und Mitbegründer des Start-ups Mistral AI, hob": the person stands before; ", a
    # spokeswoman for Ampere Computing, which Oracle backs, said": one insertion after another.
    while len(boundaries) >= 2:
        between = text[boundaries[-2] : boundaries[-1] - 1]
        if not (inserted(between) or _NAME_ONLY.fullmatch(between)):
            break
        boundaries.pop()
        start = boundaries[-2] if len(boundaries) >= 2 else unit_start
    return start


_INSERTED = re.compile(
    r"^\s*(?:(?:der|die|das|den|dem|who|which|whose|welche|welcher|deren|dessen)\b"
    r"|(?:(?:the|a|an)\s+)?(?:[\w.’'-]+\s+){0,3}?(?:[\w-]*(?:chef|chefin|präsident|präsidentin|"
    r"minister|ministerin|gründer|gründerin|sprecher|sprecherin|direktor|direktorin|leiter|"
    r"leiterin|vorsitzende|vorsitzender|führer|führerin|ceo|cto|expertin|experte|professor|"
    r"professorin|analyst|analystin|mitglied)|CEO|CTO|CFO|chief|president|founder|co-founder|"
    r"head|director|chairman|spokesperson|minister|secretary|expert|professor|rapporteur|"
    r"co-rapporteur|member|company|startup|start-up|firm|maker|giant|lab|developer|provider|"
    r"[\w-]*(?:unternehmen|konzern|hersteller|anbieter|entwickler|start-up))\b)",
    re.IGNORECASE,
)


_NAME_ONLY = re.compile(r"\s*[A-ZÄÖÜ][\w’'.-]*(?:\s+(?:[A-ZÄÖÜ][\w’'.-]*|von|van|de|der|al)){1,3}\s*")
"""A person's name in apposition ("Meta's chief AI scientist, Yann LeCun, said")."""


def inserted_before(text: str, start: int, end: int) -> bool:
    """Whether the comma before `end` closes an insertion (", speaking on background,")."""
    commas = [i for i in range(start, end) if text[i] == ","]
    if len(commas) < 2:
        return False
    return inserted(text[commas[-2] + 1 : commas[-1]])


def inserted(segment: str) -> bool:
    """An apposition or a relative clause between commas (", Wissenschaftliche Referentin am
    Max-Planck-Institut,": a role among its first words)."""
    words = segment.split()
    if len(words) > 20:
        return False
    lexicon = Lexicon.load()
    if words and words[0].endswith(("ing", "ed")) and words[0].islower() and len(words) > 1:
        return True  # ", speaking on background,", ", founded by former Google researchers,"
    english = bool(words) and words[0].lower() in ("a", "an", "the")  # ", a computer scientist,"
    return bool(_INSERTED.match(segment)) or any(
        (w[:1].isupper() or english) and lexicon.role_word(w.strip(",.")) for w in words[:4]
    )


_CLAUSE_END = re.compile(r"[,;:„“”\"«»]|\s(?:dass|daß|that|ob)\s")


def clause_end(text: str, start: int, unit_end: int) -> int:
    """Where the clause from `start` ends (the sentence ends at `unit_end`; a period before it
    is an abbreviation: "sagt Prof. Samek")."""
    match = _CLAUSE_END.search(text, start, unit_end)
    return match.start() if match else unit_end
