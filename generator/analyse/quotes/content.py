"""Content: the words between quotation marks, the sentences they stand in, and what a cue
reports (the dass/that clause, a clause in Konjunktiv, a colon, a zu-infinitive)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from generator.analyse.quotes.lexicon import Lexicon
from generator.model import Span
from generator.text.sentences import Sentences

SHORT = 3
_ARTICLE_BEFORE = re.compile(
    r"\b(?:der|die|das|den|dem|des|zum|zur|im|am|vom|beim|ein|eine|einen|einem|einer|eines|the|a|an)\s*$",
    re.IGNORECASE,
)
"""Quoted words up to this many are a term or a fragment, not speech on their own."""


@dataclass(frozen=True)
class Quotation:
    """Words between quotation marks."""

    span: Span
    """Inside the marks."""
    words: int
    term: bool
    """A label or a title ("die sogenannten „KI-Gigafabriken“", "die Broschüre „…“")."""
    called: bool = False
    """After "als"/"as": what something is called ("bezeichnet Utiq als „Big Brother …“"),
    quoted words of the speaker when a verb of naming comes with it."""
    embedded: bool = False
    """Lower case after an article: words quoted inside the writer's own sentence ("hin zur
    „gegenwärtigen Zeitenwende durch die Digitalisierung“"), not speech on their own."""

    @property
    def short(self) -> bool:
        return self.words <= SHORT or self.embedded


def quotations(text: str, lexicon: Lexicon) -> list[Quotation]:
    """The outermost quotations of `text`; an opener left open runs to the end of the block
    (a quotation over several paragraphs opens each one and closes only the last)."""
    found = []
    for start, end in _spans(text, lexicon.marks):
        inner = text[start:end]
        words = len(inner.split())
        if not words:
            continue
        before = text[max(0, start - 40) : start - 1]
        # "die Broschüre „…“", "Stellungnahme zum „Weißbuch …“": a title, named not spoken;
        # "the “China factor”": a term.
        embedded = inner[:1].islower() and _ARTICLE_BEFORE.search(before) is not None
        titled = (
            (words > SHORT and _ARTICLE_BEFORE.search(before) is not None and not embedded)
            or before.endswith(("the ", "The "))
            or text[end + 1 : end + 2] == "-"  # "ein „Notfall“-Knopf": part of a compound
            or (words == 1 and inner.count("-") >= 2)  # "“over-the-top” applications": a coinage
            or _product(text, inner, end, words)  # "its “Nordic Voice” model": a name
            or lexicon.media_names.fullmatch(inner.strip()) is not None  # "sagte er dem „Spiegel“"
        )
        called = re.search(r"\b(?:als|as)\s*$", before, re.IGNORECASE) is not None
        found.append(
            Quotation(
                (start, end), words, bool(lexicon.term_markers.search(before)) or titled, called, embedded
            )
        )
    return found


def _spans(text: str, marks: dict[str, str]) -> list[Span]:
    closing = set("".join(marks.values()))
    positions: dict[str, list[int]] = {char: [] for char in closing}
    for index, char in enumerate(text):
        if char in closing:
            positions[char].append(index)
    spans: list[Span] = []
    index = 0
    while index < len(text):
        char = text[index]
        closers = marks.get(char)
        straight = char in "\"'"
        if closers and not (straight and index and text[index - 1].isalnum()):
            end = _next(positions, closers, index)
            if end is None and (index == 0 or text[index - 1] in " :(") and len(text[index:].split()) >= 5:
                end = len(text)  # open to the end of the paragraph
                said = _SAID_INSIDE.search(text, index + 1)
                if said is not None:
                    end = said.start(1) + 1  # „Das halte ich für übertrieben, sagte der Analyst …
            if end is not None and end > index + 1:
                spans.append((index + 1, end))
                index = end + 1
                continue
        index += 1
    return spans


