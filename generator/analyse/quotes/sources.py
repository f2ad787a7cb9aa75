"""Sources: who a cue says is speaking, read from where German and English put the subject.

"„…“, sagte X" and "Am Dienstag sagte X, …" put it after the verb; "X sagte, …" before it;
"X hatte angekündigt, …" after the auxiliary; "laut X", ", so X" and "according to X" after
the cue; "X zufolge" before it. What stands there is a noun phrase: a name (known to the
registry or found by `names`), a surname of someone named before, a pronoun, a role ("die
Ministerin"), an organisation ("die Bundesregierung", "das Unternehmen"), a medium ("die
Financial Times"), an unnamed source ("ein Sprecher", "Experten") or a document ("die
Studie"), which makes no quote.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from generator.analyse.names import Name, inflected_adjective, nominative, office_of
from generator.analyse.quotes.clauses import auxiliary, clause_end, clause_start, inserted_before
from generator.analyse.quotes.content import Quotation
from generator.analyse.quotes.cues import Cue
from generator.analyse.quotes.lexicon import Lexicon, cased_lemma, lemma
from generator.model import Span


@dataclass(frozen=True)
class Source:
    """What stands in the source position of a cue."""

    span: Span
    kind: str
    """`name`, `pronoun`, `role`, `reference` (das Unternehmen), `unnamed`, `media`, `document`."""
    text: str
    """As written ("die Ministerin", "Bundesdigitalminister Karsten Wildberger", "er")."""
    name: Name | None = None
    """For `name` and `media`: the name."""
    role: str | None = None
    """For `pronoun`: its gender; for `role`: the role word ("minister"); for `reference`:
    the noun ("unternehmen")."""
    affiliation: str | None = None
    """For `role`: the organisation written with it ("der Nvidia-Chef", "der Gründer des
    Beratungsunternehmens Modulus")."""


Token = tuple[int, int, str]

_DETERMINERS = frozenset(
    """der die das den dem des ein eine einer eines einem einen einige mehrere viele andere
    zwei drei vier diese dieser dieses diesen jene jener the a an its his her their other
    others some many several two three most all local this these those""".split()
)
_DEFINITE = frozenset("der die das den dem des the its his her their".split())
_NOT_NOMINATIVE = frozenset("den dem des einen einem einer eines".split())
_PREPOSITIONS_BY_LANG = {
    "de": frozenset(
        """am im in an auf bei mit nach vor von vom zu zum zur für über unter gegenüber aus seit
        bis durch um ohne gegen während wegen angesichts trotz""".split()
    ),
    "en": frozenset(
        """to at on in for from with by of about after before during into against over under
        between among without within across through towards toward around behind near despite
        via amid upon onto""".split()
    ),
}
"""Per language: German "an" is a preposition, English "an" an article ("An eyewitness said")."""
_PREPOSITIONS = _PREPOSITIONS_BY_LANG["de"] | _PREPOSITIONS_BY_LANG["en"]


def _prepositions(lang: str) -> frozenset[str]:
    return _PREPOSITIONS_BY_LANG.get(lang, _PREPOSITIONS)


_ADVERBS = frozenset(
    """zudem auch dabei außerdem ebenfalls weiter jetzt nun bereits heute gestern kürzlich zuletzt
    erneut dann zuvor später daher deshalb damals schon noch gleichzeitig zugleich indes jedoch
    aber allerdings ferner überdies sinngemäß wörtlich demnach darin dazu darauf davon dagegen
    offenbar abschließend anschließend einst vorab danach davor dadurch darum dennoch trotzdem
    somit folglich insgesamt zunächst vielmehr ebenso hingegen stattdessen also though however
    recently also earlier later today yesterday previously further meanwhile still again""".split()
)
GENERIC = frozenset(
    """unternehmen konzern firma start-up startup hersteller anbieter gruppe company firm group
    maker developer provider giant""".split()
)
"""Nouns that refer back to the organisation named last, whatever its name."""
_REFERRING = frozenset(
    """gericht behörde ministerium regierung kommission verband partei institut agentur amt
    gewerkschaft stiftung universität rat opposition koalition fraktion polizei
    staatsanwaltschaft armee militär court agency ministry government commission regulator
    authority institute party union council police opposition coalition""".split()
)
"""Nouns that refer back to an organisation named with them ("das Gericht" -> "Landgericht
München", "the agency" -> "National Security Agency")."""
_RELATIVE = re.compile(
    r"\s*(?:der|die|das|welche|welcher|welches|who|which)(?:\s+(?:zuvor|vorher|bereits|schon|dann|noch|"
    r"damals|gestern|heute|kürzlich|jüngst|selbst|auch|earlier|previously|already|also|had|has|then))*\s*",
    re.IGNORECASE,
)
"""A relative pronoun, with adverbs or an auxiliary ("…, der zuvor gesagt hatte, …")."""
_ADJECTIVE = re.compile(
    r"[A-Z][a-z]+(?:ese|ian|ish|can|ican|ean|ern|ic)|[A-Z][\w-]*-(?:based|born|owned|run|led|backed)"
    r"|[A-Z](?:\.[A-Z])+"
)
"""Capitalised adjectives: nationalities ("Chinese", "Indian") and "Bangalore-based"."""
_ENGLISH_VERBS = frozenset(
    "is are was were will would has have had can could should may might must do does did said says".split()
)
_TOKEN = re.compile(r"\w(?:[\w'’-]|\.(?=\w))*|[„“”\"«»,;:()–&-]")
_PUNCTUATION = frozenset((",", ";", ":", "(", ")", "„", "“", "”", '"', "–"))
_FOCUS = frozenset("auch selbst sogar nur even also only".split())
_ROLE_PARTS = frozenset(
    """chief senior vice deputy executive ai co-founder founder assistant constable detective
    inspector superintendent officer general""".split()
)
"""Words inside an English role ("chief AI scientist", "senior vice president")."""
_ATTRIBUTE = frozenset("des der eines einer of for at by von vom bei".split())
"""Words after a noun that start an attribute of it, not a new noun phrase."""


_QUOTED_NAME = re.compile(
    r"\s*(?:[A-ZÄÖÜ][a-zäöüß]+\s+)?[„“\"»«](?P<name>[A-ZÄÖÜ][^„“”\"»«.!?:;]{1,80}?)[“”\"«»](?![\w-])"
)
"""A name in quotation marks after an article ("der „Koalition datenschutzfreundlicher
Unternehmen“")."""


class SourceFinder:
    """Reads the source of a cue; one per build."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def find(
        self, text: str, unit: Span, cue: Cue, quotes: list[Quotation], names: list[Name], lang: str
    ) -> Source | None:
        if cue.kind in ("impersonal", "hearsay"):
            return None
        if cue.kind == "words":
            return self._words_of(text, cue, names)
        if cue.kind == "own":
            # "Laut eigenen Angaben besitzt Clearview AI …": the one the sentence is about
            if cue.span[0] <= unit[0] + 2:
                start = cue.span[1]
                end = clause_end(text, start + 2, unit[1])
                if re.match(r"\s+(?:des|der)\s", text[start : start + 6]):
                    # "Nach eigenen Angaben des Zeugen hat …": the witness
                    found = self.phrase(text, start, end, names, lang)
                    return found if found is not None and found.kind in ("role", "unnamed") else None
                found = self.phrase(text, start, end, names, lang, subject=True, first=True)
            else:
                # "Der Trainer hat nach eigenen Worten …": the phrase that opens the clause
                # (not "Thomas Müller" further on, not the subject of a main clause before a
                # relative "der")
                start = clause_start(text, unit[0], cue.span[0], quotes)
                found = self.phrase(text, start, cue.span[0], names, lang, anchored=True)
            return (
                found
                if found is not None and found.kind in ("name", "reference", "role", "pronoun")
                else None
            )
        if cue.kind == "noun":
            # "die Feststellung der Datenschützer:innen, dass …", "die Forderung von Bitkom, dass"
            start = cue.span[1]
            of = re.match(r"\s+(?:von|vom)\s", text[start : start + 6])
            start += of.end() - 1 if of else 0
            return self.phrase(text, start, clause_end(text, start, unit[1]), names, lang, anchored=True)
        if cue.kind in ("before", "so"):
            start = cue.span[1]
            of = re.match(r"\s+(?:von|vom|of)\s", text[start : start + 6])
            if of:  # "nach Angaben von Utiq", "nach Recherchen des NDR"
                start += of.end() - 1
            elif _ownerless(text, cue):
                # "Nach einem Bericht will Apple …": no one owns the report; Apple is its subject
                return Source(cue.span, "unnamed", text[slice(*cue.span)])
            # The first noun phrase, not a name further on ("Aus Sicht der Anwälte von X").
            return self.phrase(text, start, clause_end(text, start, unit[1]), names, lang, anchored=True)
        if cue.kind == "after":
            return self.last_phrase(
                text, clause_start(text, unit[0], cue.span[0], quotes), cue.span[0], names, lang
            )
        word = text[slice(*cue.span)]
        if lang == "en" and word.endswith("ing"):
            # "…, saying: “…”": the subject of the sentence.
            return self.phrase(text, unit[0], cue.span[0], names, lang, subject=True)
        pivot = auxiliary(text, unit, cue) if lang == "de" else None
        if pivot is not None and text[slice(*pivot)] in ("wird", "wurde", "wurden", "werden"):
            # "Den Personen wird vorgeworfen, …": a passive without an agent names no one.
            return Source(pivot, "unnamed", text[pivot[0] : cue.span[1]])
        verb = pivot or cue.span
        start = clause_start(text, unit[0], verb[0], quotes)
        prefix = text[start : verb[0]]
        first_verb = min(verb[0], cue.span[0])  # "der gesagt hatte": the participle comes first
        comma = text.rfind(",", unit[0], first_verb)
        if comma > unit[0] and _RELATIVE.fullmatch(text[comma + 1 : first_verb]):
            start = comma + 1  # "Scholz, der gesagt hatte, …": not an insertion to skip
        if _RELATIVE.fullmatch(text[start:first_verb]) and start > unit[0]:
            # "eine Anfrage der Polizei, die erklärte, …", "Wüst, der zuvor gesagt hatte, …":
            # the relative pronoun's antecedent.
            antecedent = clause_start(text, unit[0], start - 1, quotes)
            return self.last_phrase(text, antecedent, start - 1, names, lang)
        before = (
            self.phrase(text, start, verb[0], names, lang, anchored=True) if prefix.strip(" ,–-") else None
        )
        apposition = re.match(
            r"\s*(?:[a-z][\w-]*\s*){0,2},\s*((?:[A-Z][\w&.'’-]*\s*){1,5}),\s*$",
            text[before.span[1] : verb[0]] if before else "",
        )
        if (
            before is not None
            and lang == "en"
            and apposition
            and text[before.span[0] : before.span[0] + 2] in ("A ", "An")
        ):
            # "A small Texas supplier, Lonestar Wafer Services, said": the name in apposition
            start = before.span[1] + apposition.start(1)
            written = apposition.group(1).strip()
            name = next((n for n in names if n.span[0] == start), None) or Name(
                (start, start + len(written)), written, "organisation"
            )
            return self._named(text, before.span[0], name)
        if before is not None and before.kind in ("role", "unnamed"):
            # "Its chief executive, Nicolas Dufourcq, said", "ASML's spokesperson, Monique Mols,"
            named = _apposed(text, before.span[1], verb[0], names, quotes)
            if named is not None:
                return Source(
                    (before.span[0], named.span[1]), "name", text[before.span[0] : named.span[1]], named
                )
        if before is not None:
            return self._quoted_one(text, cue, before, unit, names, lang) or before
        # German puts the subject after the verb when something else opens the clause (a
        # quotation, an adverbial, a fronted clause); English only right after a quotation.
        opening = text[unit[0] : verb[0]].rstrip()
        after_quote = bool(re.search(r"[”\"’»«“]\s*,?$", opening)) or (
            opening.endswith(",") and not inserted_before(text, unit[0], verb[0])
        )
        if lang == "de" or (not prefix.strip(" ,") and after_quote):
            end = clause_end(text, verb[1], unit[1])
            after = self.phrase(text, verb[1], end, names, lang, subject=True)
            if after is not None and after.kind in ("role", "unnamed"):
                # "sagt der geschäftsführende Direktor des Instituts, …, Prof. Dr. Bernhard
                # Schölkopf": the name in apposition is the speaker.
                named = _apposed(text, after.span[1], unit[1], names, quotes)
                if named is not None:
                    return Source(
                        (after.span[0], named.span[1]), "name", text[after.span[0] : named.span[1]], named
                    )
            return (self._quoted_one(text, cue, after, unit, names, lang) or after) if after else None
        return None

    def _quoted_one(
        self, text: str, cue: Cue, subject: Source, unit: Span, names: list[Name], lang: str
    ) -> Source | None:
        """ "…, zitierte die Financial Times einen Meta-Sprecher", "the FT quoted X as saying":
        the one quoted speaks; the medium only passes it on."""
        if cue.word not in ("zitieren", "quote"):
            return None
        start = max(subject.span[1], cue.span[1])
        end = clause_end(text, start, unit[1])
        person = next((n for n in names if start <= n.span[0] < end and n.kind == "person"), None)
        if person is not None:
            return self._named(text, person.span[0], person)
        match = re.match(
            r"\s*(?:einen|eine|den|die|a|an|the)\s+(?:[a-zäöü][\w-]*\s+)?([\w-]+)", text[start:end]
        )
        if match is None:
            return None
        noun = match.group(1)
        role = self.lexicon.role_word(noun)
        span = (start + match.start(1), start + match.end(1))
        definite = match.group().split()[0].lower() in ("den", "die", "the")
        if role and definite and not self.lexicon.listed_unnamed(noun):
            # "zitierte den Bosch-Chef mit den Worten": the Bosch chief named before
            affiliation = noun.rsplit("-", 1)[0] if "-" in noun and noun[:1].isupper() else None
            return Source(span, "role", noun, role=office_of(noun).lower(), affiliation=affiliation)
        if self.lexicon.is_unnamed(noun) or role:
            return Source(span, "unnamed", noun)
        return None

    def phrase(
        self,
        text: str,
        start: int,
        end: int,
        names: list[Name],
        lang: str,
        *,
        anchored: bool = False,
        subject: bool = False,
        first: bool = False,
    ) -> Source | None:
        """The first noun phrase that can be a source between `start` and `end`.

        `anchored`: it must open the span (the subject before a verb); `subject`: skip what
        cannot be the subject after a verb (adverbs, prepositional phrases, objects); `first`:
        a noun phrase with an article that names no source ends the search ("hat der Trainer
        von Thomas Müller …": the trainer, not Müller)."""
        tokens = _tokens(text, start, end)
        index = 0
        while index < len(tokens):
            word = tokens[index][2]
            lower = word.lower()
            if anchored and lower in _FOCUS and index + 1 < len(tokens):
                index += 1  # "Auch die Opposition zeigte sich skeptisch": a particle before the subject
                continue
            if word in ("(", ")", "–", "-") or lower in (
                "und",
                "and",
                "doch",
                "aber",
                "denn",
                "wie",
                "as",
                "but",
            ):
                index += 1
                continue
            prepositions = _prepositions(lang)
            if anchored and lower in ("laut", "gemäß", "zufolge", "according"):
                return None  # "Laut Spiegel sagte Olaf Scholz": a source phrase opens, the subject follows
            if (lower in prepositions or lower in _ADVERBS) and not self._name_near(tokens, index, names):
                if anchored:
                    return None  # "Auf Nachfrage sagte …": an adverbial opens the clause
                index = _skip_phrase(tokens, index + 1) if lower in prepositions else index + 1
                continue
            if subject and lower in _NOT_NOMINATIVE:
                index = _skip_phrase(tokens, index + 1)  # "sagte der Zeitung", "meldet einen Einbruch"
                continue
            if subject and lower == "der" and index + 1 < len(tokens) and self._dative(tokens[index + 1][2]):
                index = _skip_phrase(tokens, index + 1)  # "sagte der Nachrichtenagentur AFP"
                continue
            found = self._at(text, tokens, index, names, lang)
            if found is not None or anchored:
                return found
            if first and lower in _DETERMINERS:
                return None
            # "das Potenzial der Entwicklung": an object; none of its words is a source.
            index = _skip_phrase(tokens, index + 1) if lower in _DETERMINERS else index + 1
        return None

    def last_phrase(self, text: str, start: int, end: int, names: list[Name], lang: str) -> Source | None:
        """The noun phrase right before `end` ("X zufolge", "Unternehmensangaben zufolge")."""
        inside = [n for n in names if start <= n.span[0] and n.span[1] <= end]
        if inside and not text[inside[-1].span[1] : end].strip(" ,"):
            return self._named(text, inside[-1].span[0], inside[-1])
        tokens = _tokens(text, start, end)
        for index in range(len(tokens) - 1, -1, -1):
            if tokens[index][2].lower() in _DETERMINERS or tokens[index][2] in (",", "(", ";", ":"):
                at = index if tokens[index][2].lower() in _DETERMINERS else index + 1
                return self._at(text, tokens, at, names, lang) if at < len(tokens) else None
        if not tokens:
            return None
        # The last run of capitalised words ("Merz kritisierte Scholz" -> Scholz), or the first word.
        position = len(tokens) - 1
        while position > 0 and tokens[position - 1][2][:1].isupper() and tokens[position][2][:1].isupper():
            position -= 1
        return self._at(text, tokens, position if tokens[position][2][:1].isupper() else 0, names, lang)

    def _words_of(self, text: str, cue: Cue, names: list[Name]) -> Source:
        """ "nach Papandreous Worten", "In Museveni's view" -> the owner; "nach seinen Worten",
        "ihrer Ansicht nach" -> the pronoun's person."""
        owner = cue.word
        at = text.index(owner, cue.span[0])
        span = (at, at + len(owner))
        pronoun = owner.lower()
        if pronoun in ("seinen", "seiner", "dessen", "his"):
            return Source(span, "pronoun", owner, role="male")
        if pronoun in ("ihren", "deren", "her"):
            return Source(span, "pronoun", owner, role="female")
        if pronoun in ("ihrer", "their"):
            # "Ihrer Ansicht nach …": her or their; never given to a guessed name
            return Source(span, "pronoun", owner, role="unsure")
        name = next((n for n in names if n.span[0] == at), None)
        written = re.sub(r"(?:'s|’s|s'|s’|s)$", "", owner) if name is None else name.name
        return Source(span, "name", owner, name or Name(span, written, "person"))

    # -- one noun phrase ------------------------------------------------------------------

    def _at(self, text: str, tokens: list[Token], index: int, names: list[Name], lang: str) -> Source | None:
        begin, stop, word = tokens[index]
        lower = word.lower()
        name = self._name_near(tokens, index, names)
        following = re.match(r"\s+([A-ZÄÖÜ][\w-]*)", text[name.span[1] : name.span[1] + 40]) if name else None
        owner = (  # "Klaus Meiers Anwalt": the name took the genitive s; a person of his follows
            name is not None
            and lang == "de"
            and name.name.endswith("s")
            and following is not None
            and self._people_noun(following.group(1))
        )
        if name is not None and (owner or _genitive(text, name, lang)):
            end = _token_end(tokens, name.span[1])
            after = next((i for i, t in enumerate(tokens) if t[0] >= end), len(tokens))
            if after < len(tokens) and (_noun_follows(text, end) or lang == "en"):
                return self._possessed(text, tokens, after, lang, names)  # "Metas Chefwissenschaftler"
        if name is not None:
            return self._named(text, begin, name)
        pronoun = self.lexicon.pronouns.get(lower)
        if lower in ("ihr", "her") and index + 1 < len(tokens) and tokens[index + 1][2][:1].isalpha():
            return self._noun_phrase(text, tokens, index, names, lang)  # "Ihr Sprecher": possessive
        if pronoun is not None:
            if pronoun == "plural" or (lower == "sie" and _plural_verb(text, begin, stop)):
                return Source((begin, stop), "unnamed", word)
            return Source((begin, stop), "pronoun", word, role=pronoun)
        if lower in ("man", "we", "wir", "ich", "i", "you", "es", "it"):
            return Source((begin, stop), "unnamed", word)
        if lower in _DETERMINERS:
            quoted = _QUOTED_NAME.match(text, stop)
            noun = quoted.group().split()[0] if quoted is not None and quoted.group().split() else ""
            if (
                quoted is not None
                and len(quoted["name"].split()) <= 8
                and (noun[:1] in '„“"»«' or self.lexicon.institution(noun))
            ):
                # "Aus Sicht der „Koalition von … aus Europa“": a name in quotation marks
                written = quoted["name"]
                name = Name((quoted.start("name"), quoted.end("name")), written, "organisation")
                return Source((begin, quoted.end()), "name", text[begin : quoted.end()], name)
            media = self.lexicon.media_names.match(text, begin)
            if media and media.group()[:1].isupper():  # "The Information", "Die Zeit"
                return self._media(text, begin, begin, media.end())
            if word == "The" and index + 1 < len(tokens):
                media = self.lexicon.media_names.match(text, tokens[index + 1][0])
                if media:  # "The Guardian": the article belongs to the paper's name
                    return self._media(text, begin, begin, media.end())
            return self._noun_phrase(text, tokens, index, names, lang)
        if not (word[:1].isupper() or _camel(word)):
            return None
        return self._bare(text, tokens, index, names, lang)

    def _name_near(self, tokens: list[Token], index: int, names: list[Name]) -> Name | None:
        """A name starting at token `index`, or after the roles and titles that open there
        ("Bitkom-Präsident Dr. Ralf Wintergerst", "Mistral-Chef und Ko-Gründer Arthur Mensch")."""
        starts = {n.span[0]: n for n in names}
        for position in range(index, min(len(tokens), index + 6)):
            start, _, word = tokens[position]
            if start in starts:
                name = starts[start]
                if name.kind != "person":
                    return self._person_after_role(tokens, position, name, starts) or name
                return name
            titled = word in self.lexicon.titles or word + "." in self.lexicon.titles
            if not (
                (word[:1].isupper() and self.lexicon.role_word(word)) or titled or word in ("und", "and")
            ):
                return None
        return None

    def _person_after_role(
        self, tokens: list[Token], position: int, organisation: Name, starts: dict[int, Name]
    ) -> Name | None:
        """ "Mistral-Chef und Ko-Gründer Arthur Mensch", "Meta chief AI scientist Yann LeCun":
        an organisation that only qualifies the role of the person named after it."""
        _, end, word = tokens[position]
        compound = end > organisation.span[1] and bool(self.lexicon.role_word(word))
        roles = 1 if compound else 0
        for at in range(position + 1, min(len(tokens), position + 8)):
            begin, _, following = tokens[at]
            if begin < organisation.span[1] or (following == "," and roles):
                continue  # the organisation's own words ("Hugging Face"); "chief AI scientist, Yann"
            name = starts.get(begin)
            if name is not None:
                return name if name.kind == "person" and roles else None
            role = bool(self.lexicon.role_word(following)) or following.lower() in _ROLE_PARTS
            titled = following in self.lexicon.titles or following + "." in self.lexicon.titles
            modifier = (
                following.islower()
                and not roles
                and following not in _prepositions("de")  # "die Bundesregierung unter Kanzler X"
                and following not in _DETERMINERS
                and following not in _ENGLISH_VERBS
                and not following.endswith("ed")
                and self.lexicon.speech_lemma(following, "en") is None
            )  # "Microsoft cloud chief Scott Guthrie"
            if not (role or titled or modifier or following in ("und", "and")):
                return None
            roles += role
        return None

    def _named(self, text: str, begin: int, name: Name) -> Source:
        word = re.match(r"[\w-]+", text[name.span[0] :])
        if name.kind == "organisation" and word is not None and word.end() > name.span[1] - name.span[0]:
            role = self.lexicon.role_word(word.group())
            if role and word.group().lower().startswith(name.name.lower()[:3]):
                # "so der Nvidia-Chef weiter": a role at Nvidia, not Nvidia
                span = (begin, name.span[0] + word.end())
                return Source(span, "role", text[slice(*span)], role=role, affiliation=name.name)
        kind = "media" if name.kind == "media" else "name"
        return Source((begin, name.span[1]), kind, text[begin : name.span[1]], name)

    def _dative(self, word: str) -> bool:
        return (
            bool(self.lexicon.media_nouns.fullmatch(word))
            or self.lexicon.media_names.fullmatch(word) is not None
        )

    def _noun_phrase(
        self, text: str, tokens: list[Token], index: int, names: list[Name], lang: str
    ) -> Source | None:
        """ "die Ministerin", "der für den Binnenmarkt zuständige Kommissar Thierry Breton", "das
        Start-up Kyutai", "die Financial Times", "a spokesman for X"."""
        begin = tokens[index][0]
        definite = tokens[index][2].lower() in _DEFINITE
        head: Token | None = None
        # "der für den Binnenmarkt zuständige Kommissar": an attribute opens with a preposition
        attribute = lang == "de" and index + 1 < len(tokens) and tokens[index + 1][2] in _prepositions(lang)
        for position in range(index + 1, min(len(tokens), index + (16 if attribute else 10))):
            start, _, word = tokens[position]
            if attribute:
                # inside the attribute ("der von Olaf Scholz ernannte Beauftragte"): its names
                # and nouns are not the phrase's; a participle in lower case ends it
                if position > index + 2 and word.islower() and word.endswith(("e", "en", "er", "es", "em")):
                    attribute = False
                continue
            name = self._name_near(tokens, position, names)
            if name is not None and name.kind == "organisation" and lang == "en":
                # "the Meta CEO", "the Meta scientist", "a former Meta executive": a person of it
                after = next((i for i, t in enumerate(tokens) if t[0] >= name.span[1]), len(tokens))
                following = tokens[after][2] if after < len(tokens) else ""
                if (following.islower() or following.isupper()) and self._people_noun(following):
                    span = (begin, tokens[after][1])
                    if definite:
                        role = tokens[after][2].lower()
                        return Source(span, "role", text[slice(*span)], role=role, affiliation=name.name)
                    return Source(span, "unnamed", text[slice(*span)])
            if name is not None:
                return self._named(text, begin, name)
            media = self.lexicon.media_names.match(text, start)
            if media:
                return self._media(text, begin, start, media.end())
            lower = word.lower()
            if word in _PUNCTUATION or lower in ("und", "and", "or", "oder"):
                break
            if head is not None and lower in _ATTRIBUTE:
                owner = self._name_near(tokens, position + 1, names) if position + 1 < len(tokens) else None
                if owner is None and position + 1 < len(tokens) and tokens[position + 1][2][:1].isupper():
                    found = self._bare(text, tokens, position + 1, names, lang)
                    owner = found.name if found is not None and found.kind in ("name", "media") else None
                    if owner is not None and lang == "de":  # "des Ifo-Instituts" -> Ifo-Institut
                        owner = dataclasses.replace(owner, name=nominative(owner.name.split(), word))
                if owner is not None and self.lexicon.is_document(head[2]):
                    # "so die Recherche von LobbyControl", "laut einer Studie des Ifo-Instituts":
                    # whose document it is speaks through it
                    return self._named(text, begin, owner)
                office = self.lexicon.role_word(head[2])
                if office and definite and not self.lexicon.listed_unnamed(head[2]):
                    # "Der Gründer des Beratungsunternehmens Modulus": the founder of Modulus
                    affiliation = owner.name if owner is not None else self._owner(tokens, position + 1)
                    if affiliation is not None:
                        span = (begin, head[1])
                        return Source(span, "role", text[slice(*span)], role=office, affiliation=affiliation)
                break  # "der Direktor des Instituts", "a spokesman for X": an attribute, not the speaker
            if lang == "de":
                if word[:1].isupper():
                    if head is None and inflected_adjective(word) and _capitalised(tokens, position + 1):
                        # "des Norddeutschen Rundfunks", "der Deutschen Telekom": a name
                        return self._adjective_name(text, tokens, index, position, lang)
                    if head is not None and tokens[position - 1] is head and self.lexicon.institution(word):
                        # "der Verbraucherzentrale Bundesverband": one name of two nouns
                        return self._adjective_name(text, tokens, index, position - 1, lang)
                    if head is not None and tokens[position - 1] is head:
                        # "der Chiphersteller Qualcomm", "die Zeitung Handelsblatt": a name after the noun
                        return self._bare(text, tokens, position, names, lang, lead=begin, noun=head[2])
                    head = tokens[position]
                elif head is not None:
                    break  # a verb after the noun ends the phrase
            elif lower not in _prepositions(lang) and lower not in _ENGLISH_VERBS:
                if head is not None and word.islower() and word.endswith(("ed", "ing")):
                    # "The president accused …": a verb ends the phrase; "The judge overseeing
                    # the case against X": so does a participle (X is not the judge)
                    break
                if (
                    head is not None
                    and head[2][:1].isupper()
                    and word.islower()
                    and not _capitalised(tokens, position + 1)
                    and (self._people_noun(word) or lower in _REFERRING or lower in GENERIC)
                ):
                    head = tokens[position]  # "A Kenyan court", "the Chinese startup": the noun
                    break
                if (
                    head is not None
                    and word[:1].isupper()
                    and head[2].islower()
                    and tokens[position - 1] is head
                ):
                    # "the advocacy group Centre for Internet & Society", "the start-up Cohere"
                    return self._bare(text, tokens, position, names, lang, lead=begin, noun=head[2])
                if (
                    head is not None
                    and head[2][:1].isupper()
                    and word.islower()
                    and not word.endswith(("ed", "s"))
                    and _capitalised(tokens, position + 1)
                ):
                    # "The Silicon Valley consultancy Pivotal Research": the name after the noun
                    return self._bare(text, tokens, position + 1, names, lang, lead=begin, noun=word)
                if head is not None and word[:1].isupper() != head[2][:1].isupper():
                    break
                head = tokens[position]
            else:
                break
        if head is None:
            return None
        if lang == "en" and head[2].isupper() and definite and self.lexicon.role_word(head[2]):
            span = (begin, head[1])  # "The CEO said": the one named CEO before
            return Source(span, "role", text[slice(*span)], role=head[2].lower())
        if lang == "en" and head[2][:1].isupper():
            return self._bare(text, tokens, index + 1, names, lang, lead=begin)  # "the Merseyside Police"
        return self._noun(text, begin, head[1], head[2], definite)

    def _adjective_name(
        self, text: str, tokens: list[Token], at: int, first: int, lang: str, determiner: str | None = None
    ) -> Source | None:
        """A name that opens with an adjective, after its article: as named on its own."""
        article = determiner if determiner is not None else tokens[at][2]
        last = first
        while last + 1 < len(tokens) and _capitalised(tokens, last + 1) and last - first < 5:
            last += 1
        words = [t[2] for t in tokens[first : last + 1]]
        head = words[-1]
        if self.lexicon.is_document(head) or self.lexicon.is_unnamed(head):
            kind = "document" if self.lexicon.is_document(head) else "unnamed"
            return Source((tokens[at][0], tokens[last][1]), kind, text[tokens[at][0] : tokens[last][1]])
        written = nominative(words, article)
        media = bool(self.lexicon.media_nouns.fullmatch(nominative(words[-1:], article)))
        name = Name((tokens[first][0], tokens[last][1]), written, "media" if media else "organisation")
        return self._named(text, tokens[at][0], name)

    def _noun(self, text: str, begin: int, end: int, head: str, definite: bool) -> Source | None:
        span = (begin, end)
        words = text[begin:end]
        lexicon = self.lexicon
        if lexicon.media_nouns.fullmatch(head):
            return Source(span, "media", words)
        if lexicon.is_document(head):
            return Source(span, "document", words)
        role = lexicon.role_word(head)
        if role and definite and not lexicon.listed_unnamed(head):
            office = office_of(head).lower() if head[:1].isupper() else role
            return Source(span, "role", words, role=office)  # "die Ministerin", not "die Sprecherin"
        if lexicon.is_unnamed(head) or role:
            return Source(span, "unnamed", words)
        determiner = words.split()[0]
        lower = nominative([head], determiner).lower()  # "des Unternehmens" -> unternehmen
        if definite and (lower in GENERIC or lower.endswith(("konzern", "hersteller", "anbieter"))):
            return Source(span, "reference", words, role=lower)
        if definite and lower in _REFERRING:
            return Source(span, "reference", words, role=lower)
        if determiner.lower() == "die" and lexicon.institution(head) and cased_lemma(head) != head:
            return Source(span, "unnamed", words)  # "die Regierungen", "die Behörden": several
        if definite and lexicon.institution(head) and lower in lexicon.institution_nouns:
            # "der Verein", "die Stadt": a description, no name; the one named with that noun
            # before, or unsure
            return Source(span, "reference", words, role=lower)
        if definite and lexicon.institution(head):
            written = nominative([head], determiner)  # "des Bundesministeriums" -> Bundesministerium
            return Source(span, "name", words, Name((end - len(head), end), written, "organisation"))
        if lexicon.institution(head):
            return Source(span, "unnamed", words)  # "ein Unternehmen", "several companies"
        return None  # "Diese Leistung unterstrich …": no one speaks

    def _owner(self, tokens: list[Token], index: int) -> str | None:
        """The name in an attribute after its common noun ("des Beratungsunternehmens Modulus")."""
        while index < len(tokens) and (
            tokens[index][2].islower() or self.lexicon.institution(tokens[index][2])
        ):
            index += 1
        words: list[str] = []
        while index < len(tokens) and tokens[index][2][:1].isupper() and len(words) < 4:
            words.append(tokens[index][2])
            index += 1
        return " ".join(words) or None

    def _people_noun(self, word: str) -> bool:
        return bool(self.lexicon.is_unnamed(word) or self.lexicon.role_word(word))

    def _possessed(
        self, text: str, tokens: list[Token], index: int, lang: str, names: list[Name]
    ) -> Source | None:
        """What a genitive name qualifies: its last noun before a verb or punctuation, or the
        person named after the role ("Metas Chefwissenschaftler Yann LeCun")."""
        head: Token | None = None
        for position in range(index, min(len(tokens), index + 8)):
            word = tokens[position][2]
            person = next((n for n in names if n.span[0] == tokens[position][0] and n.kind == "person"), None)
            if person is not None and head is not None and tokens[position - 1][2] == ",":
                return self._named(
                    text, tokens[index - 1][0], person
                )  # "Hugging Face's head of policy, Irene Kowalski"
            if (
                person is not None
                and head is not None
                and (self._people_noun(head[2]) or head[2].lower() in _ROLE_PARTS)
            ):
                return self._named(text, tokens[index - 1][0], person)
            if (
                word == ","
                and head is not None
                and position + 1 < len(tokens)
                and tokens[position + 1][2][:1].isupper()
            ):
                continue  # an apposition may follow: "head of policy, Irene Kowalski,"
            if word in _PUNCTUATION or word.lower() in _ENGLISH_VERBS:
                break
            if lang == "de" and not word[:1].isupper():
                break
            if lang == "en" and head is not None and head[2].islower() and not word.islower():
                break
            head = tokens[position]
        if head is None:
            return None
        span = (tokens[index - 1][0], head[1])
        noun = head[2]
        if self.lexicon.is_document(noun):
            return Source(span, "document", text[slice(*span)])
        if self.lexicon.is_unnamed(noun) or self.lexicon.role_word(noun) or self.lexicon.institution(noun):
            return Source(span, "unnamed", text[slice(*span)])
        return None

    def _media(self, text: str, begin: int, start: int, end: int) -> Source:
        determiner = text[begin:start].split()[:1]
        written = nominative(text[start:end].split(), determiner[0]) if determiner else text[start:end]
        return Source((begin, end), "media", text[begin:end], Name((start, end), written, "media"))

    def _bare(
        self,
        text: str,
        tokens: list[Token],
        index: int,
        names: list[Name],
        lang: str,
        *,
        lead: int | None = None,
        noun: str | None = None,
    ) -> Source | None:
        """Capitalised words without an article: a name ("Apple", "Hugging Face", "Bitkom",
        "Merseyside Police Assistant Chief Constable Simon Byrne"), unless they are a noun
        that needs no article ("Experten", "Regierungssprecher") or a word that only opens
        the sentence ("Danach", "Other")."""
        lexicon = self.lexicon
        start = lead if lead is not None else tokens[index][0]
        while (
            index + 1 < len(tokens)
            and _ADJECTIVE.fullmatch(tokens[index][2])
            and tokens[index + 1][2][:1].isalpha()
        ):
            index += 1  # "Chinese internet censors", "The Bangalore-based Centre"
            if tokens[index][2].islower():
                return self._noun_phrase(text, tokens, index - 1, names, lang)
        if (
            lang == "de"
            and noun is None
            and inflected_adjective(tokens[index][2])
            and tokens[index][2].endswith(("em", "en"))
            and _capitalised(tokens, index + 1)
        ):
            # "Laut Statistischem Bundesamt": a name that opens with an adjective, no article
            return self._adjective_name(text, tokens, index, index, lang, determiner="dem")
        if noun is None and lexicon.role_word(tokens[index][2]) and not self._name_near(tokens, index, names):
            return Source(tokens[index][:2], "unnamed", tokens[index][2])  # "Regierungssprecher", "Premier"
        if noun is None and lexicon.is_unnamed(tokens[index][2]) and not _capitalised(tokens, index + 1):
            # "Critics of Elon Musk said"; not "Verbraucherschützerin Ramona Pop"
            return Source(tokens[index][:2], "unnamed", tokens[index][2])
        run = [index]
        while run[-1] + 1 < len(tokens) and len(run) < 7:
            following = tokens[run[-1] + 1][2]
            particle = following in ("von", "van", "de", "of", "for", "&") or (
                following == "der" and tokens[run[-1]][2] in ("von", "van")
            )
            if not (following[:1].isupper() or particle) or following in ("„", "“"):
                break
            run.append(run[-1] + 1)
        based = [i for i in run[:-1] if re.search(r"-(?:based|born|owned|run|led|backed)$", tokens[i][2])]
        if based:
            run = run[run.index(based[-1]) + 1 :]  # "San Francisco-based Corvid Labs": the name after it
            index = run[0]
        inside = [
            n for n in names if tokens[run[0]][0] <= n.span[0] < tokens[run[-1]][1] and n.kind == "person"
        ]
        if inside:
            return self._named(text, start, inside[-1])
        begin, stop, word = tokens[index]
        media = lexicon.media_names.match(text, begin)
        if media:
            return self._media(text, start, begin, media.end())
        if noun is None and lang == "en" and run[-1] + 1 < len(tokens):
            # "Privacy advocates say", "Police officials said", "eBay Russia representative
            # Vladimir Dolgov": modifiers before a noun for people; the person named after it
            # speaks, or the noun, unnamed.
            last = run[-1] + 1
            while (
                last + 1 < len(tokens)
                and last - run[-1] < 3
                and tokens[last][2].islower()
                and not self._people_noun(tokens[last][2])
                and tokens[last + 1][2].islower()
                and tokens[last][2] not in _prepositions(lang)
                and tokens[last][2] not in _ENGLISH_VERBS
                and self.lexicon.speech_lemma(tokens[last + 1][2], lang) is None
            ):
                last += 1  # "Internet rights experts": compound modifiers before the noun
            _, end, following = tokens[last]
            if following.lower() in GENERIC and last + 1 < len(tokens) and tokens[last + 1][2][:1].isupper():
                # "Chinese AI start-up Moonrise said": the name after the noun
                return self._bare(text, tokens, last + 1, names, lang, lead=start, noun=following)
            if following.islower() and (
                self._people_noun(following)
                or following in _ROLE_PARTS
                or lexicon.media_nouns.fullmatch(following)  # "State television reported"
            ):
                after = last + 1 < len(tokens) and next(
                    (n for n in names if n.span[0] == tokens[last + 1][0]), None
                )
                if after and after.kind == "person":
                    return self._named(text, start, after)  # "Gartner analyst Jane Smith"
                if len(run) == 1:
                    return Source((begin, end), "unnamed", text[begin:end])
        if noun is None:
            if word.endswith("-"):
                return None  # "Justiz- und Innenminister": half of a coordinated compound
            if lexicon.is_unnamed(word) or (lexicon.role_word(word) and len(run) == 1):
                return Source((begin, stop), "unnamed", word)
            if len(run) == 1 and word.lower().endswith(("medien", "fernsehen")):
                return Source((begin, stop), "unnamed", word)  # "Staatsmedien berichteten": no outlet named
            if len(run) == 1 and lexicon.institution(word) and lang == "de" and "-" not in word.strip("-"):
                return Source((begin, stop), "unnamed", word)  # "dutzende Unternehmen": no name
            if lexicon.is_document(word):
                return Source((begin, stop), "document", word)
            if _only_opens(word, lang, len(run)):
                return None
        first = tokens[run[0]][2]
        if (
            noun is None
            and re.search(r"\w(?:s|'s|’s)$", first)
            and (len(run) > 1 or _noun_follows(text, tokens[run[0]][1]) or first.endswith(("'s", "’s")))
        ):
            # "Brinks Behörde", "Google’s Law Enforcement guidelines", "Metas Chefwissenschaftler":
            # a genitive; what speaks is the noun it qualifies, not the name
            return self._possessed(text, tokens, run[0] + 1, lang, names)
        owner = next((i for i in run[1:] if tokens[i][2].endswith(("'s", "’s"))), None)
        if noun is None and owner is not None:
            return self._possessed(text, tokens, owner + 1, lang, names)  # "Hugging Face's head of policy"
        while len(run) > 1 and (
            lexicon.role_word(tokens[run[-1]][2]) or tokens[run[-1]][2] in ("der", "von", "of")
        ):
            run.pop()
        end = tokens[run[-1]][1]
        raw = text[begin:end]
        if raw.endswith("s") and noun is None and len(run) == 1 and _noun_follows(text, end):
            return None  # "Metas Chefwissenschaftler": a genitive; the speaker is its noun
        clean = re.sub(r"(?:'s|’s)$", "", raw)
        if clean.endswith(".") and not re.search(r"(?:^|\s)\w\.$", clean):
            clean = clean[:-1]  # "sagte Günther.": the sentence's period, not an initial
        media_noun = noun is not None and lexicon.media_nouns.fullmatch(noun)
        name = Name((begin, begin + len(clean)), clean, "media" if media_noun else "organisation")
        return self._named(text, start, name)


def _ownerless(text: str, cue: Cue) -> bool:
    """A cue ending in a noun ("nach einem Bericht", "nach Angaben") without its owner after it
    ("… der FT", "… des Ministeriums")."""
    words = text[slice(*cue.span)].split()
    if len(words) < 2 or not words[-1][:1].isupper():
        return False
    return not re.match(r"\s+(?:der|des|eines|einer)\s", text[cue.span[1] : cue.span[1] + 8])


def _genitive(text: str, name: Name, lang: str) -> bool:
    """ "Metas", "Google’s", "Hugging Face's": a name in the genitive."""
    written = text[name.span[0] : name.span[1]]
    following = text[name.span[1] : name.span[1] + 2]
    if written.endswith(("'s", "’s")) or following.startswith(("'s", "’s")):
        return True
    if lang != "de":
        return False
    return (written.endswith("s") and not name.name.endswith("s")) or (
        following[:1] == "s" and not following[1:2].isalpha()
    )


def _token_end(tokens: list[Token], position: int) -> int:
    """The end of the token holding `position` - 1 (a name's token with its genitive ending)."""
    for start, end, _ in tokens:
        if start < position <= end:
            return end
    return position


def _camel(word: str) -> bool:
    """ "eBay", "iPhone": a name that starts in lower case."""
    return word[:1].islower() and any(c.isupper() for c in word[1:3])


def _capitalised(tokens: list[Token], index: int) -> bool:
    return index < len(tokens) and tokens[index][2][:1].isupper()


def _tokens(text: str, start: int, end: int) -> list[Token]:
    return [(start + m.start(), start + m.end(), m.group()) for m in _TOKEN.finditer(text[start:end])]


def _only_opens(word: str, lang: str, run: int) -> bool:
    """A capitalised function word or adjective opening the sentence ("Danach", "Other",
    "Kurze Zeit später"): no name."""
    lower = word.lower()
    if lang == "de" and lower.endswith(("e", "en", "er", "es", "em")) and word[:1].isupper():
        stem = lemma(lower, "de")
        if stem != lower and lower.startswith(stem) and len(lower) - len(stem) <= 2:
            return True  # an inflected adjective ("Kurze" of "kurz", "Neue" of "neu")
    return run == 1 and (
        lower in _ADVERBS or lower in _prepositions(lang) or lower in _DETERMINERS or lower in _OPENERS
    )


_OPENERS = frozenset(
    """so wie wenn als ob da weil denn doch nur noch schon hier dort dies diese dieser dieses
    jene beide jeder jede jedes alle such this these those both each every such if when while
    because since although there here last next earlier later according despite regarding
    following""".split()
)


def _noun_follows(text: str, end: int) -> bool:
    return re.match(r"\s+[A-ZÄÖÜ]\w*", text[end : end + 30]) is not None


def _apposed(text: str, start: int, end: int, names: list[Name], quotes: list[Quotation]) -> Name | None:
    """A person named in apposition right after `start`: ", einer der …, Prof. Dr. X"."""
    stop = min([q.span[0] - 1 for q in quotes if q.span[0] > start] + [end])
    for name in names:
        if start < name.span[0] < stop and name.kind == "person":
            between = text[start : name.span[0]]
            # set off by a comma: not the owner right after "for"/"of" ("A spokesman for
            # Olaf Scholz said" is the spokesman's)
            if (
                between.lstrip().startswith((",", "des", "der", "of", "at", "for"))
                and "," in between
                and not re.search(r"[;:]|\s(?:dass|that)\s", between)
            ):
                return name
            return None
    return None


def _plural_verb(text: str, start: int, end: int) -> bool:
    """ "sagten sie" / "sie sagten": the finite verb next to a "sie" is plural."""
    before = text[max(0, start - 25) : start].split()
    after = text[end : end + 25].split()
    near = [w.strip(",.;:") for w in before[-1:] + after[:1]]
    return any(w.islower() and w.endswith(("ten", "en")) and w not in ("seien",) for w in near)


def _skip_phrase(tokens: list[Token], index: int) -> int:
    """The index after a prepositional phrase or an object: its article and adjectives, its
    noun and a name right after the noun ("der Zeitung Handelsblatt", "am Dienstag")."""
    while index < len(tokens) and tokens[index][2].islower() and tokens[index][2] not in (",", ";"):
        index += 1
    if index < len(tokens) and tokens[index][2][:1].isupper():
        index += 1
        media = tokens[index - 1][2].lower() in (
            "zeitung",
            "agentur",
            "nachrichtenagentur",
            "magazin",
            "sender",
        )
        while media and index < len(tokens) and tokens[index][2][:1].isupper():
            index += 1
    return index
