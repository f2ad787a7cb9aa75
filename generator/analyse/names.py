"""People and organisations named in running text, whether the registry knows them or not.

No German named-entity model can be installed here, so a name is found from what surrounds
it: a first name the first-name list knows ("Karsten Wildberger"; `gender-guesser` ships the
list in its wheel), a role before it ("Bundesdigitalminister Karsten Wildberger", "Nvidia-Chef
Jensen Huang", "Nvidia CEO Jensen Huang") or after it ("Arthur Mensch, CEO von Mistral AI"),
and the registry's own names. The quote stage asks it who is named in a sentence; `check`
proposes the names it finds as registry entries.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from gender_guesser.detector import Detector

from generator.analyse.quotes.lexicon import Lexicon, cased_lemma, lemma, noun_lemma
from generator.analyse.recognise import Mention, Recognizer, SpanSet
from generator.analyse.registry import Registry
from generator.model import Span

_UPPER = "A-ZÄÖÜÀ-ÖØ-ÞŁŚŻŹĆŃŠŽČŘĐ"
WORD = rf"[{_UPPER}][\w'’]*(?:-[\w'’]+)*"
"""A capitalised word, hyphenated parts included ("Stark-Watzinger", "Al-Saleh")."""
_INITIAL = rf"[{_UPPER}]\."
_PARTICLES = (
    "von",
    "van",
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "le",
    "la",
    "bin",
    "al",
    "ten",
    "ter",
    "zu",
)
_PARTICLE = rf"(?:{'|'.join(_PARTICLES)})(?:\s+(?:der|den|dem|la|le))?"
"""Lower-case name parts ("Ursula von der Leyen"); "der" only after "von"/"van"."""
_RUN = re.compile(rf"(?<![\w-])(?:{WORD}|{_INITIAL})(?:\s+(?:{_PARTICLE}\s+)?(?:{WORD}|{_INITIAL}))*")
_FUNCTION = frozenset(
    """Am Im Bei In On An The Le La Des Der Die Das Dem Den Ein Eine Einer Eines Einem Einen Mit
    Nach Vor Für Laut Auch Von Zu Zum Zur Aus Über Unter Bis Seit As At By For From Of To With
    After Before But And Und Oder Or So Wie Wenn Als Auf Dass Doch Da Er Sie Es Wir Ihr Man He
    She It We They This That These Those Mr Mrs Ms Herr Frau Gemäß Dieser Diese Dieses Jeder
    Jede Alle Nur Noch Schon Dabei Damit Dazu Daher Dann Zudem Außerdem Denn Aber Trotz Ohne
    Gegen Durch Um Während Wegen Seitdem Sowohl Weder Also Nun Hier Dort Heute Gestern Morgen
    Bereits Erst Selbst Ob Was Wer Wo Warum Weshalb Wieso Welche Welcher Welches Mehr Weniger
    Viele Einige Beide""".split()
)
_NOT_NAMES = frozenset(
    """Januar Februar März April Mai Juni Juli August September Oktober November Dezember
    January February March May June July October December Montag Dienstag Mittwoch Donnerstag
    Freitag Samstag Sonntag Monday Tuesday Wednesday Thursday Friday Saturday Sunday Paris
    Santa Grace Summer Will Max Claude Gemma Gemini Llama Mobile Wall Open Silicon Station
    Europa China Europas General Deutschland Berlin London Frankreich Ende Anfang Mitte Kanzler
    Chief Christ Kirche Art Jura Ernst Frank Justice Hope Faith Sky Star Sun
    Amazon Apple Alexa Siri Mercedes Porsche Tesla Fortune Nature Science Prime Pioneer Mark""".split()
)
"""Capitalised words that start no person's name here, although first-name lists know some."""
_TITLE_GENDER = {
    "Mr": "male",
    "Herr": "male",
    "Sir": "male",
    "Ms": "female",
    "Mrs": "female",
    "Frau": "female",
    "Dame": "female",
}
_COMPANY_WORDS = frozenset(
    """Labs Lab Inc Corp GmbH AG SE AI Group Technologies Technology Systems Software Networks
    Ventures Capital Partners Research Robotics Media Studios Games Holdings Industries Motors
    Pharma Bank Foundation Institute""".split()
)
_NOUN_ENDINGS_EN = ("ment", "ness", "ship", "ation", "ance", "ence", "ities")
_NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "nis", "ik", "tum")


