"""The word knowledge of the quote stage: `data/speech.yml`, compiled, and simplemma's lemmas.

simplemma (a dictionary lemmatiser for German and English, no dependencies) turns every form
of a verb into its lemma, so the data lists "sagen" once instead of sagt, sagte, sagten …,
and it recognises Konjunktiv I forms ("gebe", "liege", "müsse": the lemma minus its final n),
which no hand list covers.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import simplemma
import yaml


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def word_pattern(words: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Whole words (not inside a longer word or a hyphenated compound)."""
    return re.compile(rf"(?<![\w-])(?:{alternatives(words)})(?![\w-])", flags)


def load_dictionaries() -> None:
    """Load simplemma's German and English dictionaries now (about a second, once per process)
    instead of at the first word that needs them."""
    simplemma.lemmatize("sagte", lang="de")
    simplemma.lemmatize("said", lang="en")


@functools.lru_cache(maxsize=65536)
def lemma(word: str, lang: str) -> str:
    """simplemma's lemma of `word` (lower case), remembered: news repeats its verbs."""
    return str(simplemma.lemmatize(word, lang=lang)).lower()


@functools.lru_cache(maxsize=65536)
def cased_lemma(word: str) -> str:
    """simplemma's lemma of a German word as written: capitalised words are read as nouns
    ("Verbände" -> "Verband", where "verbände" gives the verb "verbinden")."""
    return str(simplemma.lemmatize(word, lang="de"))


