"""Discover people and companies that the registry does not know yet.

There is no German named-entity model to install here, so discovery combines
a first-name list (the `gender-guesser` package ships one in its wheel) with
the cues newsrooms write around names: roles ("Analystin Jana Kessler",
"Anthropic CEO Dario Amodei", "Aleph-Alpha-Gründer Jonas Andrulis"), company
nouns after an article ("das Start-up Kyutai", "der Chiphersteller Qualcomm")
and company suffixes ("Stability AI"). The cues are data: `data/discovery.yml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources

import yaml

from generator.analyse.names import NameFinder
from generator.analyse.recognise import Recognizer, SpanSet
from generator.analyse.registry import Registry
from generator.model import Article, Span
from generator.text.mdtree import TreeBuilder
from generator.text.sentences import Sentences

_CAP = r"[A-ZÄÖÜÀ-ÖØ-Þ][\w'’]*(?:-[A-ZÄÖÜÀ-ÖØ-Þ][\w'’]*)*"
_INITIALS = r"[A-Z]\.(?:[A-Z]\.)*"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Cues:
    """The word lists of `data/discovery.yml`."""

    roles: frozenset[str]
    company_nouns: frozenset[str]
    company_suffixes: frozenset[str]
    articles: frozenset[str]
    prepositions: frozenset[str]
    particles: frozenset[str]
    institutions: frozenset[str]
    titles: frozenset[str]
    place_prefixes: frozenset[str]
    function_words: frozenset[str]
    origins: frozenset[str]
    noun_endings: tuple[str, ...]
    places: frozenset[str]
    not_names: frozenset[str]
    """Function words and the other words that start no person's name."""

    @classmethod
    def load(cls) -> Cues:
        text = resources.files("generator").joinpath("data/discovery.yml").read_text("utf-8")
        data = yaml.safe_load(text)
        return cls(
            roles=frozenset(data["roles"]),
            company_nouns=frozenset(data["company_nouns"]["de"] + data["company_nouns"]["en"]),
            company_suffixes=frozenset(data["company_suffixes"]),
            articles=frozenset(data["articles"]),
            prepositions=frozenset(data["affiliation_prepositions"]),
            particles=frozenset(data["name_particles"]),
            institutions=frozenset(data["institution_words"]),
            titles=frozenset(data["titles"]),
            place_prefixes=frozenset(data["place_prefixes"]),
            function_words=frozenset(map(str, data["function_words"])),
            origins=frozenset(data["origins"]),
            noun_endings=tuple(data["noun_endings"]),
            places=frozenset(data["places"]),
            not_names=frozenset(map(str, data["not_names"] + data["function_words"] + data["origins"])),
        )

    def patterns(self) -> dict[str, re.Pattern[str]]:
        word = rf"(?:{_CAP}|{_INITIALS})"
        name = rf"{_CAP}(?:\s+(?:(?:{_alternation(self.particles)})\s+)*{word}){{0,3}}"
        role, noun = _alternation(self.roles), _alternation(self.company_nouns)
        prep, article = _alternation(self.prepositions), _alternation(self.articles)
        suffix = _alternation(self.company_suffixes)
        return {
            "name": re.compile(rf"(?<![\w-]){name}"),
            # "Aleph-Alpha-Gründer Jonas Andrulis", "Meta-Chef Mark Zuckerberg"
            "compound_role": re.compile(
                rf"(?<![\w-])(?P<org>{_CAP})-(?P<role>{role})s?\s+(?P<person>{name})"
            ),
            # "Anthropic CEO Dario Amodei", "The Wedbush analyst Dan Ives"
            "org_role_person": re.compile(rf"(?P<org>{name})\s+(?P<role>{role})\s+(?P<person>{name})"),
            # "Sundar Pichai, CEO von Google", "Fei-Fei Li, Mitgründerin des Start-ups World Labs"
            "person_role_of": re.compile(
                rf"(?P<person>{name}),\s+(?:(?:der|die|the)\s+)?(?P<role>{role})\s+"
                rf"(?:{prep}|des|der)\s+(?:(?i:{noun})s?\s+)?(?P<org>{name})"
            ),
            # "Satya Nadella, Microsoft's chief executive"
            "person_orgs_role": re.compile(rf"(?P<person>{name}),\s+(?P<org>{name})['’]s\s+(?P<role>{role})"),
            # "Analystin Jana Kessler"
            "role_person": re.compile(rf"(?<![\w-])(?P<role>{role})\s+(?P<person>{name})"),
            # "Jana Kessler von Bernstein"
            "person_of_org": re.compile(rf"(?P<person>{name})\s+(?:{prep})\s+(?P<org>{name})"),
            # "das Pariser Start-up Kyutai", "des Chipherstellers AMD", "the start-up Cohere"
            "noun_org": re.compile(
                rf"(?<![\w-])(?i:{article})\s+(?:[\w-]+\s+)?(?i:[\w-]*(?:{noun})s?)\s+(?P<org>{name})"
            ),
            # "Stability AI", "Black Forest Labs"
            "suffix_org": re.compile(rf"(?<![\w-])(?P<org>(?:{_CAP}\s+){{1,3}}(?:{suffix}))(?![\w-])"),
            # "Keller & Osei", "Harrow & Lyle Securities"
            "ampersand_org": re.compile(
                rf"(?<![\w-])(?P<org>{_CAP}(?:\s+{_CAP})?\s+&\s+{_CAP}(?:\s+{_CAP})?)"
            ),
            # "Microsoft, Amazon und Google": lists, where one known company types the others
            "list": re.compile(
                rf"(?<![\w-])(?:{_CAP}(?:\s+{_CAP}){{0,2}},\s+)+{_CAP}(?:\s+{_CAP}){{0,2}},?\s+"
                rf"(?:und|oder|sowie|and|or)\s+{_CAP}(?:\s+{_CAP}){{0,2}}"
                rf"|(?<![\w-]){_CAP}(?:\s+{_CAP}){{0,2}}\s+(?:und|oder|sowie|and|or)\s+{_CAP}(?:\s+{_CAP}){{0,2}}"
            ),
        }