@dataclass(frozen=True)
class Name:
    """A person or organisation named in a text."""

    span: Span
    """Where the name itself stands (without role and title)."""
    name: str
    """As fully written: "Karsten Wildberger"; the registry's name for registry entries."""
    kind: str
    """`person`, `organisation` or `media`."""
    entity: str | None = None
    """Registry id, if the registry knows the name."""
    gender: str = "any"
    """`male`, `female` or `any`, from the first name."""
    role: str | None = None
    """The role written with the name ("minister" for "Bundesdigitalminister …")."""
    affiliation: str | None = None
    """An organisation written with the role ("Mistral" in "Mistral-Chef …")."""


@functools.cache
def first_names() -> Detector:
    """gender-guesser's first-name list, loaded on first use (0.4 s), once per process."""
    return Detector(case_sensitive=False)


class NameFinder:
    """Finds names in text; build once per registry."""

    def __init__(self, registry: Registry, recognizer: Recognizer, lexicon: Lexicon | None = None):
        self.registry = registry
        self.recognizer = recognizer
        self.lexicon = lexicon or Lexicon.load()

    @functools.lru_cache(maxsize=65536)  # noqa: B019 (one finder per build; names repeat)
    def gender(self, first: str) -> str:
        """The gender the first-name list gives a first name, `unknown` if it knows none."""
        if first in _NOT_NAMES or first in _FUNCTION or first.isupper() or not first[:1].isupper():
            return "unknown"
        answers: list[str] = []
        for part in first.split("-"):
            plain = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
            answer = str(first_names().get_gender(part))
            if answer == "unknown" and plain and plain != part:
                answer = str(first_names().get_gender(plain))
            answers.append(answer)
        if "unknown" in answers or any(part.isupper() for part in first.split("-")):
            return "unknown"  # "KI-Ökosystem" is no "Asha-Maria": every part must be a first name
        return {"mostly_male": "male", "mostly_female": "female", "andy": "any"}.get(answers[0], answers[0])

    def find(self, text: str, introduced: tuple[str, ...] = ()) -> tuple[list[Name], tuple[str, ...]]:
        """The names in `text` in order, and the registry people introduced after it."""
        mentions, introduced = self.recognizer.scan(text, introduced)
        names = [self._registry_name(m) for m in mentions]
        taken = SpanSet(n.span for n in names)
        for run in _RUN.finditer(text):
            for name in self._people_in(text, run):
                if not taken.overlaps(name.span):
                    names.append(name)
                    taken.add(name.span)
        return sorted(names, key=lambda n: n.span), introduced

    def _registry_name(self, mention: Mention) -> Name:
        entity = self.registry.get(mention.entity)
        person = self.registry.type_of(entity).short_name
        gender = self.gender(entity.name.split()[0]) if person and " " in entity.name else "any"
        affiliation = self.registry.get(entity.affiliation).name if entity.affiliation else None
        return Name(
            (mention.start, mention.end),
            entity.name,
            "person" if person else "organisation",
            entity.id,
            gender if gender != "unknown" else "any",
            role=entity.role,
            affiliation=affiliation,
        )

    def _people_in(self, text: str, run: re.Match[str]) -> list[Name]:
        words = [(run.start() + m.start(), run.start() + m.end()) for m in re.finditer(r"\S+", run.group())]
        found: list[Name] = []
        index = 0
        titled, title_gender = False, "unknown"
        while index < len(words):
            start = index
            word = text[slice(*words[index])]
            if word in self.lexicon.titles:
                index += 1
                titled = True  # "Ms Bligh", "Dr. Meier": a person, first name or not
                title_gender = _TITLE_GENDER.get(word.rstrip("."), "unknown")
                continue
            if word in _FUNCTION or not word[:1].isupper():
                index += 1
                continue  # "Die Firma", "Sprecher von Busch": no name starts with an article or "von"
            role_before = self._role_before(text, words, index) or (("", None) if titled else None)
            gender = self.gender(word)
            if gender == "unknown" and titled:
                gender = title_gender
            titled = False
            end = self._name_end(text, words, index)
            surname_only = end == index and role_before is not None  # "Kanzler Scholz"
            known = gender != "unknown" or role_before is not None
            if (end > index or surname_only) and known and self._plausible(text, words, index, end):
                span = (words[start][0], words[end][1])
                name = " ".join(text[slice(*w)] for w in words[start : end + 1])
                role, affiliation = (
                    (role_before if role_before and role_before[0] else None)
                    or self._role_after(text, span[1])
                    or (None, None)
                )
                found.append(
                    Name(
                        span,
                        name,
                        "person",
                        None,
                        gender if gender != "unknown" else "any",
                        role,
                        affiliation,
                    )
                )
                index = end + 1
                continue
            index += 1
        return found

    def _name_end(self, text: str, words: list[Span], first: int) -> int:
        """The last word of a name starting at `first`: up to four more capitalised words or
        particles, ending on a capitalised word; `first` itself when nothing follows."""
        end = first
        for index in range(first + 1, min(len(words), first + 5)):
            word = text[slice(*words[index])]
            if word in _PARTICLES or word in ("der", "den", "dem"):
                if end > first:
                    break  # "Stefan Roth von Helsing": a company after the full name, no nobility
                continue
            if (
                not word[:1].isupper()
                or word in _FUNCTION
                or word in _NOT_NAMES
                or self.lexicon.role_word(word)
            ):
                break
            if self.lexicon.institution(word) or self.lexicon.is_document(word):
                break
            end = index
        return end

    def _plausible(self, text: str, words: list[Span], first: int, end: int) -> bool:
        """A surname is no common noun ending a German compound or an institution."""
        last = text[slice(*words[end])].rstrip("'’s")
        if first == end and last.lower().endswith(_NOUN_ENDINGS):
            return False  # "der Minister Entwicklung": a noun, not a surname
        if last in _COMPANY_WORDS:
            return False  # "Black Forest Labs", "Scale AI": a company, not "Forest Labs"
        if len(last) >= 8 and last.lower().endswith(_NOUN_ENDINGS_EN):
            return False  # "the Kenya Employment and Labour Relations Court": a name of a body
        return not (self.lexicon.role_word(last) or self.lexicon.is_unnamed(last) or last.isupper())

    def _role_before(self, text: str, words: list[Span], index: int) -> tuple[str, str | None] | None:
        """A role right before word `index` ("Bundesdigitalminister Karsten", "Nvidia CEO Jensen",
        "Mistral-Chef und Ko-Gründer Arthur"), as (role, affiliation)."""
        before = text[max(0, words[index][0] - 80) : words[index][0]]
        english = self.lexicon.english_role_before.search(before)
        if english:
            return english.group(1).lower(), None
        tokens = before.split()
        while tokens and tokens[-1] in self.lexicon.titles:
            tokens.pop()  # "Bitkom-Präsident Dr. Ralf Wintergerst"
        if not tokens or not before[-1:].isspace() or tokens[-1][-1:] in ".,:;!?":
            return None  # "… ist größter Investor. Die Firma": the sentence ended
        candidates = [tokens[-1]]
        if len(tokens) >= 3 and tokens[-2] in ("und", "and"):
            candidates.append(tokens[-3])  # "Mistral-Chef und Ko-Gründer Arthur Mensch"
        for candidate in candidates:
            role = self.lexicon.role_word(candidate)
            if role:
                org = candidate.rsplit("-", 1)[0] if "-" in candidate and candidate[0].isupper() else None
                office = office_of(candidate) if candidate[:1].isupper() else role  # "technikchef"
                return office, org if org and org.lower() != role else None
        return None

    def _role_after(self, text: str, end: int) -> tuple[str, str | None] | None:
        """An apposition: "Arthur Mensch, CEO und Mitbegründer von Mistral AI," -> (ceo, Mistral AI)."""
        match = re.match(r",\s+(?:der|die|the)?\s*([^,;:.]{2,80}?)(?:,|$)", text[end : end + 120])
        if match is None:
            return None
        words = match.group(1).split()
        role = next((r for w in words[:3] if (r := self.lexicon.role_word(w))), None)
        if role is None:
            return None
        org = re.search(rf"(?:von|des|der|bei|of|at)\s+(?:\w+\s+)?({WORD}(?:\s+{WORD})*)\s*$", match.group(1))
        return role, org.group(1) if org else None


