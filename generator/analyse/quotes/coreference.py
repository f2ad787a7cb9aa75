"""Coreference: who "er", "die Ministerin", "Wildberger" or "das Unternehmen" is.

The discourse keeps the people and organisations named so far in the article, in order. A
reference is resolved only on evidence, and says how sure it is: a pronoun to the person it
can only mean (the last speaker of that gender, or the one person of that gender named in the
last sentences), a role to the person named with that role, a surname to the person named in
full before, "das Unternehmen" to the organisation named last. Where two people compete, the
answer is unsure, and the quote is listed as such, never under a guessed name.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from generator.analyse.names import Name


@dataclass(frozen=True)
class Speaker:
    """Who said something, as the quote index lists them."""

    name: str | None
    """As fully named in the article; None when the source stays unnamed or unsure."""
    entity: str | None = None
    """Registry id."""
    kind: str = "person"
    """`person`, `organisation`, `media`, or `unnamed`."""


@dataclass(frozen=True)
class Resolution:
    """A source resolved to a speaker, with the evidence."""

    speaker: Speaker
    sure: bool
    evidence: str


@dataclass
class _Known:
    name: Name
    unit: int
    """Index of the sentence (in the article) it was last named in."""


@dataclass
class Discourse:
    """What the reader knows at a point of the article."""

    people: list[_Known] = field(default_factory=list)
    organisations: list[_Known] = field(default_factory=list)
    last: Speaker | None = None
    """The speaker of the last statement."""
    last_unit: int = -10
    """The sentence of the last statement."""
    unit: int = 0
    """The current sentence's index."""
    subject: tuple[Name, int] | None = None
    """The person a sentence opened with, and its index."""
    subject_unknown: int = -10
    """The index of the last sentence that opened with a role no one named for sure has."""
    object_pronoun: bool = False
    """Whether the sentence before has a pronoun that is not its subject ("him", "ihn")."""
    short_forms: dict[str, str] = field(default_factory=dict)
    """Short forms introduced in the text ("FTC" -> "Federal Trade Commission")."""

    def named(self, name: Name) -> None:
        """`name` appears in the current sentence."""
        if name.kind == "person":
            full = self.person(name.name)
            if full is not None and full.name.name != name.name:
                full.unit = self.unit  # a surname of someone named in full: same person
                return
            # "Ministerpräsident Günther" in the headline, "Daniel Günther" in the text: one person.
            surname = name.name.split()[-1]
            earlier = [k for k in self.people if k.name.name in (name.name, surname)]
            role = name.role or next((k.name.role for k in reversed(earlier) if k.name.role), None)
            self.people = [k for k in self.people if k not in earlier]
            self.people.append(_Known(dataclasses.replace(name, role=role), self.unit))
        elif name.kind == "organisation":
            self.organisations = [k for k in self.organisations if k.name.name != name.name]
            self.organisations.append(_Known(name, self.unit))

    def person(self, written: str) -> _Known | None:
        """The person named in full before whose name ends in `written` ("Wildberger")."""
        for known in reversed(self.people):
            full = known.name.name
            if full == written or (full.endswith(" " + written) and " " not in written):
                return known
        for known in reversed(self.people):
            # "Yoweri Museveni" … "Musveni": a surname misspelt by one letter
            surname = known.name.name.split()[-1]
            if (
                " " not in written
                and len(written) >= 6
                and " " in known.name.name
                and _one_off(written, surname)
            ):
                return known
        for known in reversed(self.people):
            # "Liang Xiangyi" … "Liang": the family name first, where the first name is unknown.
            full = known.name.name
            if " " not in written and full.startswith(written + " ") and known.name.gender == "any":
                return known
        return None

    def speaker_of(self, name: Name) -> Speaker:
        """The speaker a name stands for: a surname for the person named in full before."""
        known = self.person(name.name) if name.kind != "media" else None
        full = known.name if known is not None else name
        if full.entity is None and full.name in self.short_forms:
            return Speaker(self.short_forms[full.name], None, full.kind)  # "FTC": as named in full
        if full.entity is None and full.kind == "organisation":
            # "the Employment and Labour Relations Court" after "the Kenya Employment and …"
            longer = [k for k in self.organisations if k.name.name.endswith(" " + full.name)]
            if longer:
                return Speaker(longer[-1].name.name, longer[-1].name.entity, "organisation")
        return Speaker(full.name, full.entity, full.kind)

    def pronoun(self, gender: str, postposed: bool = False) -> Resolution | None:
        """ "er"/"sie"/"he"/"she": the last speaker if that fits and nobody of that gender was
        named after them, else the one person of that gender named in the last sentences."""
        recent = [k for k in self.people if k.unit >= self.unit - 3 and _fits(k.name.gender, gender)]
        # "Michel Paulin, his predecessor, had complained, he said.": who is named in the
        # reported words before "he said" is not the one saying them
        here = set() if postposed else {k.name.name for k in recent if k.unit == self.unit}
        if postposed:
            recent = [k for k in recent if k.unit < self.unit]
        if len(here) == 1:
            # "Während Ministerpräsident Seehofer wartete, antwortete er": named in this sentence.
            known = next(k for k in recent if k.unit == self.unit)
            return Resolution(
                self.speaker_of(known.name), True, f"pronoun → {known.name.name}, named in the sentence"
            )
        if self.subject_unknown == self.unit - 1 and not here:
            # "Die Managerin selbst äußerte sich zurückhaltender. Sie sagte …": that manager
            return Resolution(
                Speaker(None), False, "pronoun: the sentence before opened with someone not named"
            )
        if self.subject is not None and self.subject[1] == self.unit - 1 and not here:
            # "Former Intel chief Pat Gelsinger was in the audience. He later said …": the subject
            # of the sentence before goes on, unless that sentence also points to another person
            # ("Huang had earlier called him …").
            person = self.person(self.subject[0].name)
            before = {k.name.name for k in recent if k.unit == self.unit - 1}
            alone = before <= {person.name.name} if person is not None else False
            if person is not None and _fits(person.name.gender, gender) and not self.object_pronoun and alone:
                return Resolution(
                    self.speaker_of(person.name),
                    True,
                    f"pronoun → {person.name.name}, subject of the sentence before",
                )
        names = {k.name.name for k in recent}
        if self.object_pronoun and len(names) >= 2 and not here:
            # "Huang had earlier called him „a friend“. He said …": he or him, who knows
            known = recent[-1]
            return Resolution(self.speaker_of(known.name), False, f"pronoun: {' or '.join(sorted(names))}")
        last_unnamed = (
            self.last is not None and self.last.kind == "unnamed" and self.unit - self.last_unit <= 1
        )
        if last_unnamed and self.last is not None and not [k for k in recent if k.unit > self.last_unit]:
            return Resolution(self.last, True, "pronoun → the unnamed source of the last statement")
        if self.last is not None and self.last.kind == "person" and self.unit - self.last_unit <= 3:
            last = self.person(self.last.name or "")
            if last is not None and _fits(last.name.gender, gender):
                later = [k for k in recent if k.unit > self.last_unit and k.name.name != last.name.name]
                if not later:
                    return Resolution(self.last, True, f"pronoun → last speaker {self.last.name}")
        names = {k.name.name for k in recent}
        if len(names) == 1:
            known = recent[-1]
            return Resolution(self.speaker_of(known.name), True, f"pronoun → {known.name.name}, named before")
        if recent:
            known = recent[-1]
            return Resolution(self.speaker_of(known.name), False, f"pronoun: {' or '.join(sorted(names))}")
        return None

    def role(self, role: str, affiliation: str | None = None) -> Resolution | None:
        """ "die Ministerin", "der Nvidia-Chef": the person named with that role."""
        wanted = _role_class(role)
        holders = [k for k in self.people if k.name.role and wanted in _role_class(k.name.role.lower())]
        if affiliation:
            # "der Gründer des Beratungsunternehmens Modulus" is nobody's role at Mistral AI
            holders = [
                k for k in holders if (k.name.affiliation or "").lower().startswith(affiliation.lower()[:4])
            ]
        names = {k.name.name for k in holders}
        if not holders:
            return None
        known = holders[-1]
        return Resolution(self.speaker_of(known.name), len(names) == 1, f"role „{role}“ → {known.name.name}")

    def organisation(self, noun: str | None = None) -> Resolution | None:
        """ "das Unternehmen", "the company": the organisation named last, if recent; "das
        Gericht", "the court": the one named with that noun ("Landgericht München")."""
        if noun:
            named = [k for k in self.organisations if noun in k.name.name.lower()]
            if not named and noun in _AUTHORITIES:
                # "Die Bundesnetzagentur … Die Behörde teilte mit": the one public body of the
                # sentence before
                before = [k for k in self.organisations if k.unit == self.unit - 1]
                if len({k.name.name for k in before}) == 1 and before[-1].name.name.lower().endswith(
                    _AUTHORITIES[noun]
                ):
                    known = before[-1]
                    speaker = Speaker(known.name.name, known.name.entity, "organisation")
                    return Resolution(
                        speaker, True, f"„{noun}“ → {known.name.name}, named in the sentence before"
                    )
            if not named:
                return None
            known = named[-1]
            sure = len({k.name.name for k in named}) == 1
            speaker = Speaker(known.name.name, known.name.entity, "organisation")
            return Resolution(speaker, sure, f"„{noun}“ → {known.name.name}")
        recent = [k for k in self.organisations if k.unit >= self.unit - 4]
        if not recent:
            return None
        known = recent[-1]
        # sure only if it was the one organisation of its sentence and none came after it
        names = {k.name.name for k in recent if k.unit >= known.unit}
        speaker = Speaker(known.name.name, known.name.entity, "organisation")
        sure = len(names) <= 1 and self.unit - known.unit <= 1  # named in this or the last sentence
        return Resolution(speaker, sure, f"reference → {known.name.name}, named last")