@dataclass
class Candidate:
    """A name that looks like a person or a company and is not in the registry."""

    name: str
    type: str
    sentence: str
    section: int
    role: str | None = None
    affiliation: str | None = None
    evidence: list[str] = field(default_factory=list)
    """Which cues found it (for `check` output and debugging)."""

    def registry_entry(self) -> str:
        """YAML ready to paste under `entities:`."""
        lines = [f"  - name: {_yaml_text(self.name)}", f"    type: {self.type}"]
        if self.role:
            lines.append(f"    role: {_yaml_text(self.role)}")
        if self.affiliation:
            lines.append(f"    affiliation: {_yaml_text(self.affiliation)}")
        return "\n".join(lines)


def _yaml_text(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=1000).removesuffix("\n...\n").strip()


class Discoverer:
    """Finds new-name candidates in articles; build once per registry."""

    def __init__(self, registry: Registry, recognizer: Recognizer, cues: Cues | None = None):
        self.registry = registry
        self.recognizer = recognizer
        self.cues = cues or Cues.load()
        self.patterns = self.cues.patterns()
        self.people = tuple(e.id for e in registry.entities if registry.type_of(e).short_name)
        self.names = NameFinder(registry, recognizer)
        """The name finder the quote stage uses too: people are found the same way for both."""

    def candidates(self, article: Article, trees: TreeBuilder) -> list[Candidate]:
        """New-name candidates of one article, one per name, in order of first appearance."""
        found: dict[str, Candidate] = {}
        for section in article.sections:
            for text in trees.block_texts(section.markdown):
                for candidate in BlockScan(self, text, section.number).run():
                    known = found.setdefault(candidate.name, candidate)
                    known.role = known.role or candidate.role
                    known.affiliation = known.affiliation or candidate.affiliation
        return list(found.values())

    def registry_name(self, name: str) -> str | None:
        """The registry name that `name` is a form of ("Nvidias" -> "Nvidia"), if any."""
        mentions, _ = self.recognizer.scan(name)
        if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(name):
            return self.registry.get(mentions[0].entity).name
        return None

    def is_first_name(self, word: str) -> bool:
        """Known to the first-name list ("Fei-Fei" and "Jean-Luc" when every part is).

        Acronyms ("AI", "KI") and cue words ("Am", "Paris") are no first names here.
        """
        if word.isupper() or not word[0].isupper() or word in self.cues.not_names:
            return False
        return all(self.names.gender(part) != "unknown" for part in word.split("-"))