_NAMED_THING = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,1}(?:model|models|app|apps|chip|chips|platform|service|tool|system|product|chatbot|assistant|browser|feature|version|series|family|engine|device|phone|software|programme|program|project|initiative|campaign)\b"
)


def _product(text: str, inner: str, end: int, words: int) -> bool:
    """ "its “Kestrel” model", "the „Nordic Voice“ app": a quoted name before the noun it names."""
    if words > SHORT or not all(w[:1].isupper() or w[:1].isdigit() for w in inner.split()):
        return False
    return _NAMED_THING.match(text, end + 1) is not None


_SAID_INSIDE = re.compile(
    r"([,!?])\s+(?:sagte|sagt|erklärte|erklärt|betonte|meinte|ergänzte|fügte|said|says|added|told)\s"
)
"""An attribution inside a quotation whose closing mark is missing: the quotation ends there."""


def _next(positions: dict[str, list[int]], chars: str, after: int) -> int | None:
    found = None
    for char in chars:
        at = positions[char]
        i = bisect.bisect_right(at, after)
        if i < len(at) and (found is None or at[i] < found):
            found = at[i]
    return found


def units(text: str, quotes: list[Quotation], lang: str = "de") -> list[Span]:
    """Sentences, merged where a boundary falls inside a quotation."""
    result: list[Span] = []
    for start, end in Sentences(text, lang).bounds:
        if result and any(q.span[0] < start <= q.span[1] + 1 for q in quotes):
            result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return [part for span in result for part in _while(text, span, quotes)]


_WHILE = re.compile(
    r",\s+(?:while|whereas|während|wohingegen)\s+(?=[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)?\s+"
    r"(?:said|says|told|added|argued|sagte|sagt|erklärte|meinte|betonte)\b)"
)


def _while(text: str, span: Span, quotes: list[Quotation]) -> list[Span]:
    """ "Hood said …, while Nadella said …": two statements, two sentences."""
    match = _WHILE.search(text, span[0], span[1])
    if match is None or inside(match.start(), quotes):
        return [span]
    return [(span[0], match.start() + 1), (match.end(), span[1])]


def inside(position: int, quotes: list[Quotation]) -> bool:
    return any(q.span[0] - 1 <= position < q.span[1] + 1 for q in quotes)


_CLAUSE = re.compile(r"[^.;:!?]*")
_THAT = re.compile(r"[^.;:!?]{0,60}?,\s*(?:dass|daß|wie)\s", re.IGNORECASE)
# English "that" right after the verb and at most a few words ("told reporters that", "said on
# Tuesday that"), not a relative pronoun after a noun ("the labs that keep theirs closed").
_THAT_EN = re.compile(
    r"\s*,?\s*(?:(?:[\w'’]+\s+){0,3}?|(?:[A-Z][\w'’-]+\s+){0,3}(?:in|on|at|during|after|before|with|to)\s+"
    r"(?:[\w'’.-]+\s+){1,6}?"
    r"|\w+ing\b[^,;.]{0,60},\s*)that\s",
    re.IGNORECASE,
)
"""Also after a prepositional phrase ("said in an interview with Le Monde that …") or an
inserted participle ("reported, citing people familiar with the matter, that …")."""
_ZU = re.compile(r"\bzu\s+\w+(?:en|ln|rn)\b|\b\w+zu\w+(?:en|ln|rn)\b")


