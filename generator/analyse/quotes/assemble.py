"""The quote stage: per article, block by block, sentence by sentence, the parts put together.

1. quotations and sentences (`content`), 2. cues (`cues`), 3. the source of a cue
(`sources`), 4. who the source is (`coreference`), 5. what was said: quoted words (direct), a
reported clause (indirect), or a reported frame with quoted words (mixed); a sentence in
Konjunktiv right after a statement continues it. Every quote carries its evidence; a quote
whose source is unnamed is listed as such, one whose source cannot be told for sure as unsure,
never under a guessed name. Editors' overrides (`overrides`) have the last word.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re

from generator.analyse.names import Name, NameFinder, abbreviations, institutions
from generator.analyse.quotes.content import (
    QUESTION_FRAME,
    Quotation,
    fronted,
    inside,
    quotations,
    reported,
    units,
)
from generator.analyse.quotes.coreference import Discourse, Resolution, Speaker
from generator.analyse.quotes.cues import Cue, find_cues
from generator.analyse.quotes.lexicon import Lexicon
from generator.analyse.quotes.overrides import apply_overrides, overrides_of
from generator.analyse.quotes.sources import GENERIC, Source, SourceFinder
from generator.analyse.recognise import Recognizer
from generator.analyse.registry import Registry
from generator.model import Article, Quote, Span
from generator.text.mdtree import TreeBuilder

NAMED, UNNAMED, UNSURE = "named", "unnamed", "unsure"
_FIRST_PERSON = re.compile(r"\b(?:ich|wir|uns|unser\w*|mir|mich|I|we|us|our)\b", re.IGNORECASE)
_NEGATED = re.compile(r"^[^,;:]*\b(?:nicht|nichts|nie|not|never|nothing)\W*$", re.IGNORECASE)
_DATELINE = re.compile(
    r"\s*[A-ZÄÖÜ][\w .,/'’-]{1,50}?\s*\((?:dpa|Reuters|AP|AFP|dpa-AFX|epd|KNA|Bloomberg|ots|sda|apa|APA)"
    r"[^)]{0,20}\)\s*[-–—]\s*"
)
"""A dateline ("Magdeburg (dpa) - ", "SAN JOSE, California (Reuters) - ")."""
_SUBORDINATE = re.compile(
    r"\s*(?:Während|Als|Nachdem|Bevor|Wenn|Weil|Obwohl|Seit|Sobald|While|When|After|Before|As|"
    r"Although|Because|Since|Once|Asked|Gefragt|Auf)\b"
)
"""A subordinate clause opening the sentence ("Während Seehofer wartete, antwortete er"): no
reported content before the verb."""
_OBJECT_PRONOUN = re.compile(r"\b(?:him|her|ihn|ihm|sie)\b(?!\s+(?:sagte|said|erklärte))")
_INTERVIEW = re.compile(
    r"\s*(?P<who>[A-ZÄÖÜ][\w'’.-]*(?:\s+[A-ZÄÖÜ][\w'’.-]*){0,2}):\s+(?P<what>\S.{8,})", re.S
)
_QUESTION = frozenset(("Frage", "F", "Q", "Question", "Interviewer"))
_ANSWER = frozenset(("Antwort", "A", "Answer"))
_PLACES = frozenset(
    """Deutschland Europa Frankreich China Japan Indien Russland Italien Spanien Österreich
    Schweiz Großbritannien Amerika Brüssel Berlin Paris London München Hamburg Peking Washington
    Germany Europe France India Russia Italy Spain Britain America Brussels Beijing Taiwan Korea
    USA EU UK US""".split()
)
"""Places that open sentences like companies do; "der Konzern" never means them."""
_NEGATED_FRAME = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:nicht|nie|niemals|keineswegs|not|never)\s*[,:]", re.IGNORECASE
)
"""A verb of saying negated before its content ("Pistorius sagte nicht, dass …")."""
_NOT_BEFORE = re.compile(r"\b(?:nicht|nichts|nie|not|never)\s+(?:\w+\s+)?$", re.IGNORECASE)
_ATTRIBUTES = re.compile(r"(?:\s+(?:der|des|von|vom|bei|im|of|at)\s+(?:[A-ZÄÖÜ][\w.&-]*\s*)+)*")
_AS = re.compile(r"\s*(?:Wie|As)\s")
_PARENTHETICAL = re.compile(r"\w.*,\s*(?:so\s+)?$")
_THIS = re.compile(r"\s*(?:Dies|Das|Dieses|This|That)\s+$")


_PERSON_LIKE = re.compile(
    r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)? [A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
)
"""Two capitalised words, as a person's first and last name are written ("Rishi Sunak")."""
_SUBJECT_BEFORE = re.compile(
    r"(?:^\W*|,\s*[a-zäöü]+\s+|^\W*[A-ZÄÖÜ][\w-]*\s+[a-zäöü]+\s+)(?:(?:der|die|the)\s+)?"
    r"(?:[A-ZÄÖÜ][\w.-]*\s+){0,3}$"
)
"""What may come before a sentence's subject: nothing, a fronted word and the verb ("Dabei
spannte"), a clause and the verb (", spannte"); then a role or title ("Bundesminister")."""
_SUBJECT_SURNAME = re.compile(r"(?:^|,\s*[a-zäöü]+\s+)(?P<name>[A-ZÄÖÜ][\w-]+)")
"""A capitalised word as the subject: opening the sentence, or after a comma and a verb."""
_MAIN_VERB = re.compile(
    r",\s*(?!(?:der|die|das|dem|den|deren|dessen|denen|welche|welcher|welches|um|ohne|wie|wenn|weil|und"
    r"|oder|so|als|damit|sodass|obwohl|zu|während|bevor|nachdem|ob)\b)[a-zäöüß]"
)
"""A comma and a lower-case word that opens no clause of its own: the main clause's verb
after a fronted dass clause ("…, dass Europa investieren müsse, stieß auf Zustimmung")."""
_NAMED_NEXT = re.compile(r"\s+(?:als|as|ein|eine|einen|den|die|das|der)\s")
"""After a name, the words of a naming verb's object or complement: the name may be the
object ("nannte die Ministerin Müller eine „Fehlbesetzung“")."""
_NOT = re.compile(r"\b(?:nicht|kein|keine|keinen|not|never|nie)\b")
_WORDS_FRAME = re.compile(
    r"\b(?:Worte|Worten|Botschaft|Appell|Fazit|Credo|Devise|Losung|words|message)\s*:\s*$"
)
"""A verbless frame that introduces someone's words with a colon ("Danach die bekannten Worte:")."""
_NAMING = frozenset(("bezeichnen", "nennen", "describe", "call", "label", "brand", "dub"))
"""Verbs of naming: their "als „…“" / "as “…”" are the speaker's words."""