_ABBREVIATION = re.compile(r"\(([A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,9}|[a-zäöü]{3,6})\)")
_NAME_WORD = re.compile(r"[\w'’.&-]+")


def abbreviations(text: str) -> dict[str, str]:
    """Short forms a text introduces in parentheses, with the name they stand for:
    "die Federal Trade Commission (FTC)" -> FTC: Federal Trade Commission; "der Bundesverband
    Digitale Wirtschaft (BVDW)" -> BVDW. The name is the fewest words before the parenthesis
    that start with the short form's first letter and hold its letters in order."""
    found: dict[str, str] = {}
    for match in _ABBREVIATION.finditer(text):
        short = match.group(1)
        if sum(c.isupper() for c in short) < 2 and not short.islower():
            continue  # "(Berlin)", "(Reuters)": a place or a source, not a short form ("vzbv" is one)
        before = text[max(0, match.start() - 120) : match.start()]
        before = re.split(r"[,;:.!?()„“”\"«»–]", before)[-1]
        words = _NAME_WORD.findall(before)[-8:]
        for count in range(1, len(words) + 1):
            candidate = words[-count:]
            if candidate[-1][:1].islower() or not candidate[0][:1].isupper():
                continue
            if count == 1 and candidate[0].lower() in _GENERIC_NOUNS:
                continue  # "National Electoral Institute (INE)": not "Institute" alone
            capitals = [w[0] for w in candidate if w[:1].isupper()]
            first = candidate[0][:1].lower() == short[0].lower()
            ordered = first and _subsequence(short.lower(), " ".join(candidate).lower())
            # "National Electoral Institute (INE)": the initials of a name in another language
            shuffled = len(capitals) >= 2 and sorted(capitals) == sorted(short.upper())
            if ordered or shuffled:
                determiner = words[-count - 1] if count < len(words) else ""
                found[short] = nominative(candidate, determiner)  # "des Norddeutschen Rundfunks (NDR)"
                break
    return found