_PUBLIC_BODIES = ("agentur", "amt", "behörde", "aufsicht", "kommission", "ministerium", "zentrale", "stelle")
_AUTHORITIES = {
    "behörde": _PUBLIC_BODIES,
    "agency": ("agency", "commission", "authority", "office", "agentur", "behörde", "amt"),
    "regulator": ("agency", "commission", "authority", "office", "agentur", "behörde", "amt", "aufsicht"),
    "authority": ("agency", "commission", "authority", "office", "agentur", "behörde", "amt", "aufsicht"),
}
"""Nouns for a public body, and the ends of the names they can refer back to."""

_CHIEFS = (
    "ceo",
    "chef",
    "chief executive",
    "vorstandschef",
    "konzernchef",
    "firmenchef",
    "vorstandsvorsitzend",
)
_FOUNDERS = ("gründer", "founder", "mitbegründer", "mitgründer", "co-founder")


def _role_class(role: str) -> str:
    """Roles that name the same office: "Chef", "CEO", "chief executive"; "Gründer", "founder"."""
    if any(word in role for word in _CHIEFS):
        role += " chef"
    if any(word in role for word in _FOUNDERS):
        role += " gründer"
    return role


def _one_off(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by one inserted, deleted or replaced letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return a[index + (len(a) == len(b)) :] == b[index + 1 :]
    return True


def _fits(person: str, wanted: str) -> bool:
    return person == wanted or person == "any"
