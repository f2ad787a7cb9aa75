"""`python -m generator synth N DIR`: a deterministic synthetic corpus for benchmarks.

German-like articles of realistic size (about 800 words, 5–8 sections) that mention registry
entities in all their forms (full name, genitive, compound, surname after the full name) and
quote them, over a registry that can be grown to 10,000 entries. Same seed, same files.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

from generator.urls import slugify

FIRST = (
    "Anna Bernd Clara David Emma Felix Greta Hannes Ida Jonas Karla Lukas Mia Noah Olga Paul "
    "Rita Sven Tina Ulf Vera Walter Yara Zeno"
).split()
LAST = (
    "Albers Brandt Conrad Dietz Ebert Fuchs Graf Hahn Illig Jung Kraus Lenz Marx Nagel Ott Pohl "
    "Quast Roth Seidel Thiel Uhl Vogt Wolf Zander"
).split()
SYLLABLES = "kor ba lin ta ve ro mi sol dan tek nor ex quan vi lux fer gal mon".split()
TOPICS = [
    (
        "Die Vorteile offener Modelle",
        "Offene Modelle fördern die Zusammenarbeit und senken die Kosten für Entwickler.",
    ),
    (
        "Strategie und Finanzierung",
        "Das Unternehmen sammelt Kapital und plant weitere Finanzierungsrunden für sein Wachstum.",
    ),
    (
        "Einfluss auf die Branche",
        "Der Auftritt sorgte an der Wall Street für Aufsehen und setzte die Branchenriesen unter Druck.",
    ),
    (
        "Die Zukunft offener KI",
        "Der Paradigmenwechsel verändert die Zukunft der KI und senkt die Eintrittsbarrieren.",
    ),
    ("Wetter und Verkehr", "Am Nachmittag regnete es, und auf den Straßen bildeten sich lange Staus."),
]
FILLER = [
    "Die Entwicklung verläuft schneller als erwartet, und viele Beobachter verfolgen sie genau.",
    "In den vergangenen Monaten haben mehrere Teams ihre Modelle veröffentlicht und verbessert.",
    "Fachleute sehen darin einen wichtigen Schritt für die gesamte Branche in Europa.",
    "Gleichzeitig wachsen die Anforderungen an Rechenzentren, Energie und qualifiziertes Personal.",
    "Die Diskussion über Regeln und Verantwortung wird dabei immer lauter geführt.",
    "Viele kleinere Unternehmen profitieren von frei verfügbaren Werkzeugen und Daten.",
]


def registry(size: int, seed: int = 1) -> dict[str, object]:
    """A registry of `size` entries (a third people, affiliated to the company before them)."""
    rng = random.Random(seed)
    entries: list[dict[str, object]] = []
    company: str | None = None
    used: set[str] = set()
    for index in range(size):
        while True:
            if index % 3 == 0:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}{rng.choice(SYLLABLES)}"
            else:
                name = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() + rng.choice(
                    [" AI", " Labs", ""]
                )
            if slugify(name) not in used:
                used.add(slugify(name))
                break
        if index % 3 == 0 and company:
            entries.append({"name": name, "type": "person", "role": "CEO", "affiliation": company})
        elif index % 3 == 0:
            entries.append({"name": name, "type": "person"})
        else:
            entries.append({"name": name, "type": "company"})
            company = name
    return {
        "types": {
            "person": {
                "title": "Personen",
                "singular": "Person",
                "folder": "people",
                "schema": "Person",
                "short_name": True,
            },
            "company": {
                "title": "Unternehmen",
                "singular": "Unternehmen",
                "folder": "companies",
                "schema": "Organization",
            },
        },
        "entities": entries,
    }


def article(index: int, names: list[dict[str, object]], rng: random.Random) -> tuple[str, str]:
    """(file name, content) of one article of about 800 words."""
    date = dt.date(2024, 1, 1) + dt.timedelta(days=index % 700)
    people = [e for e in names if e["type"] == "person"]
    companies = [e for e in names if e["type"] == "company"]
    sections = []
    for number in range(rng.randint(5, 8)):
        heading, topic = rng.choice(TOPICS)
        person, company = str(rng.choice(people)["name"]), str(rng.choice(companies)["name"])
        surname = person.split()[-1]
        lines = [
            f"{person} von {company} sprach über die Lage. {topic}",
            f"{company}s Plan stößt auf Interesse, und die {company}-Modelle gelten als stark.",
            f"„Wir wollen offen bleiben und mit allen zusammenarbeiten“, sagte {surname}.",
            f"{surname} erklärte außerdem, dass das Unternehmen nicht unter Druck stehe.",
            *rng.sample(FILLER, 4),
            f"Ein Mensch allein kann das nicht leisten, so {surname}, es brauche viele Beiträge.",
            *rng.sample(FILLER, 3),
        ]
        sections.append(
            f"## {heading} {number + 1}\n\n" + " ".join(lines[:6]) + "\n\n" + " ".join(lines[6:]) + "\n"
        )
    title = f"Synthetischer Bericht {index}: {heading}"
    front = yaml.safe_dump({"title": title, "date": date, "lang": "de"}, allow_unicode=True, sort_keys=False)
    return f"{date.isoformat()}-synth-{index}.md", f"---\n{front}---\n\n" + "\n".join(sections)


def write_corpus(count: int, folder: Path, *, registry_size: int = 200, seed: int = 1) -> Path:
    """Write `count` articles into `folder/articles/` and the registry into `folder/entities.yml`."""
    rng = random.Random(seed)
    data = registry(registry_size, seed)
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    (folder / "entities.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    entries = data["entities"]
    assert isinstance(entries, list)
    # Articles mention the first 200 entries; a larger registry only adds names nobody mentions.
    mentioned = entries[:200]
    for index in range(count):
        name, content = article(index, mentioned, rng)
        (folder / "articles" / name).write_text(content, encoding="utf-8")
    return folder
