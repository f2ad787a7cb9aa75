"""Cues: the words that say someone is speaking ("sagte", "teilte … mit", "laut", "zufolge",
", so X", "according to", "hieß es"), found outside the quotations of a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.analyse.quotes.content import Quotation, inside
from generator.analyse.quotes.lexicon import Lexicon
from generator.model import Span

_TOKEN = re.compile(r"[\w][\w'’-]*")
_CLAUSE_END = re.compile(r"[,;:.!?„“”\"«»]")
_WORDS_OF = re.compile(
    r"\bnach\s+(?P<who>[A-ZÄÖÜ][\w-]+s|seinen|ihren|dessen|deren)\s+"
    r"(?:Worten|Angaben|Ansicht|Einschätzung|Darstellung|Aussage|Auffassung|Meinung)\b"
    r"|\b(?P<owner>[A-ZÄÖÜ][\w-]+s|[Ss]einer|[Ii]hrer|[Dd]essen|[Dd]eren)\s+"
    r"(?:Ansicht|Einschätzung|Darstellung|Auffassung|Meinung|Überzeugung)\s+nach\b"
    r"|\b[Ii]n\s+(?P<possessor>[A-Z][\w-]+(?:'s|’s|s'|s’)|his|her|their)\s+(?:view|opinion|words)\b"
)
"""The owner of the words speaks: "nach Papandreous Worten", "seiner Ansicht nach",
"In Museveni's view"."""
_NOMINAL = re.compile(
    r"\b(?:Feststellung|Vorwurf|Forderung|Aussage|Einschätzung|Behauptung|Warnung|Ankündigung|Hinweis"
    r"|Überzeugung|Auffassung|Befürchtung|Erklärung|Angabe|Mitteilung|Klage|Kritik)"
    r"(?=\s+(?:des|der|von|vom)\s+(?:[^,.;:]|:(?=innen\b)){2,80},\s*dass\s)"
)
"""A noun of saying whose owner follows and whose content is a dass clause ("die
Feststellung der Datenschützer:innen, dass …"); without an owner it names no source."""
_DETERMINED = re.compile(
    r"\b(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_NOUN_NEXT = re.compile(r"\s+[A-ZÄÖÜ]")
_PRESENT_SUBJECT = re.compile(
    r"(?:\b(?:i|we|they|you|will|would|could|may|might|should|can|to|did|do|does)"
    r"|\w{3,}s(?<!\bthus)(?<!\bperhaps)(?<!\balways)(?<!\bsometimes)(?<!\bnevertheless)(?<!\bwhereas))\s+$",
    re.IGNORECASE,
)
_ADJECTIVAL = re.compile(
    r"\b(?:the|a|an|this|that|its|their|is|are|was|were|be|been|being|newly)\s+(?:(?:\w+ly|now|also|then|often|not)\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cue:
    """A cue of speech in a sentence."""

    span: Span
    kind: str
    """`verb` (the source is its subject), `own` ("nach eigenen Angaben": the subject of the
    sentence), `before` (laut X: the source follows), `after`
    (X zufolge), `so` (", so X"), `words` ("nach Papandreous Worten", "nach seinen Worten":
    the source is in the cue), `noun` ("die Feststellung der X, dass": its owner follows),
    `impersonal` ("hieß es"), `hearsay` ("reportedly": no one named)."""
    word: str
    """The verb's lemma (with its particle: "mitteilen"), or the cue as written."""


MAX_SENTENCE = 2_000
"""Characters of a sentence in which cues are looked for. A longer "sentence" is text whose
punctuation was lost (a transcript without closing quote marks); its cost would grow with the
square of its length, and no reader takes a statement's source from that far away."""


def find_cues(text: str, unit: Span, quotes: list[Quotation], lexicon: Lexicon, lang: str) -> list[Cue]:
    """The cues of the sentence `unit` in order; none inside quotations."""
    if unit[1] - unit[0] > MAX_SENTENCE:
        return []
    found: list[Cue] = []
    segment = text[unit[0] : unit[1]]

    def add(start: int, end: int, kind: str, word: str) -> None:
        span = (unit[0] + start, unit[0] + end)
        if not inside(span[0], quotes) and not any(
            c.span[0] < span[1] and span[0] < c.span[1] for c in found
        ):
            found.append(Cue(span, kind, word))

    for match in lexicon.impersonal.finditer(segment):
        add(match.start(), match.end(), "impersonal", match.group().lower())
    for match in lexicon.hearsay.finditer(segment):
        add(match.start(), match.end(), "hearsay", match.group().lower())
    for match in lexicon.source_own.finditer(segment):
        add(match.start(), match.end(), "own", " ".join(match.group().lower().split()))
    for match in lexicon.source_before.finditer(segment):
        add(match.start(), match.end(), "before", " ".join(match.group().lower().split()))
    for match in lexicon.source_after.finditer(segment):
        add(match.start(), match.end(), "after", match.group().lower())
    for match in re.finditer(r"(?:,|[“”\"«»])\s*(so)\s+(?=[\w„])", segment):
        # ", so der Minister", ", so Schall weiter", ", so er": a source follows; not ", so liegt".
        if re.match(r"(?:[A-ZÄÖÜ]|(?:der|die|das|ein|eine|er|sie)\b)", segment[match.end() :]):
            add(match.start(1), match.end(1), "so", "so")
    for match in _NOMINAL.finditer(segment):
        # "die Feststellung der Datenschützer, dass …": a noun of saying with its owner
        add(match.start(), match.end(), "noun", match.group().split()[0])
    for match in _WORDS_OF.finditer(segment):
        # "nach Papandreous Worten", "nach seinen Worten": the owner of the words speaks.
        owner = match.group("who") or match.group("owner") or match.group("possessor")
        add(match.start(), match.end(), "words", owner)
    for match in _TOKEN.finditer(segment):
        verb = lexicon.speech_lemma(match.group(), lang)
        if verb is None:
            continue
        stop = _CLAUSE_END.search(segment, match.end())
        clause = segment[match.end() : stop.start() if stop else len(segment)]
        word = _with_particle(verb, clause, lexicon)
        if word is None:
            continue
        if word == "rule" and not match.group().endswith("ed"):
            continue  # "the new rules": a noun; "the court ruled that …" is a cue
        needs = lexicon.needs.get(word)
        colon = stop is not None and stop.group() == ":"
        if needs and not any(
            re.search(rf"\b{re.escape(n)}\b", clause) or (n == ":" and colon) for n in needs
        ):
            continue  # "zeigte sich überzeugt", "zeigt das Handelsblatt:"
        if (
            lang == "de"
            and _DETERMINED.search(segment[: match.start()])
            and _NOUN_NEXT.match(segment, match.end())
        ):
            continue  # "das erklärte Ziel": a participle used as an adjective
        if lang == "en" and _ADJECTIVAL.search(segment[: match.start()]):
            continue  # "the proposed Act", "are called upon": no one speaks
        if (
            lang == "en"
            and match.group().lower() == verb
            and not _PRESENT_SUBJECT.search(segment[: match.start()])
            and not re.match(r"\s+that\b", segment[match.end() :])  # "experts in Jordan worry that"
        ):
            continue  # a base form is a noun ("the state of the economy") unless "they say"
        if (
            lang == "en"
            and match.group().lower().endswith("s")
            and match.group().lower() != verb
            and re.search(
                r"(?:\w+ed|\b(?:the|his|her|their|its|our|growing|renewed|any|no))\s+$",
                segment[: match.start()],
                re.IGNORECASE,
            )
        ):
            continue  # "dismissed fears that …", "renewed warnings": a noun
        if lang == "de" and re.search(r"\bzu\s+$", segment[: match.start()]):
            continue  # "Es ist zu erwarten, dass …": an infinitive, no one speaks
        if (
            lang == "en"
            and re.search(r"\bto\s+$", segment[: match.start()])
            and not re.match(r"\s*(?:that\b|:)", segment[match.end() :])
        ):
            continue  # "uses Facebook to report on …": an infinitive; "went on to say that …" is a cue
        if (
            lang == "en"
            and match.group().endswith("ing")
            and not segment[: match.start()].rstrip().endswith(",")
        ):
            continue  # "to stop netizens from commenting": a gerund; ", saying: …" is a cue
        add(match.start(), match.end(), "verb", word)
    return sorted(found, key=lambda c: c.span)


def _with_particle(verb: str, clause: str, lexicon: Lexicon) -> str | None:
    """The verb with the particle that closes its clause ("teilte … mit" -> "mitteilen");
    None for a particle verb without its particle ("teilte die Kosten")."""
    particles = lexicon.particles.get(verb)
    if particles is None:
        return verb
    words = clause.split()
    tail = [word.lower() for word in words[-2:]]
    for particle in particles:
        if particle in tail or (particle[0].isupper() and particle in words):  # "gab … Einblicke in …"
            if verb == "point" or particle[0].isupper():
                return f"{particle} {verb}"  # "point out", "Einblicke geben"
            return particle + verb
    return verb if verb in lexicon.verbs["de"] or verb in lexicon.verbs["en"] else None