def reported(text: str, unit: Span, after: int, lexicon: Lexicon, lang: str, verb: str = "") -> int | None:
    """Where reported content starts after position `after` (the end of cue and source):
    a dass/that clause, a colon, a comma and a clause in Konjunktiv or a zu-infinitive
    ("forderte, den Gipfel einzuberufen"); English also the clause right after "said"."""
    rest = text[after : unit[1]]
    that = (_THAT if lang == "de" else _THAT_EN).match(rest)
    if that:
        return after + that.end()
    colon = re.match(r"[^.;!?,]{0,40}?:\s*", rest)
    if colon and len(rest[colon.end() :].split()) >= 3:
        return after + colon.end()
    comma = re.match(r"[^.;:!?,]{0,60}?,\s*", rest)
    skip = 0
    if comma and _relative(rest[comma.end() :], lexicon):
        # "sagte der Sprecher, der dabei war, die Lage sei ernst": past the relative clause
        skip = comma.end()
        comma = re.match(r"[^.;:!?,]{0,120}?,\s*", rest[skip:])
        if comma and any(lexicon.speech_lemma(w, lang) for w in comma.group().split()):
            return None  # "widersprach Wüst, der gesagt hatte, …": what follows is Wüst's
    if comma:
        clause = rest[skip + comma.end() :]
        head = _CLAUSE.match(clause)
        words = (head.group() if head else clause).split()
        if lang == "de" and any(lexicon.is_subjunctive(w.strip(",;")) for w in words[:12]):
            return after + skip + comma.end()
        if lang == "de" and _ZU.search(" ".join(words[:14])) and not clause.startswith(("um ", "ohne ")):
            return after + skip + comma.end()
    head = _CLAUSE.match(rest)
    if lang == "de" and head and re.search(r",\s*(?:ohne|um|statt|anstatt)\s", head.group()):
        head = None  # "kündigte eine Offensive an, ohne Details zu nennen": no content
    if lang == "de" and head and _ZU.search(head.group()) and len(head.group().split()) >= 4:
        return after + len(rest) - len(rest.lstrip())  # "hatte angekündigt es wieder zu versuchen"
    if lang == "en" and re.match(r"\s*for\s+[^.;:]{3,80}?\bto\s+\w+", rest):
        return after + len(rest) - len(rest.lstrip())  # "appealed for people … to come forward"
    if lang == "en" and verb in ("order", "direct", "instruct", "urge", "ask", "call"):
        told = re.match(r"\s*(?:on\s+)?[^.;:,]{2,60}?\bto\s+(?!the\b|a\b)\w+", rest)
        if told:  # "ordered service providers to reduce …": what they were told to do
            return after + told.end() - len(told.group().split()[-1])
    if lang == "en" and verb in ("accuse", "blame"):
        charge = re.match(r"\s*[^.;:,]{2,60}?\b(?:of|for)\s+(?=\w+ing\b)", rest)
        if charge:  # "accused the ministry of not working hard enough": the charge
            return after + charge.end()
    if lang == "en" and verb in lexicon.clause_verbs:
        lead = re.match(
            r"\s*(?:on\s+\w+\s+|(?:earlier\s+)?(?:last|this)\s+(?:week|month|year)\s+|in\s+a\s+statement\s+"
            r"|to\s+[A-Z]\w+\s+)?",
            rest,
        )
        if verb == "tell":  # "told Reuters the company …", "told reporters on Monday …": the hearer first
            lead = re.match(
                r"\s*(?:(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*)*|reporters|journalists|him|her|them|us|me)"
                r"(?:\s+(?:on|in|at)\s+\w+)?\s+",
                rest,
            )
        start = after + (lead.end() if lead else 0)
        body = text[start : unit[1]].split()
        finite = any(
            w.lower() in _FINITE or (w.lower().endswith("ed") and lexicon.speech_lemma(w, "en") is None)
            for w in body[1:12]
        ) or _present(body)  # "confirmed the reports and explained that …": the second cue reports
        # "said last month its R1 model cost …": after "say", a subject opens the reported clause
        # whatever its verb (an object of "say" is rare: "said nothing", "said goodbye")
        subject = body[:1] and (body[0].lower() in _ARTICLES_EN | _SUBJECT_PRONOUNS or body[0][:1].isupper())
        finite = finite or (verb == "say" and len(body) >= 5 and bool(subject))
        second = re.search(r"\b(?:and|but)\s+\w+\s+that\b", " ".join(body[:10]))
        if (
            second is None
            and len(body) >= 4
            and finite
            and body[0][:1].isalpha()
            and body[0].lower() not in _NOT_CLAUSE_START
        ):
            return start  # not "confirmed the reports and explained that …": the second verb reports
    return None