_GENERIC_NOUNS = frozenset(
    """institute institut commission kommission agency agentur court gericht council rat company
    group gruppe ministry ministerium office amt verband partei party union behörde authority
    organisation organization association""".split()
)


def _subsequence(letters: str, text: str) -> bool:
    rest = iter(text)
    return all(letter in rest for letter in letters)


_NEUTER = (
    "um", "ment", "chen", "lein", "tum", "tut", "amt", "werk", "haus", "büro", "gericht", "bündnis",
    "unternehmen", "komitee", "team", "portal", "magazin", "blatt", "netz", "labor", "kolleg",
)  # fmt: skip


def inflected_adjective(word: str) -> bool:
    """ "Norddeutschen", "Digitale": a capitalised adjective with an ending, not a noun."""
    lower = word.lower()
    if not word[:1].isupper() or not lower.endswith(("e", "en", "er", "es", "em")):
        return False
    stem = lemma(lower, "de")
    return stem != lower and lower.startswith(stem) and len(lower) - len(stem) <= 2 and not noun_lemma(word)


def nominative(words: list[str], determiner: str) -> str:
    """A German name written after a determiner, as named on its own: "des Norddeutschen
    Rundfunks" -> "Norddeutscher Rundfunk", "der Deutschen Telekom" -> "Deutsche Telekom",
    "des Bundesverbandes" -> "Bundesverband". Adjectives take the ending of a name without
    article; the noun loses the genitive -s/-es of masculine and neuter nouns."""
    determiner = determiner.lower()
    if determiner not in ("des", "der", "dem", "den", "eines", "einer", "einem", "einen"):
        return " ".join(words)
    nouns = [i for i, w in enumerate(words) if not inflected_adjective(w)]
    if not nouns:
        return " ".join(words)
    head = nouns[0]
    noun = words[head]
    feminine = determiner in ("der", "einer")
    if determiner in ("des", "eines") and noun.endswith("s") and not noun.endswith(("ss", "us", "is")):
        noun = noun[:-2] if noun.endswith("es") and noun[-3:-2] not in "aeiouäöü" else noun[:-1]
    neuter = noun.lower().endswith(_NEUTER)
    ending = "e" if feminine else "es" if neuter else "er"
    result = []
    for index, word in enumerate(words):
        if index < head and inflected_adjective(word) and word.endswith(("en", "em")):
            word = word[:-2] + ending
        result.append(noun if index == head else word)
    return " ".join(result)