def noun_lemma(word: str) -> bool:
    """Whether simplemma reads a capitalised German word as a noun ("Bundesverbandes" ->
    "Bundesverband"), not as an adjective ("Norddeutschen" -> "norddeutsch")."""
    cased = cased_lemma(word)
    return cased[:1].isupper() and cased.lower() == lemma(word.lower(), "de")


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The cue words of `data/speech.yml`."""

    data: dict[str, Any]

    @classmethod
    @functools.cache
    def load(cls) -> Lexicon:
        text = resources.files("generator").joinpath("data/speech.yml").read_text("utf-8")
        return cls(yaml.safe_load(text))

    # -- verbs -------------------------------------------------------------------------------

    @functools.cached_property
    def verbs(self) -> dict[str, frozenset[str]]:
        return {lang: frozenset(words) for lang, words in self.data["verbs"].items()}

    @functools.cached_property
    def clause_verbs(self) -> frozenset[str]:
        return frozenset(self.data["clause_verbs"])

    @functools.cached_property
    def particles(self) -> dict[str, tuple[str, ...]]:
        return {verb: tuple(words) for verb, words in self.data["particles"].items()}

    @functools.cached_property
    def needs(self) -> dict[str, tuple[str, ...]]:
        return {verb: tuple(words) for verb, words in self.data["needs"].items()}

    def speech_lemma(self, word: str, lang: str) -> str | None:
        """The lemma of `word` if it is a form of a verb of saying (without particle)."""
        if not word[:1].islower():
            return None  # German nouns are capitalised; verbs only open a sentence, rarely one of saying
        found = lemma(word, lang)
        if found in self.verbs[lang] or found in self.particles:
            return found
        return None

    @functools.cached_property
    def impersonal(self) -> re.Pattern[str]:
        return word_pattern(self.data["impersonal"])

    # -- sources -----------------------------------------------------------------------------

    @functools.cached_property
    def source_before(self) -> re.Pattern[str]:
        return word_pattern(self.data["source_before"])

    @functools.cached_property
    def hearsay(self) -> re.Pattern[str]:
        return word_pattern(self.data["hearsay"])

    @functools.cached_property
    def source_own(self) -> re.Pattern[str]:
        return word_pattern(self.data["source_own"])

    @functools.cached_property
    def source_after(self) -> re.Pattern[str]:
        return word_pattern(self.data["source_after"])

    @functools.cached_property
    def pronouns(self) -> dict[str, str]:
        return {word: kind for kind, words in self.data["pronouns"].items() for word in words}

    @functools.cached_property
    def unnamed(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.data["unnamed"])

    @functools.cached_property
    def unnamed_endings(self) -> tuple[str, ...]:
        """Compound ends that stay unnamed ("Regierungssprecher", "Kommissionskreisen")."""
        return tuple(w.lower() for w in self.data["unnamed"] if len(w) > 5 and w[0].isupper())

    def listed_unnamed(self, word: str) -> bool:
        """A noun of the list of unnamed sources ("Sprecherin", "Regierungssprecher")."""
        lower = word.lower()
        return lower in self.unnamed or lower.endswith(self.unnamed_endings)

    def is_unnamed(self, word: str) -> bool:
        """A noun for people who stay unnamed ("Beobachter", "Regierungssprecher", "witnesses"),
        or one that names people by what they do ("Augenzeugin", "Aktivisten", "eyewitness")."""
        lower = word.lower()
        if lower in self.unnamed or lower.endswith(self.unnamed_endings):
            return True
        if word[:1].isupper() and lower.endswith(_PERSON_ENDINGS_DE):
            return True
        return word.islower() and (lower.endswith(_PERSON_ENDINGS_EN) or _AGENTS_EN.search(lower) is not None)

    @functools.cached_property
    def role_endings(self) -> tuple[str, ...]:
        return tuple(w.lower() for w in self.data["roles"]["de"])

    @functools.cached_property
    def english_roles(self) -> re.Pattern[str]:
        return word_pattern(self.data["roles"]["en"])

    @functools.cached_property
    def english_role_before(self) -> re.Pattern[str]:
        """An English role right before a name ("Nvidia CEO ", "chief executive ")."""
        return re.compile(rf"(?<![\w-])({alternatives(self.data['roles']['en'])})\s+$", re.IGNORECASE)

    @functools.cached_property
    def _role_ending(self) -> re.Pattern[str]:
        return re.compile(rf"(?:{alternatives(self.role_endings)})$")

    @functools.lru_cache(maxsize=65536)  # noqa: B019 (one lexicon per process)
    def role_word(self, word: str) -> str | None:
        """The role a word names ("Bundesdigitalminister" -> "minister"), if it names one."""
        lower = word.lower().rstrip(".,")
        if self.english_roles.fullmatch(word):
            return lower
        match = self._role_ending.search(lower)
        if match and (match.start() == 0 or word[0].isupper()):
            return match.group()
        return None

    @functools.cached_property
    def titles(self) -> frozenset[str]:
        return frozenset(self.data["titles"])

    @functools.cached_property
    def institution_nouns(self) -> frozenset[str]:
        """The bare institution nouns of both languages ("gericht", "court")."""
        return frozenset(self.data["institutions"]["de"]) | frozenset(self.data["institutions"]["en"])

    @functools.lru_cache(maxsize=65536)  # noqa: B019 (one lexicon per process)
    def institution(self, word: str) -> bool:
        """A noun that names an organisation ("Bundesregierung", "Mittelstandsallianz")."""
        lower = word.lower()
        if lower in self.data["institutions"]["en"]:
            return True
        endings = tuple(self.data["institutions"]["de"])
        # "Verbände", "Ministerien": a plural, by its lemma
        return word[:1].isupper() and (lower.endswith(endings) or cased_lemma(word).lower().endswith(endings))

    @functools.cached_property
    def documents(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.data["documents"])

    @functools.cached_property
    def document_endings(self) -> tuple[str, ...]:
        return tuple(w for w in self.documents if len(w) >= 5)

    def is_document(self, word: str) -> bool:
        """A text or figures ("Studie", "Abgeordnetengesetz", "the report")."""
        lower = word.lower()
        return lower in self.documents or (word[:1].isupper() and lower.endswith(self.document_endings))

    @functools.cached_property
    def media_names(self) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-])(?:{alternatives(self.data['media']['names'])})(?![\w-])")

    @functools.cached_property
    def media_nouns(self) -> re.Pattern[str]:
        return re.compile(
            rf"(?<![\w-])[\w-]*(?:{alternatives(self.data['media']['nouns'])})s?(?![\w-])", re.I
        )

    # -- content -----------------------------------------------------------------------------

    @functools.cached_property
    def subjunctive_forms(self) -> frozenset[str]:
        return frozenset(self.data["subjunctive"])

    def is_subjunctive(self, word: str) -> bool:
        """Konjunktiv I or II of a finite verb ("sei", "gebe", "würden"), lower case only."""
        if not word.islower() or len(word) < 3:
            return False
        if word in self.subjunctive_forms:
            return True
        if not word.endswith("e") or len(word) < 4 or word in _NOT_SUBJUNCTIVE:
            return False  # "wie" is no "wien"
        # "gebe", "liege", "müsse": the infinitive minus its n, and no adjective ("neue"); also
        # where the form is an adjective too ("sichere": sichern, sicher).
        infinitives = [word + "n"] + ([word[:-1] + "n"] if word.endswith(("ere", "ele")) else [])
        return any(
            lemma(word, "de") == infinitive
            or (lemma(infinitive, "de") == infinitive and bool(simplemma.is_known(infinitive, lang="de")))
            for infinitive in infinitives
        )

    @functools.cached_property
    def term_markers(self) -> re.Pattern[str]:
        return re.compile(rf"(?:{alternatives(self.data['term_markers'])})\s*[:,]?\s*$", re.IGNORECASE)

    @functools.cached_property
    def marks(self) -> dict[str, str]:
        return dict(self.data["quote_marks"])


# Endings of nouns for people, as the heads of an unnamed source.
_PERSON_ENDINGS_DE = (
    "erin",
    "erinnen",
    "zeuge",
    "zeugin",
    "zeugen",
    "isten",
    "istin",
    "ist",
    "enten",
    "entin",
    "anten",
    "antin",
    "leute",
    "männer",
    "frauen",
    "personen",
    "bürger",
    "bürgerin",
    "kunden",
    "nutzer",
    "nutzerin",
    "einwohner",
    "bewohner",
    "anwohner",
    "teilnehmer",
    "mitglieder",
)
_PERSON_ENDINGS_EN = (
    "witness",
    "witnesses",
    "eyewitness",
    "people",
    "person",
    "persons",
    "residents",
    "resident",
    "neighbours",
    "neighbors",
    "officers",
    "officer",
    "members",
    "member",
    "users",
    "customers",
    "workers",
    "employees",
    "staff",
    "activists",
    "campaigners",
    "protesters",
    "voters",
)

_AGENTS_EN = re.compile(r"\w{3,}(?:ists|ers|ors|ians|ants|ents|ates)$")
"""English plural nouns for people ("technologists", "campaigners", "advocates")."""

# Lower-case words ending in -e whose lemma is their form plus n without being a Konjunktiv.
_NOT_SUBJUNCTIVE = frozenset(
    """eine keine meine deine seine ihre unsere eure diese jene alle viele andere beide wenige
    einige manche welche solche ohne gerne bitte weitere bessere größere höhere andere untere
    obere äußere innere hintere vordere mittlere""".split()
)