def _outer_first(text: str, unit: Span, cues: list[Cue]) -> list[Cue]:
    """ "Andrulis habe ihm versichert, dass …, sagte Klein.": the attribution that closes the
    sentence after a comma speaks the whole sentence; read it first."""
    if len(cues) < 2 or cues[-1].kind != "verb":
        return cues
    last = cues[-1]
    before = text[unit[0] : last.span[0]]
    after = text[last.span[1] : unit[1]].split()
    # "…, sagte Klein." / "…, Huang added." / "…, the company said.": a comma, at most a name
    tail = re.search(r",\s*((?:[\w'’.-]+\s+){0,4})$", before)
    joined = tail is not None and re.search(
        r"\b(?:but|and|or|aber|und|oder|doch|while|während)\b", tail.group(1)
    )
    if tail and not joined and 1 <= len(after) <= 6:
        return [last, *cues[:-1]]
    return cues


def _own_source(text: str, unit: Span, cue: Cue) -> bool:
    """ "heißt es in Branchenkreisen", "hieß es im Geschäftsbericht", "Aus dem Ministerium hieß
    es": an impersonal cue with a source of its own."""
    after = re.match(
        r"\s+(?:weiter\s+)?(?:in|im|aus|von|bei|darin|dort|dazu)\b", text[cue.span[1] : cue.span[1] + 40]
    )
    return (
        after is not None or re.match(r"\s*(?:Aus|Von|In|Im|Bei)\s", text[unit[0] : cue.span[0]]) is not None
    )


def _merged(names: list[Name], more: list[Name]) -> list[Name]:
    """`names` and those of `more` that overlap none of them, in order."""
    taken = [n.span for n in names]
    extra = [m for m in more if not any(a < m.span[1] and m.span[0] < b for a, b in taken)]
    return sorted(names + extra, key=lambda n: n.span)


def _masked(text: str, start: int, end: int, marks: list[Quotation]) -> str:
    """text[start:end] with quoted terms and short fragments blanked out ("Ein Sprecher zu der
    unter dem Codenamen „Unmask“ gelaufenen Aktion:")."""
    chars = list(text[start:end])
    for mark in marks:
        if (mark.term or mark.short) and start <= mark.span[0] - 1 and mark.span[1] + 1 <= end:
            for index in range(mark.span[0] - 1, mark.span[1] + 1):
                chars[index - start] = "x"
    return "".join(chars)


class QuoteFinder:
    """Finds the quotes of articles; build once per registry."""

    def __init__(self, registry: Registry, recognizer: Recognizer, lexicon: Lexicon | None = None):
        self.registry = registry
        self.lexicon = lexicon or Lexicon.load()
        self.names = NameFinder(registry, recognizer, self.lexicon)
        self.sources = SourceFinder(self.lexicon)

    def find(self, article: Article, trees: TreeBuilder) -> Article:
        """Return `article` with its `quotes` set."""
        reader = _Reader(self, article)
        reader.introduce(article.meta.title)  # a name in the headline is known to the whole text
        for section in article.sections:
            for block in trees.blocks(section.markdown):
                reader.block(block.text.text, section.number)
        # A headline quote counts; read last, when the article has named its speaker in full.
        headline = reader.headline(article.meta.title)
        quotes = apply_overrides(headline + reader.quotes, overrides_of(article), reader, self.registry)
        return dataclasses.replace(article, quotes=tuple(quotes))


