"""Attribute stage: quotes and reported speech, with their speakers.

Per article, block by block (a paragraph, a list item), sentence by sentence:

- direct quotes are the spans between quotation marks („…“, “…”, "…", «…», »…«, ‚…‘);
  a short quoted term (three words or fewer) is a scare quote unless someone is speaking
  in that sentence or the one before;
- reported speech is a sentence with a speech verb and a speaker (a dass-clause,
  "…, so glaubt er, …", "laut X", "X zufolge", "according to X"), or a Konjunktiv-I
  sentence right after a statement, which continues it;
- the speaker is the subject next to the speech verb: a registry entity, a newly
  discovered name, a pronoun (the most recent person of that gender), a role ("der
  Firmenchef": the person of the company named last with that role) or a company
  reference ("das Unternehmen"). Unnamed sources ("Beobachter", "ein Sprecher") give
  no speaker and are not replaced by an earlier one.

The word lists are data: `data/speech.yml`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

from generator.discover import BlockScan, Discoverer
from generator.mdtree import TreeBuilder
from generator.model import Article, Quote, Span
from generator.recognise import Recognizer, overlaps
from generator.registry import Entity, Registry
from generator.sentences import sentence_bounds
from generator.speech import SpeechCues, quote_spans


@dataclass
class Speaker:
    """Who said something: a registry entity, or a name the registry does not know."""

    entity: str | None
    name: str | None
    kind: str
    """named, pronoun, role, company, unnamed"""

    @property
    def known(self) -> bool:
        return self.kind != "unnamed" and (self.entity is not None or self.name is not None)


@dataclass
class _Candidate:
    span: Span
    speaker: Speaker
    person: bool


@dataclass
class _State:
    """What the reader knows so far in the article."""

    introduced: tuple[str, ...] = ()
    people: list[tuple[str | None, str, str]] = field(default_factory=list)
    """(entity id, name, gender) of the people named so far, most recent last."""
    company: str | None = None
    """The company named last."""
    last: Speaker | None = None
    """The speaker of the last statement, for continuations."""
    last_was_statement: bool = False


class QuoteFinder:
    """Finds quotes in articles; build once per registry."""

    def __init__(
        self,
        registry: Registry,
        recognizer: Recognizer,
        discoverer: Discoverer,
        cues: SpeechCues | None = None,
    ):
        self.registry = registry
        self.recognizer = recognizer
        self.discoverer = discoverer
        self.cues = cues or SpeechCues.load()

    def gender(self, name: str) -> str:
        first = name.split()[0]
        answer = self.discoverer.first_names.get_gender(first)
        return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(
            answer, "any"
        )

    def find(self, article: Article, trees: TreeBuilder) -> Article:
        """Return `article` with its `quotes` set."""
        state = _State()
        quotes: list[Quote] = []
        for section in article.sections:
            state.introduced = section.introduced
            for block in trees.block_texts(section.markdown):
                quotes += _Block(self, block, section.number, state, article).run()
        return dataclasses.replace(article, quotes=tuple(quotes))


class _Block:
    """One block of text: its sentences, names and quotes."""

    def __init__(self, finder: QuoteFinder, text: str, section: int, state: _State, article: Article):
        self.f = finder
        self.cues = finder.cues
        self.text = text
        self.section = section
        self.state = state
        self.stem = article.stem
        self.english = article.meta.lang == "en"
        self.quotes = quote_spans(text, self.cues.marks)
        mentions, state.introduced = finder.recognizer.scan(text, state.introduced)
        self.mentions = mentions

    @cached_property
    def new_people(self) -> list[tuple[Span, str]]:
        """Names the registry does not know; looked for only where someone may be speaking."""
        if (
            not self.quotes
            and not self.cues.verb.search(self.text)
            and not self.cues.particle_verb.search(self.text)
        ):
            return []
        people = BlockScan(self.f.discoverer, self.text, self.section).people_only()
        return [(span, c.name) for span, c in people.items()]

    def units(self) -> list[Span]:
        """Sentences, merged where a boundary falls inside a quotation."""
        units: list[Span] = []
        for start, end in sentence_bounds(self.text):
            if units and any(q[0] < start < q[1] or q[0] <= start - 1 < q[1] for q in self.quotes):
                units[-1] = (units[-1][0], end)
            else:
                units.append((start, end))
        return units

    def run(self) -> list[Quote]:
        found: list[Quote] = []
        previous_speaker: Speaker | None = None
        for unit in self.units():
            quotes, speaker = self.unit(unit, previous_speaker)
            found += quotes
            previous_speaker = speaker
            self.remember(unit)
        return found

    def remember(self, unit: Span) -> None:
        """Names in this sentence become the recent people and company."""
        for mention in self.mentions:
            if unit[0] <= mention.start < unit[1]:
                entity = self.f.registry.get(mention.entity)
                if self.f.registry.type_of(entity).short_name:
                    self._remember_person(entity.id, entity.name)
                else:
                    self.state.company = entity.id
        for span, name in self.new_people:
            if unit[0] <= span[0] < unit[1]:
                self._remember_person(None, name)

    def _remember_person(self, entity: str | None, name: str) -> None:
        people = [p for p in self.state.people if p[1] != name]
        people.append((entity, name, self.f.gender(name)))
        self.state.people = people

    # -- one sentence ---------------------------------------------------------------------

    def unit(self, unit: Span, previous: Speaker | None) -> tuple[list[Quote], Speaker | None]:
        inside = [q for q in self.quotes if unit[0] <= q[0] < unit[1]]
        cue = self.cue(unit, inside)
        content = self.content_start(unit, cue)
        subject = self.speaker(unit, cue, inside, content) if cue else None
        speaker = subject.speaker if subject else None
        sentence = self.text[unit[0] : unit[1]].strip()
        quotes: list[Quote] = []
        for span in inside:
            quoted = self.text[span[0] : span[1]].strip()
            if len(quoted.split()) <= 3:
                if self.cues.scare_marker.search(self.text[max(unit[0], span[0] - 30) : span[0] - 1]):
                    continue
                who = (
                    speaker
                    if speaker and speaker.known
                    else previous
                    if previous and previous.known
                    else None
                )
                if who is None:
                    continue  # a scare quote: nobody is speaking here
            else:
                who = speaker or self.introduced(unit, span, inside) or self.continuation(unit, span)
            if content is not None and span[0] >= content:
                # Reported speech with quoted words: the whole reported clause, once per sentence.
                if not any(q.kind == "mixed" for q in quotes):
                    quotes.append(self.quote(who, self.text[content : unit[1]].strip(), "mixed", sentence))
                continue
            quotes.append(self.quote(who, quoted, "direct", sentence))
            quotes += self.nested(span, sentence)
        negated = content is None and re.search(r"\b(?:nicht|not|nie|never)\W*$", sentence)
        if not inside and cue and subject is not None and speaker is not None and not negated:
            # ("Namen nannte er nicht." says nothing.)
            postposed = self.postposed(unit, cue, subject) if content is None else None
            if postposed is not None:  # "Revenue rose, the company said in a statement."
                reported = self.text[unit[0] : postposed].strip()
            else:
                start = content if content is not None else self.after_cue(unit, cue, inside)
                reported = self.text[start if start is not None else unit[0] : unit[1]].strip()
            quotes.append(self.quote(speaker, reported, "reported", sentence))
        elif (
            not inside
            and not cue
            and self.state.last_was_statement
            and self.cues.subjunctive.search(sentence)
        ):
            quotes.append(self.quote(self.state.last, sentence, "reported", sentence))
        statement = bool(quotes)
        self.state.last_was_statement = statement
        if statement and quotes[-1].speaker_name is not None:
            self.state.last = Speaker(quotes[-1].speaker, quotes[-1].speaker_name, "named")
        elif statement:
            self.state.last = None
        return quotes, speaker

    def quote(self, speaker: Speaker | None, text: str, kind: str, sentence: str) -> Quote:
        known = speaker if speaker is not None and speaker.known else None
        digest = hashlib.sha1(f"{self.stem}|{text}".encode()).hexdigest()[:8]
        return Quote(
            speaker=known.entity if known else None,
            speaker_name=(known.name if known else None),
            text=text,
            kind=kind,
            sentence=sentence,
            section=self.section,
            anchor=f"zitat-{digest}",
        )

    def introduced(self, unit: Span, span: Span, inside: list[Span]) -> Speaker | None:
        """ "Der Nvidia-Chef ließ keinen Zweifel: »…«": the person named before the colon."""
        before = self.text[unit[0] : span[0] - 1].rstrip()
        if not before.endswith(":"):
            return None
        people = [c for c in self.candidates((unit[0], span[0]), inside, None) if c.person]
        return people[-1].speaker if people else None

    def nested(self, outer: Span, sentence: str) -> list[Quote]:
        """A quote inside a quote (‚…‘ in „…“) belongs to the person the outer quote names."""
        inner_marks = {"‚": "‘’", "‹": "›", "'": "'"}
        found = []
        for start, end in quote_spans(self.text[outer[0] : outer[1]], inner_marks):
            inner = (outer[0] + start, outer[0] + end)
            cue = self.cue(outer, [inner])
            subject = self.speaker(outer, cue, [inner], None) if cue else None
            if subject is not None and subject.speaker.known:
                found.append(
                    self.quote(subject.speaker, self.text[inner[0] : inner[1]].strip(), "direct", sentence)
                )
        return found

    def continuation(self, unit: Span, span: Span) -> Speaker | None:
        """A quote alone, or after a bare colon, continues the last speaker."""
        before = self.text[unit[0] : span[0] - 1].strip()
        if before in ("", ":") or before.endswith(":"):
            return self.state.last
        return None

    def outside(self, span: Span, inside: list[Span]) -> bool:
        return not any(q[0] - 1 <= span[0] < q[1] + 1 for q in inside)

    def cue(self, unit: Span, inside: list[Span]) -> Span | None:
        """The first speech verb (or laut/zufolge/so/according) outside the quotes."""
        text = self.text[unit[0] : unit[1]]
        for match in self.cues.verb.finditer(text):
            span = (unit[0] + match.start(), unit[0] + match.end())
            word = match.group().lower()
            if word == "so" and not re.match(r",?\s*so\s+\S", self.text[span[0] - 2 : span[1] + 2]):
                continue
            if word == "so" and self.text[: span[0]].rstrip()[-1:] not in (",", "“", "”", '"', "»", "«"):
                continue  # "so" is a speech cue only after a comma or a quote: "…, so Zuckerberg"
            if self.outside(span, inside):
                return span
        for match in self.cues.particle_verb.finditer(text):
            span = (unit[0] + match.start(), unit[0] + match.end())
            particles = self.cues.particle_verbs[match.group().lower()]
            rest = self.text[span[1] : unit[1]].lower()
            if self.outside(span, inside) and any(re.search(rf"\b{re.escape(p)}\b", rest) for p in particles):
                return span
        return None

    def content_start(self, unit: Span, cue: Span | None) -> int | None:
        """Where reported content starts: the dass/that clause after the cue."""
        if cue is None:
            return None
        after = self.text[cue[1] : unit[1]]
        match = re.match(r"[^.;:]{0,30}?,?\s+(?:dass|that|ob)\s", after)
        if match:
            return cue[1] + match.end()
        # "betonte, das Papier sei …": a comma and a clause in Konjunktiv I.
        match = re.match(r"[^.;:,]{0,30}?,\s+", after)
        if match and self.cues.subjunctive.search(after[match.end() :]):
            return cue[1] + match.end()
        return None

    def after_cue(self, unit: Span, cue: Span, inside: list[Span]) -> int | None:
        """English content right after the verb: "Pichai said the company planned …"."""
        word = self.text[cue[0] : cue[1]].lower()
        if not self.english or word in ("according", "so") or self.before_is_quote(cue, inside):
            return None
        rest = self.text[cue[1] : unit[1]]
        if len(rest.split()) < 4:
            return None  # "… has long argued for it.": no content clause, keep the sentence
        skip = re.match(r"\s+(?:to\s+\w+\s+)?", rest)
        return cue[1] + (skip.end() if skip else 0)

    def postposed(self, unit: Span, cue: Span, subject: _Candidate) -> int | None:
        """Where the statement ends when the attribution follows it ("…, the company said")."""
        before = self.text[unit[0] : cue[0]]
        comma = unit[0] + before.rfind(",")
        if comma < unit[0] or subject.span[0] < comma:
            return None  # no comma, or the speaker stands before it: "Pichai, chief executive, said …"
        statement, attribution = self.text[unit[0] : comma], self.text[comma + 1 : cue[0]]
        rest = self.text[cue[1] : unit[1]]  # "in a statement.": the sentence ends soon after the verb
        if len(attribution.split()) <= 5 and len(statement.split()) >= 3 and len(rest.split()) <= 5:
            return comma
        return None

    def before_is_quote(self, cue: Span, inside: list[Span]) -> bool:
        """Whether the cue directly follows a quotation ("…,” said X)."""
        return any(0 <= cue[0] - q[1] <= 4 and not self.text[q[1] + 1 : cue[0]].strip(" ,") for q in inside)

    def candidates(self, unit: Span, inside: list[Span], content: int | None) -> list[_Candidate]:
        end = content if content is not None else unit[1]
        area = (unit[0], end)
        found: list[_Candidate] = []
        registry = self.f.registry
        for mention in self.mentions:
            span = (mention.start, mention.end)
            if not (area[0] <= span[0] < area[1]) or not self.outside(span, inside):
                continue
            entity = registry.get(mention.entity)
            if (
                mention.text != entity.name
                and mention.text.endswith(("s", "'s", "’s"))
                and not entity.name.endswith("s")
            ):
                continue  # a genitive ("Metas Chief AI Scientist") is no subject
            if self.modifies_role(mention.end):
                continue  # "sagte Apple-Chef Tim Cook": the company names the role, not the speaker
            person = registry.type_of(entity).short_name
            found.append(_Candidate(span, Speaker(entity.id, entity.name, "named"), bool(person)))
        for span, name in self.new_people:
            if area[0] <= span[0] < area[1] and self.outside(span, inside):
                found.append(_Candidate(span, Speaker(None, name, "named"), True))
        segment = self.text[area[0] : area[1]]
        # The surname alone of a person the registry does not know ("sagte Kessler").
        for known_id, name, _ in self.state.people:
            surname = name.split()[-1]
            if known_id is not None or surname == name:
                continue
            for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", segment):
                span = (area[0] + match.start(), area[0] + match.end())
                if self.outside(span, inside) and not overlaps(span, [c.span for c in found]):
                    found.append(_Candidate(span, Speaker(None, name, "named"), True))
        for pattern, resolve in (
            (self.cues.pronoun, self.pronoun),
            (self.cues.role_reference, self.role),
            (self.cues.company_reference, self.company),
            (self.cues.unnamed, lambda m: Speaker(None, None, "unnamed")),
        ):
            for match in pattern.finditer(segment):
                span = (area[0] + match.start(), area[0] + match.end())
                if not self.outside(span, inside):
                    continue
                if pattern is self.cues.role_reference:
                    if self.apposition(span, found):
                        continue  # "Sam Altman, the chief executive of OpenAI, said": no reference
                    # "die AMD-Chefin" is a person, not the company named in it.
                    found = [c for c in found if not (c.speaker.kind == "named" and overlaps(c.span, [span]))]
                elif overlaps(span, [c.span for c in found]):
                    continue
                speaker = resolve(match)
                if speaker is not None:
                    found.append(_Candidate(span, speaker, speaker.kind in ("pronoun", "role")))
        return sorted(found, key=lambda c: c.span)

    def modifies_role(self, end: int) -> bool:
        """Whether a name ending at `end` is the first part of a role word ("Apple-Chef")."""
        match = re.match(r"-(\w+)", self.text[end : end + 30])
        return match is not None and bool(self.cues.roles_for(match.group(1)))

    def apposition(self, span: Span, found: list[_Candidate]) -> bool:
        """Whether a role follows a named person and a comma ("Altman, the chief executive")."""
        before = [c for c in found if c.span[1] <= span[0] and c.speaker.kind == "named" and c.person]
        return bool(before) and self.text[before[-1].span[1] : span[0]].strip() == ","

    def speaker(self, unit: Span, cue: Span, inside: list[Span], content: int | None) -> _Candidate | None:
        """The subject of the speech cue `cue`, with where it stands."""
        found = self.candidates(unit, inside, content)
        word = " ".join(self.text[cue[0] : cue[1]].lower().split())
        if word in self.cues.data["continuing"] and self.state.last is not None and not found:
            return _Candidate(cue, self.state.last, True)  # "…, hieß es in der Stellungnahme weiter"
        if word in ("laut", "according", "so"):
            after = [c for c in found if c.span[0] >= cue[1]]
            return after[0] if after else None
        if word == "zufolge":
            before = [c for c in found if c.span[1] <= cue[0]]
            return before[-1] if before else None
        # Inversion: "betonte Mensch", "sagte er"; in English only after a quote ("…,” said X).
        inversion = not self.english or self.before_is_quote(cue, inside)
        for candidate in found if inversion else []:
            gap = self.text[cue[1] : candidate.span[0]]
            if candidate.span[0] >= cue[1] and len(gap) <= 30 and not re.search(r"[,:;]", gap):
                return candidate
        before = [c for c in found if c.span[1] <= cue[0]]
        people = [c for c in before if c.person]
        unnamed = [c for c in before if c.speaker.kind == "unnamed"]
        if people and (not unnamed or unnamed[-1].span[0] < people[-1].span[0]):
            return people[-1]
        if unnamed:
            return unnamed[-1]
        return before[-1] if before else None

    # -- resolving references -------------------------------------------------------------

    def pronoun(self, match: re.Match[str]) -> Speaker | None:
        word = match.group()
        gender = self.cues.pronouns.get(word.lower())
        if word.lower() == "sie" and re.match(r"\s+\w+en\b", self.text[match.end() : match.end() + 20]):
            return None  # "sie sagten": plural
        # The most recent person of that gender; one whose gender the name does not tell only
        # when nobody fits ("Jensen" is unknown to the first-name list, "Lisa" is not).
        for wanted in (gender, "any"):
            for entity, name, person_gender in reversed(self.state.people):
                if person_gender == wanted:
                    return Speaker(entity, name, "pronoun")
        return None

    def role(self, match: re.Match[str]) -> Speaker | None:
        registry = self.f.registry
        company = self.state.company
        if match.group("org"):
            mentions, _ = self.f.recognizer.scan(match.group("org"))
            company = mentions[0].entity if mentions else None
        roles = self.cues.roles_for(match.group("role"))

        def has_role(person: Entity) -> bool:
            return bool(person.role) and any(role.lower() in (person.role or "").lower() for role in roles)

        if company is not None:
            for person in registry.members(company):
                if has_role(person):
                    return Speaker(person.id, person.name, "role")
        if match.group("org"):
            return None
        # "die Kommissionschefin": without a company, the one person who has that role.
        holders = [e for e in registry.entities if registry.type_of(e).short_name and has_role(e)]
        if len(holders) == 1 and company is None:
            return Speaker(holders[0].id, holders[0].name, "role")
        return None

    def company(self, match: re.Match[str]) -> Speaker | None:
        """The company named last: earlier in this block, else before it."""
        registry = self.f.registry
        earlier = [
            m.entity
            for m in self.mentions
            if m.end <= match.start() and not registry.type_of(registry.get(m.entity)).short_name
        ]
        company = earlier[-1] if earlier else self.state.company
        if company is None:
            return None
        entity = registry.get(company)
        return Speaker(entity.id, entity.name, "company")