_RELATIVE_CLAUSE = re.compile(
    r"(?:an|auf|aus|bei|durch|für|gegen|in|mit|nach|über|unter|von|vor|zu)\s+"
    r"(?:der|die|das|dem|den|deren|dessen|denen|welche|welcher|welchem|welchen)\s"
    r"|(?:der|die|das|dem|den|deren|dessen|denen|welche|welcher|welches)\s+[a-zäöüß]\S*\s+[a-zäöüß]"
)
"""A relative clause after a comma ("warnt vor einem Monopol, das auch … missbraucht werden
könnte", "eine Schnittstelle, über die …"): it says more about a noun; it reports nothing. An
article opens a noun ("…, die vier Abgeordnete hätten …", "…, der Datenschutz würde …")."""


def _relative(clause: str, lexicon: Lexicon) -> bool:
    """Whether `clause` is a relative clause, not a reported one ("…, das sei falsch": a
    demonstrative and the verb in second place report)."""
    if not _RELATIVE_CLAUSE.match(clause):
        return False
    words = clause.split()
    second = words[1].strip(",;") if len(words) > 1 else ""
    return not (lexicon.is_subjunctive(second) or second in _FINITE_DE)


_FINITE_DE = frozenset(
    "ist sind war waren hat haben hatte hatten wird werden kann können muss müssen soll sollen".split()
)


_FINITE = frozenset(
    "is are was were will would has have had can could should may might must do does did".split()
)


_SUBJECT_PRONOUNS = frozenset("he she it they we i you".split())
_ARTICLES_EN = frozenset("the this that these its their his her our a an".split())


def _present(body: list[str]) -> bool:
    """A clause in the present: a pronoun subject ("said they expect …"), or an article, a
    noun and a verb in -s ("say the move threatens …")."""
    words = [w.strip(",;:").lower() for w in body[:4]]
    if words and words[0] in _SUBJECT_PRONOUNS:
        return True
    return (
        len(words) >= 3
        and words[0] in _ARTICLES_EN
        and any(
            w.isalpha() and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")) for w in words[2:4]
        )
    )


_NOT_CLAUSE_START = frozenset("in on at for to by with of from about as during after before".split())


QUESTION_FRAME = re.compile(
    r"\s*(?:Auf\s+(?:die|eine)\s+(?:[\w-]+\s+)?(?:Frage|Nachfrage)|Zur\s+Frage|Gefragt|Befragt|Angesprochen"
    r"|Asked|When\s+asked|Questioned)\b"
)
"""A clause that puts someone else's question ("Auf die Frage, ob …", "Asked whether …"): what
follows answers it; the clause itself reports nothing."""


def fronted(text: str, unit: Span, attribution: int) -> Span | None:
    """Content before a postposed attribution that starts at `attribution` ("Die Lage sei
    ernst, sagte X." / "Revenue rose, the company said."): the clause up to the comma."""
    before = text[unit[0] : attribution].rstrip()
    if not before.endswith(",") or text[unit[0] : unit[1]].rstrip().endswith(":"):
        return None  # "In a statement …, X explained his position:": it introduces what follows
    clause = before[:-1]
    words = clause.split()
    if len(words) < 3 or re.match(r"\s*(?:according\s+to|laut|nach\s+angaben)\b", clause, re.IGNORECASE):
        return None  # "According to the report, X told …": a source phrase, no content
    if QUESTION_FRAME.match(clause):
        return None  # "Auf die Frage, ob er zurücktrete, antwortete X": someone else's question
    return unit[0] + len(clause) - len(clause.lstrip()), unit[0] + len(clause)