class BlockScan:
    """Candidates in one block of text (a paragraph, a list item)."""

    def __init__(self, discoverer: Discoverer, text: str, section: int):
        self.d = discoverer
        self.cues = discoverer.cues
        self.text = text
        self.section = section
        mentions, _ = discoverer.recognizer.scan(text, discoverer.people)
        self.known = SpanSet((m.start, m.end) for m in mentions)
        self.people: dict[Span, Candidate] = {}
        self.companies: dict[Span, Candidate] = {}
        self.people_spans = SpanSet()
        self.company_spans = SpanSet()

    @cached_property
    def sentences(self) -> Sentences:
        return Sentences(self.text)

    def run(self) -> list[Candidate]:
        patterns = self.d.patterns
        for kind in ("compound_role", "org_role_person", "person_role_of", "person_orgs_role"):
            for match in patterns[kind].finditer(self.text):
                org = self.company(match.span("org"), kind)
                person = self.person(match.span("person"), kind, match["role"])
                if person is not None and org is not None:
                    person.affiliation = person.affiliation or org
        for match in patterns["role_person"].finditer(self.text):
            self.person(match.span("person"), "role", match["role"])
        # Company cues before first names: "the law firm Brennan Hale" is no person.
        for kind, evidence in (
            ("noun_org", "company noun"),
            ("suffix_org", "suffix"),
            ("ampersand_org", "&"),
        ):
            for match in patterns[kind].finditer(self.text):
                self.company(match.span("org"), evidence)
        for name in self.d.names.find(self.text)[0]:
            if name.kind == "person" and name.entity is None and not self.company_spans.overlaps(name.span):
                person = self.person(name.span, "name", name.role)
                if person is not None and name.affiliation:
                    person.affiliation = person.affiliation or name.affiliation
        for match in patterns["person_of_org"].finditer(self.text):
            person = self.people.get(self.trim_person(match.span("person")) or (0, 0))
            if person is not None:
                person.affiliation = person.affiliation or self.company(match.span("org"), "affiliation")
        for match in patterns["list"].finditer(self.text):
            self.listed_companies(match)
        names = {c.name for c in self.people.values()}
        return [*self.people.values(), *(c for c in self.companies.values() if c.name not in names)]

    def listed_companies(self, match: re.Match[str]) -> None:
        """In a list naming at least one known company, the other plain names are companies too."""
        items = [
            (match.start() + m.start(), match.start() + m.end())
            for m in re.finditer(rf"{_CAP}(?:\s+{_CAP}){{0,2}}", match.group())
            if m.group() not in ("und", "oder", "sowie", "and", "or")
        ]
        companies = [
            span for span in items if self.company_spans.overlaps(span) or self.is_known_company(span)
        ]
        if not companies:
            return
        for span in items:
            name = self.word(span)
            if self.people_spans.overlaps(span) or self.known.overlaps(span) or span in companies:
                continue
            if " " in name and self.d.is_first_name(self.word(self.words(span)[0])):
                continue  # "Sam Altman" in a list is a person, not a company
            if " " not in name and (name.endswith(self.cues.noun_endings) or name in self.cues.roles):
                continue  # "Google und Professorin …": a German noun
            self.company(span, "list")

    def is_known_company(self, span: Span) -> bool:
        for start, end in self.known.overlapping(span)[:1]:
            mentions, _ = self.d.recognizer.scan(self.text[start:end])
            return bool(mentions) and self.d.registry.get(mentions[0].entity).type != "person"
        return False

    def words(self, span: Span) -> list[Span]:
        start = span[0]
        return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", self.text[start : span[1]])]

    def word(self, span: Span) -> str:
        return self.text[span[0] : span[1]]

    def person(self, span: Span, evidence: str, role: str | None = None) -> Candidate | None:
        trimmed = self.trim_person(span)
        if trimmed is None or self.known.overlaps(trimmed):
            return None
        candidate = self.people.get(trimmed)
        if candidate is None:
            candidate = Candidate(self.word(trimmed), "person", self.sentences.around(*trimmed), self.section)
            self.people[trimmed] = candidate
            self.people_spans.add(trimmed)
        candidate.evidence.append(evidence)
        candidate.role = candidate.role or role
        return candidate

    def company(self, span: Span, evidence: str) -> str | None:
        """Record a company; return its name (the registry's name for a known one)."""
        trimmed = self.trim_company(span)
        if trimmed is None:
            return None
        name = self.word(trimmed)
        if name in self.cues.company_suffixes or name in self.cues.places:
            return None  # "AI" alone, "Europas"
        if evidence == "compound_role":
            name = name.replace("-", " ")  # "Aleph-Alpha-Gründer" -> "Aleph Alpha"
        known = self.d.registry_name(name)
        if known is not None or self.known.overlaps(trimmed):
            return known
        for other in [s for s in self.company_spans.overlapping(trimmed) if s != trimmed]:
            # "Harrow & Lyle" and "Lyle Securities" are one name: "Harrow & Lyle Securities".
            merged = self.companies.pop(other)
            self.company_spans.discard(other)
            trimmed = (min(trimmed[0], other[0]), max(trimmed[1], other[1]))
            name = self.word(trimmed)
            evidence = f"{evidence}+{'+'.join(merged.evidence)}"
        candidate = self.companies.get(trimmed)
        if candidate is None:
            candidate = Candidate(name, "company", self.sentences.around(*trimmed), self.section)
            self.companies[trimmed] = candidate
            self.company_spans.add(trimmed)
        candidate.evidence.append(evidence)
        return name

    def trim_person(self, span: Span) -> Span | None:
        """Two to five words, no cue words first, a capitalised last word that ends no company."""
        cues = self.cues
        words = [w for w in self.words(span) if self.word(w) not in cues.roles | cues.titles]
        while words and self.word(words[0]) in cues.not_names:
            words = words[1:]
        if words and self.word(words[0]) in cues.place_prefixes:
            return None
        # "Jana Kessler von Bernstein": after a first and a last name, "von" starts the employer.
        for index in range(2, len(words)):
            if self.word(words[index]) in cues.prepositions and self.text[words[index - 1][0]].isupper():
                words = words[:index]
                break
        if not 2 <= len(words) <= 5:
            return None
        last = self.word(words[-1])
        if not last[0].isupper() or last in cues.institutions | cues.company_suffixes | cues.not_names:
            return None
        return words[0][0], words[-1][1]

    def is_company_noun(self, word: str) -> bool:
        lower = word.lower()
        return any(lower.endswith(noun.lower()) for noun in self.cues.company_nouns)

    def trim_company(self, span: Span) -> Span | None:
        """At most three words, without leading cue words or an adjective before a company noun."""
        words = self.words(span)
        while words and (
            self.word(words[0]) in self.cues.function_words | self.cues.origins
            or self.is_company_noun(self.word(words[0]))  # "Wagniskapitalfirma X"
            or (len(words) > 1 and self.is_company_noun(self.word(words[1])))  # "Freiburger Firma X"
        ):
            words = words[1:]
        kept: list[Span] = []
        for word in words[:3]:
            text = self.word(word)
            if text in self.cues.roles or (text.islower() and text != "&"):  # "Perplexity CEO", "den"
                break
            kept.append(word)
        if not kept:
            return None
        start, end = kept[0][0], kept[-1][1]
        if self.text[end - 2 : end] in ("'s", "’s"):
            end -= 2
        return start, end