class _Reader:
    """Reads one article in order, keeping the discourse."""

    def __init__(self, finder: QuoteFinder, article: Article):
        self.f = finder
        self.lexicon = finder.lexicon
        self.article = article
        self.lang = article.meta.lang
        self.discourse = Discourse()
        self.introduced: tuple[str, ...] = ()
        self.quotes: list[Quote] = []
        self.sentences: list[tuple[int, str]] = []
        """Every sentence read, with its section (for overrides that add a quote)."""
        self.colon: Resolution | None = None
        """Who the last sentence introduced with a colon ("Dazu erklärt X:")."""
        self.narrator: tuple[Resolution, int] | None = None
        """Who performed a speech act without content in the last sentence, and in which."""
        self.unit_names: list[Name] = []
        self.interviewee: Name | None = None
        """Who answers in an interview ("Andrulis: …")."""
        self.previous_names: list[Name] = []
        """The names of the sentence before, if it was no quote."""
        self.previous: str | None = None
        """The last sentence, if it was no quote ("… Dies sagte X.")."""

    def introduce(self, text: str) -> None:
        """Make the people named in `text` known, without reading it for quotes."""
        self.discourse.short_forms.update(abbreviations(text))
        for name in self.f.names.find(text)[0]:
            self.discourse.named(name)

    def headline(self, title: str) -> list[Quote]:
        """ "Stark-Watzinger: Wir wollen …", "X: „…“": the name before the colon said it."""
        match = re.fullmatch(r"\s*(?P<who>[^:„“\"«»]{2,60}?):\s*(?P<what>.+)", title)
        if match is None or len(match["what"].split()) < 4:
            return []
        names = self.f.names.find(match["who"])[0]
        who = match["who"].strip()
        written = (
            names[-1].name
            if names
            else who
            if re.fullmatch(r"[\w.-]+(?:\s+[\w.-]+){0,2}", who) and who[:1].isupper()
            else None
        )
        if written is None:
            return []
        known = self.discourse.person(written)
        people = [n for n in names if n.kind == "person"]
        if known is None and not people:
            return []  # "München: Eröffnung …": a place or a topic, not a person speaking
        speaker = self.discourse.speaker_of(known.name) if known else self.discourse.speaker_of(people[-1])
        marks = quotations(title, self.lexicon)
        if not marks and not _FIRST_PERSON.search(match["what"]):
            return []  # "Krautscheid: Neue Enquete – mehr Mut": a topic, not a statement
        what = title[slice(*marks[0].span)] if marks else match["what"]
        resolution = Resolution(speaker, True, f"headline: colon after „{who}“")
        return [self.quote(resolution, what, "direct", " ".join(title.split()), 0, None, None)]

    def block(self, text: str, section: int) -> None:
        dateline = _DATELINE.match(text)
        if dateline:  # "SAN JOSE, California (Reuters) - …": a place, never a speaker
            text = " " * dateline.end() + text[dateline.end() :]
        names, self.introduced = self.f.names.find(text, self.introduced)
        names = _merged(names, institutions(text, self.lexicon))
        names = _merged(names, self.surnames(text))
        self.discourse.short_forms.update(abbreviations(text))
        marks = quotations(text, self.lexicon)
        answer = self.interview(text, section)
        if answer is not None:
            for name in names:
                self.discourse.named(name)
            if answer:
                self.quotes.append(answer[0])
            return
        continuing = True  # a block that opens with a quotation may continue the last speaker
        starts = [n.span[0] for n in names]
        for unit in units(text, marks, self.lang):
            self.discourse.unit += 1
            in_unit = names[bisect.bisect_left(starts, unit[0]) : bisect.bisect_left(starts, unit[1])]
            self.previous_names = [] if self.previous is None else self.unit_names
            self.unit_names = in_unit
            quotes = [q for q in marks if unit[0] <= q.span[0] < unit[1]]
            sentence = " ".join(text[unit[0] : unit[1]].split())
            self.sentences.append((section, sentence))
            colon, self.colon = self.colon, None
            found = self.unit(text, unit, quotes, in_unit, section, sentence, continuing, colon)
            continuing = bool(found)
            if not found and sentence.endswith(":"):
                self.colon = self.introducer(text, unit, quotes, in_unit)
            for name in in_unit:
                self.discourse.named(name)
            opening = self.opening(text, unit, in_unit)
            subject = self.subject_organisation(text, opening)
            if subject is not None:
                self.discourse.named(subject)
            self.discourse.subject = self.opening_person(text, opening)
            self.discourse.object_pronoun = bool(_OBJECT_PRONOUN.search(text, unit[0], unit[1]))
            self.previous = None if found else sentence
            if found:
                self.quotes += found
                last = found[-1]
                kind = "unnamed" if last.group == UNNAMED else "person"
                self.discourse.last = Speaker(last.speaker_name, last.speaker, kind)
                self.discourse.last_unit = self.discourse.unit

    # -- one sentence ---------------------------------------------------------------------

    def unit(
        self,
        text: str,
        unit: Span,
        quotes: list[Quotation],
        names: list[Name],
        section: int,
        sentence: str,
        continuing: bool,
        colon: Resolution | None = None,
    ) -> list[Quote]:
        cues = _outer_first(text, unit, find_cues(text, unit, quotes, self.lexicon, self.lang))
        speech = [q for q in quotes if not q.term and (not q.short or self._said(text, unit, q, cues))]
        fragments = [q for q in quotes if not q.term and q.short and q not in speech]
        narrator, self.narrator = self.narrator, None  # the last sentence's speech act; this one's
        for cue in cues:
            source = self.f.sources.find(text, unit, cue, quotes, names, self.lang)
            named_as = False
            if source is not None:
                # "Aus Sicht der „Koalition …“": a name in quotation marks is no quoted word
                fragments = [q for q in fragments if not source.span[0] <= q.span[0] < source.span[1]]
            if source is not None and cue.word in _NAMING:
                # "bezeichnet der Verein Utiq als „…“": the name before "als" may be what is named
                named_as = (
                    source.name is not None and bool(_NAMED_NEXT.match(text, source.span[1]))
                ) or source.text.split()[0].lower() in ("den", "einen", "nobody", "niemand", "keiner")
                if not _NOT.search(text, cue.span[1], unit[1]):
                    # "bezeichnet Utiq als „Big Brother made in Germany“": the speaker's words
                    # (not "bezeichnete die Entscheidung nicht als „Fehler“")
                    fragments += [q for q in quotes if q.called and q.span[0] > cue.span[1]]
            if (
                source is not None
                and cue.kind == "before"
                and self._medium(source)
                and self._named_verb_follows(text, unit, source, cues, quotes, names)
            ):
                continue  # "Laut Spiegel sagte Olaf Scholz: „…“": Scholz's words, through the Spiegel
            if source is not None and source.kind == "document":
                if len(cues) > 1:
                    continue  # "According to the report, LeCun told Zuckerberg that …": the next cue
                return []  # "Die Studie zeigt, dass …": no one speaks
            for name in names:
                if name.span[1] <= (source.span[0] if source else cue.span[0]):
                    self.discourse.named(name)
            who = self.resolve(text, unit, cue, source)
            if who is None:
                continue
            if cue.kind == "words" and sum(c.kind == "words" for c in cues) > 1:
                # "Klingbeils Meinung nach …, Eskens Meinung nach nicht": two views in one sentence
                who = Resolution(who.speaker, False, f"{who.evidence}; another view in the same sentence")
            if named_as:
                who = Resolution(
                    who.speaker, False, f"{who.evidence}; the name before „als“ may be the object"
                )
            if speech:
                found = [
                    self.quote(who, text[slice(*q.span)], "direct", sentence, section, cue, source)
                    for q in speech
                ]
                reported_ = self.content(text, unit, cue, source, quotes)
                if (
                    reported_ is not None
                    and reported_[0] < speech[0].span[0] - 1
                    and cue.span[1] < speech[0].span[0]
                ):
                    # "appealed for people to come forward, saying: “…”": both are statements
                    lead = text[reported_[0] : speech[0].span[0] - 1]
                    clause = re.sub(r"[\s,:;–]*(?:saying|adding|noting)?[\s,:;–]*$", "", lead)
                    within = (
                        lead.rstrip()[-1:].isalnum() and len(speech) == 1 and speech[0].span[1] < reported_[1]
                    )
                    if within and not inside(reported_[0], quotes):
                        # "warned that the continent could become „a colony of American
                        # platforms.“", "Lumenfeld sei „das am weitesten entwickelte Team“": one
                        # statement, the quoted words inside its clause
                        whole = text[reported_[0] : reported_[1]]
                        return [self.quote(who, whole, "mixed", sentence, section, cue, source)]
                    if len(clause.split()) >= 3 and not inside(reported_[0], quotes):
                        found.insert(0, self.quote(who, clause, "indirect", sentence, section, cue, source))
                return self.reported_before(text, unit, speech[0], who, sentence, section) + found
            if (
                _NEGATED.search(text[cue.span[1] : unit[1]])
                or _NOT_BEFORE.search(text, unit[0], cue.span[0])
                or _NEGATED_FRAME.match(text, cue.span[1])
            ):
                continue  # "äußerte sich nicht", "wollte … nicht sagen", "declined to comment": nothing said
            content = self.content(text, unit, cue, source, quotes)
            if content is not None and not sentence.endswith("?"):
                kind = "mixed" if fragments else "indirect"
                found = [self.quote(who, text[slice(*content)], kind, sentence, section, cue, source)]
                if who.speaker.name is None or (source is not None and self._medium(source)):
                    # the report, and what the one it names said
                    inner = self.relayed(text, unit, content, cues, quotes, names)
                    if inner is not None:
                        speaker, words, inner_cue, inner_source = inner
                        found.append(
                            self.quote(speaker, words, kind, sentence, section, inner_cue, inner_source)
                        )
                return found
            later = (
                [c for c in cues if c.kind == "verb" and cue.span[1] <= c.span[0] < fragments[0].span[0]]
                if fragments
                else []
            )
            if fragments and cue.kind == "verb" and source is not None and not later:
                # (not "widersprach Wüst, der gesagt hatte, … „…“": the nearer verb's words)
                return [self.quote(who, sentence, "mixed", sentence, section, cue, source)]
            if (
                cue.kind == "verb"
                and source is not None
                and self.lang == "de"
                and self.lexicon.is_subjunctive(text[slice(*cue.span)])
                and not sentence.endswith("?")
            ):
                # "Er hoffe auf weitere Investitionen": the verb of saying itself in Konjunktiv
                # reports what its subject said.
                return [self.quote(who, sentence, "indirect", sentence, section, cue, source)]
            previous = self.previous
            if cue.kind == "verb" and _THIS.fullmatch(text[unit[0] : cue.span[0]]) and previous is not None:
                # "Die Parteien haben … aufgehoben. Dies sagte Premierminister X.": the sentence before.
                return [self.quote(who, previous, "indirect", previous, section, cue, source)]
            if (
                cue.kind == "verb"
                and source is not None
                and who.speaker.name is not None
                and who.speaker.kind == "person"
            ):
                self.narrator = (who, self.discourse.unit)  # a speech act without content
        if colon is not None and (not quotes or quotes[0].span[0] <= unit[0] + 2):
            # "Dazu erklärt X:" and the next paragraph, with or without quotation marks.
            said = [text[slice(*q.span)] for q in speech] or [sentence]
            return [self.quote(colon, words, "direct", sentence, section, None, None) for words in said]
        if speech:
            return self.unattributed(text, unit, speech, quotes, sentence, section, continuing)
        d = self.discourse
        # Words quoted inside the writer's own sentence may be anyone's: only the sentence's
        # subject or a cue gives them a speaker.
        short = [q for q in fragments if not q.embedded]
        if (
            short
            and not cues
            and self.lang == "de"  # English puts scare quotes anywhere ("attention to “over-the-top” apps")
            and d.last is not None
            and d.last.name
            and d.unit - d.last_unit == 1
        ):
            # "… nur mit „Ja“ und „Nein“. Darunter die Frage, ob …, mit „Ja“.": more of it.
            who = Resolution(d.last, True, f"quoted words right after a statement of {d.last.name}")
            return [self.quote(who, sentence, "mixed", sentence, section, None, None)]
        if short and not cues and narrator is not None and self.discourse.unit - narrator[1] == 1:
            # "Mensch gab Einblicke in … Das Unternehmen generiert „ziemlich signifikante
            # Einnahmen“": quoted words right after a speech act of someone are theirs.
            who = Resolution(
                narrator[0].speaker, narrator[0].sure, f"quoted words after: {narrator[0].evidence}"
            )
            return [self.quote(who, sentence, "mixed", sentence, section, None, None)]
        if fragments and not cues:
            subject = self.subject_person(text, unit, fragments[0], names)
            if subject is not None:
                return [self.quote(subject, sentence, "mixed", sentence, section, None, None)]
        continued = None if cues else self.continuation(text, unit, speech, narrator)
        if continued is not None:
            return [
                self.quote(
                    continued, sentence, "mixed" if fragments else "indirect", sentence, section, None, None
                )
            ]
        return []

    def surnames(self, text: str) -> list[Name]:
        """The surnames of people named in full before ("Huang shrugged off the remark"): the
        name finder does not know a surname alone, the reader does."""
        known = {k.name.name.split()[-1]: k.name for k in self.discourse.people if " " in k.name.name}
        if not known:
            return []
        found = []
        for match in re.finditer(r"(?<![\w-])[A-ZÄÖÜ][\w’'-]*", text):
            word = match.group()
            name = known.get(word) or known.get(re.sub(r"(?:'s|’s|s)$", "", word))
            if name is not None:
                span = (match.start(), match.start() + len(name.name.split()[-1]))
                found.append(dataclasses.replace(name, span=span, name=name.name.split()[-1]))
        return found

    def opening(self, text: str, unit: Span, names: list[Name]) -> Source | None:
        """The noun phrase a sentence opens with (read from its first words only)."""
        return self.f.sources.phrase(
            text, unit[0], min(unit[1], unit[0] + 160), names, self.lang, anchored=True
        )

    def opening_person(self, text: str, source: Source | None) -> tuple[Name, int] | None:
        """The person a sentence opens with ("Former Intel chief executive Pat Gelsinger was …")."""
        if source is not None and source.kind == "role":
            # "Der Minister wies das zurück. Er sagte …": the minister, if sure; else nobody sure
            found = self.discourse.role(source.role or "", source.affiliation)
            known = (
                self.discourse.person(found.speaker.name or "") if found is not None and found.sure else None
            )
            if known is None:
                self.discourse.subject_unknown = self.discourse.unit
                return None
            return known.name, self.discourse.unit
        if (
            source is not None
            and source.name is not None
            and source.name.kind == "organisation"
            and source.name.entity is None
            and _PERSON_LIKE.fullmatch(source.name.name)
            and not self._person(source.name)
        ):
            # "Rishi Sunak welcomed Joe Biden. He said …": a first name the list does not know;
            # "he" may well be the one the sentence opened with.
            self.discourse.subject_unknown = self.discourse.unit
            return None
        if source is None or source.name is None or not self._person(source.name):
            return None
        after = text[source.span[1] : source.span[1] + 6]
        if re.match(r"\s*(?:und|and|&|,)", after):
            return None  # "Lisa Su of AMD and Huang are …": two subjects
        return source.name, self.discourse.unit

    def subject_organisation(self, text: str, source: Source | None) -> Name | None:
        """The organisation a sentence opens with, registry entry or not ("AMD hat … vorgestellt",
        "Auch Intel meldet sich zurück", "Die Schwarz-Gruppe ist …"): what "der Konzern" or "the
        company" in the next sentences refers to."""
        if source is None or source.kind != "name" or source.name is None:
            return None
        name = source.name
        if name.kind != "organisation" or name.name in _PLACES or not name.name[:1].isupper():
            return None
        if re.match(
            r"\s+(?:to|of|for|with|from|zu|zufolge|nach)\b", text[source.span[1] : source.span[1] + 10]
        ):
            return None  # "According to the report": no company opens this sentence
        if self.discourse.person(name.name) is not None:
            return None  # "Amodei …": the surname of someone named before, not a company
        return name

    def _person(self, name: Name) -> bool:
        """A person: found as one, or the surname of someone named in full before."""
        return name.kind == "person" or self.discourse.person(name.name) is not None

    def reported_before(
        self, text: str, unit: Span, first: Quotation, who: Resolution, sentence: str, section: int
    ) -> list[Quote]:
        """ "Sie bilde künftig die Grundlage für …: „…“, so der Ministerpräsident.": a clause in
        Konjunktiv before the quotation is reported speech of the same speaker."""
        before = text[unit[0] : first.span[0] - 1]
        words = [w.strip(",;:") for w in before.split()]
        if self.lang != "de" or len(words) < 4 or not any(self.lexicon.is_subjunctive(w) for w in words):
            return []
        if find_cues(text, (unit[0], first.span[0] - 1), [], self.lexicon, self.lang):
            return []
        return [self.quote(who, before.rstrip(" :,"), "indirect", sentence, section, None, None)]

    def introducer(
        self, text: str, unit: Span, quotes: list[Quotation], names: list[Name]
    ) -> Resolution | None:
        """Who a sentence ending in a colon introduces: the source of its cue ("Dazu erklärt
        Ministerin X:"), else the person it opens with ("X, Hauptgeschäftsführer des …, zur …:")."""
        for cue in find_cues(text, unit, quotes, self.lexicon, self.lang):
            source = self.f.sources.find(text, unit, cue, quotes, names, self.lang)
            who = self.resolve(text, unit, cue, source)
            if who is not None and source is not None:
                return Resolution(who.speaker, who.sure, f"colon: {who.evidence}")
        opening = self.f.sources.phrase(text, unit[0], unit[1], names, self.lang, anchored=True)
        person = opening is not None and opening.name is not None and self._person(opening.name)
        if opening is not None and (person or opening.kind in ("pronoun", "unnamed", "role")):
            who = self.resolve(text, unit, Cue(opening.span, "verb", ":"), opening)
            if who is not None and (who.speaker.name or who.speaker.kind == "unnamed"):
                return Resolution(
                    who.speaker, who.sure, f"colon after a sentence opening with {opening.text}"
                )
        return None

    def _said(self, text: str, unit: Span, quote: Quotation, cues: list[Cue]) -> bool:
        """A short quotation is speech when a cue or a colon introduces it directly
        ("„Wir müssen loslegen“, sagt X"; "X: „Ja“")."""
        after = text[quote.span[1] + 1 : quote.span[1] + 6]
        before = text[max(unit[0], quote.span[0] - 4) : quote.span[0] - 1]
        if before.strip().endswith(":"):
            return True
        follows = any(0 <= c.span[0] - quote.span[1] <= 6 for c in cues)
        return follows and after.lstrip().startswith(",") and quote.span[0] - 1 <= unit[0] + 1

    def resolve(self, text: str, unit: Span, cue: Cue, source: Source | None) -> Resolution | None:
        """The speaker a cue's source stands for; None if the cue has no source at all."""
        d = self.discourse
        if source is None:
            if cue.kind == "hearsay":
                return Resolution(Speaker(None, kind="unnamed"), True, f"„{cue.word}“: no one named")
            if cue.kind == "impersonal" and _own_source(text, unit, cue):
                # "heißt es in Branchenkreisen", "hieß es im Geschäftsbericht": a source of its own
                return Resolution(
                    Speaker(None, kind="unnamed"), True, f"„{cue.word}“ with a source of its own"
                )
            if cue.kind == "impersonal" and d.last is not None and d.unit - d.last_unit <= 2:
                return Resolution(d.last, True, f"„{cue.word}“ continues {d.last.name}")
            if cue.kind == "impersonal":
                return Resolution(Speaker(None, kind="unnamed"), True, f"„{cue.word}“, no one named")
            return None
        if source.kind == "document":
            return None
        evidence = f"{cue.kind} „{cue.word}“, source „{source.text}“"
        if source.kind in ("name", "media") and source.name is not None:
            speaker = d.speaker_of(source.name)
            if re.fullmatch(r"\.\s+", text[source.span[1] : cue.span[0]]):
                # "Sebastian Krauß, Der Mittelstand. BVMW. sagte:": a full stop between the name
                # and its verb; the sentence was cut inside the real subject.
                return Resolution(speaker, False, f"{evidence}: a full stop between name and verb")
            if (
                speaker.kind == "organisation"
                and speaker.name not in _PLACES
                and d.person(speaker.name or "") is None
            ):
                d.named(source.name)  # "Apple said …. The company said …": Apple
            return Resolution(speaker, True, f"{evidence}: named")
        if source.kind == "pronoun" and source.role == "unsure":
            return Resolution(
                Speaker(None), False, f"{evidence}: whose it is, the text does not say for sure"
            )
        if source.kind == "pronoun":
            opening = min(source.span[0], cue.span[0])
            lead = text[unit[0] : opening]
            postposed = lead.rstrip().endswith((",", "“", "”", '"', "«", "»")) and not _SUBORDINATE.match(
                lead
            )
            found = d.pronoun(source.role or "any", postposed)
            if found is None:
                return Resolution(Speaker(None), False, f"{evidence}: nobody it could mean")
            if cue.kind == "words" and (d.subject is None or d.subject[0].name != found.speaker.name):
                # "Biden met with Xi. In his view, …": a possessive names whose view only through
                # the subject of the sentence before
                return Resolution(Speaker(None), False, f"{evidence}: not the subject of the sentence before")
            return Resolution(found.speaker, found.sure, f"{evidence}: {found.evidence}")
        if source.kind == "role":
            found = d.role(source.role or "", source.affiliation)
            if found is None:
                return Resolution(Speaker(None, kind="unnamed"), True, f"{evidence}: role, no name")
            return Resolution(found.speaker, found.sure, f"{evidence}: {found.evidence}")
        if source.kind == "reference":
            found = d.organisation(None if source.role in GENERIC else source.role)
            if found is None:
                return Resolution(Speaker(None), False, f"{evidence}: no organisation named before")
            return Resolution(found.speaker, found.sure, f"{evidence}: {found.evidence}")
        return Resolution(Speaker(None, kind="unnamed"), True, f"{evidence}: unnamed source")

    def interview(self, text: str, section: int) -> list[Quote] | None:
        """ "Andrulis: Das sehe ich nicht so." in an interview: the answer of the person named
        before the colon (or of "Antwort:"/"A:", the one person the article is about); "Frage:"
        and "Q:" ask. None when the block is no such line."""
        match = _INTERVIEW.match(text)
        if match is None:
            return None
        label, answer = match["who"], match["what"].strip()
        if label in _QUESTION:
            return []
        known: Name | None
        if label in _ANSWER:
            people = [k.name for k in self.discourse.people]
            known = self.interviewee or (people[0] if len({p.name for p in people}) == 1 else None)
        else:
            person = self.discourse.person(label)
            known = person.name if person is not None else self.named_before(label)
        if known is None:
            return None  # "Berlin: …", "Wichtig: …": no one known speaks
        self.interviewee = known
        speaker = self.discourse.speaker_of(known)
        who = Resolution(speaker, True, f"interview: answer of {speaker.name}")
        self.sentences.append((section, " ".join(text.split())))
        return [self.quote(who, answer, "direct", " ".join(text.split()), section, None, None)]

    def named_before(self, surname: str) -> Name | None:
        """ "Ngozi Okafor runs …" … "Okafor: …": the full name an interview label stands for, when
        the text named it before (the first-name list need not know "Ngozi")."""
        if " " in surname:
            return None
        pattern = re.compile(rf"(?<![\w-])([A-ZÄÖÜ][\w'’-]+ {re.escape(surname)})(?![\w-])")
        for _, sentence in reversed(self.sentences):
            match = pattern.search(sentence)
            if match and match.group(1).split()[0] not in _QUESTION | _ANSWER:
                name = Name((0, 0), match.group(1), "person")
                self.discourse.named(name)
                return name
        return None

    def content(
        self, text: str, unit: Span, cue: Cue, source: Source | None, quotes: list[Quotation]
    ) -> Span | None:
        """What the cue reports, if it reports anything."""
        end = unit[1]
        if cue.kind == "hearsay":
            return unit if len(text[unit[0] : unit[1]].split()) >= 4 else None
        if cue.kind in ("before", "after", "so", "words", "own"):
            # "Laut X werden …", "X zufolge …", "…, so X, …": the sentence without the cue phrase.
            start = unit[0]
            if cue.kind == "own" and cue.span[0] <= unit[0] + 2:
                start = cue.span[1] + len(text[cue.span[1] : end]) - len(text[cue.span[1] : end].lstrip(" ,"))
            if cue.kind == "before" and cue.span[0] <= unit[0] + 2 and source is not None:
                # past the source's attributes: "Nach Einschätzung von Analysten der Bank Jefferies"
                attribute = _ATTRIBUTES.match(text, source.span[1], end)
                start = re.match(r"[^,]*?,?\s*", text[attribute.end() : end]).end() + attribute.end()  # type: ignore[union-attr]
            words = text[start:end].split()
            return (start, end) if len(words) >= 4 else None
        after = max(cue.span[1], source.span[1] if source else cue.span[1])
        if source is not None and _AS.match(text, unit[0]) and source.span[0] < cue.span[0]:
            # "Wie Bloomberg berichtet, plant Nvidia …": the main clause after the wie-clause.
            comma = text.find(",", cue.span[1], unit[1])
            return (unit[0], unit[1]) if comma > 0 and len(text[comma : unit[1]].split()) >= 3 else None
        opening = min(cue.span[0], source.span[0] if source else cue.span[0])
        inserted = _PARENTHETICAL.search(text[unit[0] : opening]) and text[
            after : unit[1]
        ].lstrip().startswith(",")
        if inserted and len(text[unit[0] : unit[1]].split()) >= 6 and not QUESTION_FRAME.match(text, unit[0]):
            return unit  # "DeepSeek, so bemerkte er, profitierte …": the attribution is inserted
        if cue.kind == "noun":
            # "Die Forderung von X, dass …, stieß auf Zustimmung": the dass clause, up to the
            # main clause's verb
            that = re.compile(r",\s*dass\s").search(text, cue.span[1], end)
            if that is None:
                return None
            main = _MAIN_VERB.search(text, that.end(), end)
            return (that.end(), main.start() if main else end)
        clause = reported(text, unit, after, self.lexicon, self.lang, cue.word)
        if clause is not None and not inside(clause, quotes):
            return (clause, end)
        if source is not None or cue.kind == "impersonal":
            # "…, sagte X." / "…, X said." / "…, hieß es.": the attribution follows the content.
            before = fronted(text, unit, min(cue.span[0], source.span[0]) if source else cue.span[0])
            if before is not None:
                return before
        return None

    def _medium(self, source: Source) -> bool:
        return source.kind == "media" or (
            source.name is not None and self.lexicon.media_names.fullmatch(source.name.name) is not None
        )

    def _named_verb_follows(
        self,
        text: str,
        unit: Span,
        source: Source,
        cues: list[Cue],
        quotes: list[Quotation],
        names: list[Name],
    ) -> bool:
        """A verb of saying right after the medium, with a named subject right at it."""
        clause = (source.span[1], unit[1])
        for cue in cues:
            if cue.kind != "verb" or text[source.span[1] : cue.span[0]].strip(" ,"):
                continue
            subject = self._named_subject(text, clause, cue, quotes, names)
            if subject is not None and not self._medium(subject):
                return True
        return False

    def _named_subject(
        self, text: str, clause: Span, cue: Cue, quotes: list[Quotation], names: list[Name]
    ) -> Source | None:
        """The named source of a verb in `clause`, standing right at the verb (opening the
        clause before it, or right after it): not "sagte eine Nachbarin von Tom Bäcker"."""
        source = self.f.sources.find(text, clause, cue, quotes, names, self.lang)
        if source is None or source.kind != "name":
            return None
        if source.span[0] > cue.span[0]:
            return None if text[cue.span[1] : source.span[0]].strip() else source
        return None if text[clause[0] : source.span[0]].strip() else source

    def relayed(
        self,
        text: str,
        unit: Span,
        content: Span,
        cues: list[Cue],
        quotes: list[Quotation],
        names: list[Name],
    ) -> tuple[Resolution, str, Cue, Source] | None:
        """ "Local media reported that the Commission ordered providers to reduce …": a medium or
        an unnamed source passes on what someone named said; that one is its speaker."""
        clause = (content[0], unit[1])  # the reported clause, read as a sentence of its own
        for cue in cues:
            if not content[0] <= cue.span[0] < content[1] or cue.kind != "verb":
                continue
            source = self._named_subject(text, clause, cue, quotes, names)
            if source is None:
                continue
            who = self.resolve(text, clause, cue, source)
            said = self.content(text, clause, cue, source, quotes)
            if who is not None and who.sure and who.speaker.name is not None and said is not None:
                return who, text[slice(*said)], cue, source
        return None

    def unattributed(
        self,
        text: str,
        unit: Span,
        speech: list[Quotation],
        quotes: list[Quotation],
        sentence: str,
        section: int,
        continuing: bool,
    ) -> list[Quote]:
        """Quoted speech without a cue in its sentence: introduced by a colon after a name, or
        continuing the last speaker's quotation; otherwise unsure."""
        d = self.discourse
        before = _masked(text, unit[0], speech[0].span[0] - 1, quotes)
        colon = re.match(r"\s*[^:„“\"«»]{2,200}:\s*$", before)
        who: Resolution | None = None
        if colon:
            who = self.introducer(text, (unit[0], speech[0].span[0] - 1), [], self.unit_names)
        if who is None and d.last is not None and d.unit - d.last_unit <= 1 and continuing:
            who = Resolution(d.last, True, f"continues the quotation of {d.last.name}")
        if who is None and d.last is not None and d.unit - d.last_unit <= 1:
            who = Resolution(d.last, False, f"after a statement of {d.last.name}")
        people = {n.name for n in self.previous_names if self._person(n)}
        opens = speech[0].span[0] - 1 <= unit[0] + 1
        if who is None and colon and _WORDS_FRAME.search(before) and len(people) == 1:
            # "… vom Oberbürgermeister Christian Ude angestochen. Danach die bekannten Worte:
            # „O’zapft is“": the words of the one person the sentence before was about.
            person = next(n for n in self.previous_names if n.name in people)
            speaker = d.speaker_of(person)
            who = Resolution(
                speaker, True, f"„{colon.group().strip()}“ after a sentence about {speaker.name}"
            )
        if who is None and opens and len(people) == 1 and d.unit - d.last_unit > 1:
            # "X reaffirmed the company's willingness to invest. “The whole world is talking
            # about AI.”": a quotation opening the sentence after one about one person.
            person = next(n for n in self.previous_names if n.name in people)
            speaker = d.speaker_of(person)
            who = Resolution(speaker, True, f"quotation after a sentence about {speaker.name}")
        if who is None:
            return []  # no cue, no colon, nobody speaking before: a citation or a title, not a quote
        found = [
            self.quote(who, text[slice(*q.span)], "direct", sentence, section, None, None) for q in speech
        ]
        return self.reported_before(text, unit, speech[0], who, sentence, section) + found

    def subject_person(
        self, text: str, unit: Span, fragment: Quotation, names: list[Name]
    ) -> Resolution | None:
        """ "…, spannte Stratmann dabei den Bogen … zur „gegenwärtigen Zeitenwende“": quoted words
        in a sentence about one named person are that person's."""
        people = [
            n
            for n in names
            if n.kind == "person"
            and n.span[1] < fragment.span[0]
            # the subject, not "Is it fair to call Elon Musk „a genius“?"
            and _SUBJECT_BEFORE.search(text[unit[0] : n.span[0]])
        ]
        if not any(n.span[1] < fragment.span[0] for n in names):
            # "…, spannte Stratmann dabei den Bogen": the surname of someone named in full
            # before, as the subject (opening the sentence, or right after the verb that follows
            # a fronted phrase); not "die Kritik an Stratmann".
            for word in _SUBJECT_SURNAME.finditer(text[unit[0] : fragment.span[0]]):
                known = self.discourse.person(word.group("name"))
                if known is not None:
                    start = unit[0] + word.start("name")
                    people.append(dataclasses.replace(known.name, span=(start, word.end("name") + unit[0])))
        if len({n.name for n in people}) != 1 or any(
            n.kind != "person" and n.span[1] < fragment.span[0] for n in names
        ):
            return None
        speaker = self.discourse.speaker_of(people[0])
        return Resolution(speaker, True, f"quoted words in a sentence about {speaker.name}")

    def continuation(
        self, text: str, unit: Span, speech: list[Quotation], narrator: tuple[Resolution, int] | None
    ) -> Resolution | None:
        """A sentence in Konjunktiv right after a statement or a speech act ("Gysi setzte sich
        für … ein. Lafontaine solle …"), naming no new speaker, continues it."""
        d = self.discourse
        sentence = text[unit[0] : unit[1]].rstrip()
        words = [w.strip(",;.:!?)(") for w in sentence.split()]
        if self.lang != "de":
            return None  # Konjunktiv is German; English reported speech needs its verb
        if speech or sentence.endswith("?") or not any(self.lexicon.is_subjunctive(w) for w in words):
            return None
        if re.search(r"\b(?:ob|whether|falls|wenn)\b|,\s*dass\b", sentence):
            # "Zur Frage, ob er das tun solle, …": a question; "Aus Dokumenten geht hervor,
            # dass …": a frame of its own, not a continuation.
            return None
        if d.last is not None and d.unit - d.last_unit == 1:
            return Resolution(d.last, True, f"Konjunktiv continues {d.last.name or 'the last statement'}")
        if narrator is not None and d.unit - narrator[1] == 1:
            who = narrator[0]
            return Resolution(who.speaker, who.sure, f"Konjunktiv after a speech act: {who.evidence}")
        return None

    def quote(
        self,
        who: Resolution,
        content: str,
        kind: str,
        sentence: str,
        section: int,
        cue: Cue | None,
        source: Source | None,
    ) -> Quote:
        speaker = who.speaker
        named = speaker.name is not None and who.sure
        group = NAMED if named else UNNAMED if speaker.kind == "unnamed" and who.sure else UNSURE
        digest = hashlib.sha1(f"{self.article.stem}|{content}".encode()).hexdigest()[:8]
        return Quote(
            speaker=speaker.entity if named else None,
            speaker_name=speaker.name if named else None,
            text=" ".join(content.split()),
            kind=kind,
            sentence=sentence,
            section=section,
            anchor=f"zitat-{digest}",
            group=group,
            evidence=who.evidence,
        )
