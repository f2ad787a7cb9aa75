"""A synthetic corpus for tests at size: a large registry and articles that mention it."""

from __future__ import annotations

import random
from pathlib import Path

FIRST = "Anna Bernd Clara David Emma Felix Greta Hannes Ida Jonas Karla Lukas Mia Noah Olga Paul".split()
LAST = "Albers Brandt Conrad Dietz Ebert Fuchs Graf Hahn Illig Jung Kraus Lenz Marx Nagel Ott Pohl".split()
SYLLABLES = "kor ba lin ta ve ro mi sol dan tek nor ex quan vi lux".split()


def write_registry(path: Path, count: int, seed: int = 7) -> list[str]:
    """`count` entities (a third people, the rest companies); returns their names."""
    rng = random.Random(seed)
    lines = [
        "types:",
        "  person: {title: Personen, singular: Person, folder: people, schema: Person, short_name: true}",
        "  company: {title: Unternehmen, singular: Unternehmen, folder: companies, schema: Organization}",
        "entities:",
    ]
    names, companies = [], []
    for index in range(count):
        if index % 3 == 0:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}{index}"
            affiliation = f"\n    affiliation: {companies[-1]}\n    role: CEO" if companies else ""
            lines.append(f"  - name: {name}\n    type: person{affiliation}")
        else:
            name = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() + f" {index} AG"
            companies.append(name)
            lines.append(f"  - name: {name}\n    type: company")
        names.append(name)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return names


def write_articles(folder: Path, names: list[str], count: int, per_article: int = 30, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        picked = rng.sample(names, per_article)
        sections = []
        for start in range(0, per_article, 6):
            group = picked[start : start + 6]
            text = " ".join(f"{name} arbeitet mit Partnern an offenen Modellen." for name in group)
            sections.append(f"## Abschnitt {start // 6 + 1}\n\n{text}\n")
        day = index % 28 + 1
        (folder / f"2025-02-{day:02d}-synthetisch-{index}.md").write_text(
            f"---\ntitle: Synthetischer Artikel {index}\ndate: 2025-02-{day:02d}\n---\n\n"
            + "\n".join(sections),
            encoding="utf-8",
        )