_CAPITALISED = re.compile(rf"{WORD}")
_PUBLIC = (
    "Bundes", "Landes", "Land", "Amts", "Oberlandes", "Verwaltungs", "Verfassungs", "Sozial",
    "Arbeits", "Finanz", "Staats", "Kreis", "Stadt", "Europ", "Max-Planck", "Fraunhofer",
)  # fmt: skip
"""Compounds that name one public body on their own ("Bundeskartellamt", "Landgericht")."""


def institutions(text: str, lexicon: Lexicon) -> list[Name]:
    """Organisations named by a compound institution noun and the names after it ("das
    Landgericht München", "der Bundesverband Digitale Wirtschaft", "das Bundeskartellamt"): the
    antecedents of "das Gericht", "der Verband", "das Amt". A bare noun ("das Gericht") is a
    reference, not a name."""
    found: list[Name] = []
    bare = lexicon.institution_nouns
    matches = list(_CAPITALISED.finditer(text))
    index = 0
    while index < len(matches):
        match = matches[index]
        word = match.group()
        if (
            word in _FUNCTION
            or len(word) < 6
            or not lexicon.institution(word)
            or word.lower() in bare
            or cased_lemma(word).lower() in bare  # "Verbände", "Behörden": the bare noun inflected
        ):
            index += 1
            continue
        last = index
        while (
            last + 1 < len(matches)
            and last - index < 2
            and text[matches[last].end() : matches[last + 1].start()] == " "
            and matches[last + 1].group() not in _FUNCTION
        ):
            last += 1
        if not word.startswith(_PUBLIC):
            index = last + 1
            continue  # "Datenbank", "Tracking-Firma Utiq": a common noun, or one before a name
        first = index
        if (
            index > 0
            and text[matches[index - 1].end() : match.start()] == " "
            and matches[index - 1].group() not in _FUNCTION
            and (not found or found[-1].span[1] < matches[index - 1].start())
            and re.search(
                r"\b(?:der|die|das|des|dem|den)\s$",
                text[max(0, matches[index - 1].start() - 5) : matches[index - 1].start()],
            )
        ):
            first = index - 1  # "der Verbraucherzentrale Bundesverband": one name of two nouns
        words = [m.group() for m in matches[first : last + 1]]
        determiner = text[: matches[first].start()].split()[-1:] or [""]
        written = nominative(words, determiner[0])
        found.append(Name((matches[first].start(), matches[last].end()), written, "organisation"))
        index = last + 1
    return sorted(found + _english_bodies(text, lexicon, found), key=lambda n: n.span)


@functools.lru_cache(maxsize=4)
def _body_pattern(nouns: tuple[str, ...]) -> re.Pattern[str]:
    """Capitalised words ending in one of `nouns`, compiled once per lexicon."""
    ends = "|".join(sorted((w.capitalize() for w in nouns), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?:(?!(?:The|A|An|In|On|At|For|By|But|And)\s){WORD}\s+(?:(?:of|for|and|on|&)\s+)?){{1,6}}"
        rf"(?:{ends})(?![\w-])"
    )


def _english_bodies(text: str, lexicon: Lexicon, taken: list[Name]) -> list[Name]:
    """ "the Kenya Employment and Labour Relations Court", "the Federal Trade Commission": a
    run of capitalised words that ends in an institution noun."""
    found = []
    for match in _body_pattern(tuple(lexicon.data["institutions"]["en"])).finditer(text):
        if any(n.span[0] < match.end() and match.start() < n.span[1] for n in taken):
            continue
        found.append(Name((match.start(), match.end()), " ".join(match.group().split()), "organisation"))
    return found


def office_of(word: str) -> str:
    """The office a German role noun names, as written, without the organisation before a
    hyphen: "Lumenfeld-Chef" -> "Chef", "Technikchef", "Bundesdigitalminister" ("der Minister" is
    one of them, "der Technikchef" no "Chef")."""
    return word.rsplit("-", 1)[-1].rstrip(".,")
