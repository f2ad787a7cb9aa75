from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.commands.importer import MAX_SLUG, convert, import_file, new_article
from generator.errors import GeneratorError
from generator.read.articles import read_article
from generator.text.mdtext import escape_line
from tests.conftest import FIXTURES, GOLDEN, assert_golden

SOURCE = FIXTURES / "sources" / "open-source-motor-fuer-ki-fortschritt.txt"


def test_source_article_matches_golden(tmp_path: Path) -> None:
    target = import_file(SOURCE, tmp_path, date=dt.date(2025, 3, 4))
    assert target.name == "2025-03-04-open-source-motor-fuer-ki-fortschritt.md"
    assert_golden(target.read_text(encoding="utf-8"), GOLDEN / "importer" / target.name)


def test_source_article_heading_levels() -> None:
    title, body = convert(SOURCE.read_text(encoding="utf-8"))
    assert title == "Open Source: Motor für KI-Fortschritt"
    h2 = re.findall(r"^## (.+)$", body, re.M)
    h3 = re.findall(r"^### (.+)$", body, re.M)
    assert h2 == [
        "Der Open-Source-Vorteil: Ein kollaboratives Ökosystem",
        "Mistral AIs Open-Source-Engagement: Ein Weg zu überlegener Leistung",
        "Finanzielle Stärke und zukünftiges Wachstum: Ein nachhaltiger Kurs",
        "Das Demokratisierungspotenzial von Open Source: Förderung von Innovation und Wettbewerb",
        "DeepSeeks Einfluss: Den Status quo herausfordern",
        "Die Macht der offenen Forschung und Open Source: Eine symbiotische Beziehung",
        "Ein tieferer Einblick in die Strategie von Mistral AI",
        "Die Zukunft der Open-Source-KI: Ein Paradigmenwechsel",
    ]
    assert h3[0] == "1. Nutzung kollektiver Intelligenz"
    assert h3[5] == "1. Gesteigerte Innovation"
    assert len(h3) == 10
    assert "\n\nDieser Wandel hat mehrere tiefgreifende Auswirkungen:\n\n" in body


@pytest.mark.parametrize(
    ("text", "expected_body"),
    [
        # A short line followed by a paragraph is a heading.
        ("T\n\nKurze Zeile\n\nEin Absatz.", "## Kurze Zeile\n\nEin Absatz.\n"),
        # A sentence ending in a colon stays a paragraph.
        ("T\n\nDas hat Folgen:\n\nEin Absatz.", "Das hat Folgen:\n\nEin Absatz.\n"),
        # A numbered line ending in a colon is a sub-point.
        ("T\n\n2. Kosten:\n\nEin Absatz.", "### 2. Kosten\n\nEin Absatz.\n"),
        # A short last line has no paragraph after it: no heading.
        ("T\n\nEin Absatz.\n\nEnde", "Ein Absatz.\n\nEnde\n"),
        # Two short lines in a row: only the one before the paragraph is a heading.
        ("T\n\nUnterzeile\n\nKopf\n\nText.", "Unterzeile\n\n## Kopf\n\nText.\n"),
        # A long line without a full stop is still a paragraph.
        ("T\n\n" + "Wort " * 20 + "\n\nText.", "Wort " * 19 + "Wort\n\nText.\n"),
        # Markdown-looking text is escaped, not interpreted.
        ("T\n\n# Kein Kopf *sondern* Text.", "\\# Kein Kopf \\*sondern\\* Text.\n"),
        ("T\n\n1. Kein Listenpunkt.", "1\\. Kein Listenpunkt.\n"),
        # Windows line ends and a BOM are accepted.
        ("\ufeffT\r\n\r\nKopf\r\n\r\nText.\r\n", "## Kopf\n\nText.\n"),
    ],
)
def test_convert_rules(text: str, expected_body: str) -> None:
    title, body = convert(text)
    assert title == "T"
    assert body == expected_body


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    first = import_file(SOURCE, tmp_path, date=dt.date(2025, 3, 4))
    first.write_text("edited by an editor", encoding="utf-8")
    with pytest.raises(GeneratorError, match="--force") as info:
        import_file(SOURCE, tmp_path, date=dt.date(2025, 3, 4))
    assert info.value.path == first
    assert first.read_text(encoding="utf-8") == "edited by an editor"
    import_file(SOURCE, tmp_path, date=dt.date(2025, 3, 4), force=True)
    assert first.read_text(encoding="utf-8").startswith("---\ntitle: 'Open Source:")


def test_front_matter_of_imported_article(tmp_path: Path) -> None:
    target = import_file(
        SOURCE, tmp_path, date=dt.date(2025, 3, 4), lang="de", source="https://example.org/a"
    )
    head = target.read_text(encoding="utf-8").split("---\n")[1]
    assert head == (
        "title: 'Open Source: Motor für KI-Fortschritt'\n"
        "date: 2025-03-04\nlang: de\nsource: https://example.org/a\n"
    )


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xff\xfe not utf-8 \xff"])
def test_bad_input_names_the_file(tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(content)
    with pytest.raises(GeneratorError) as info:
        import_file(source, tmp_path / "out", date=dt.date(2025, 1, 1))
    assert str(info.value).startswith(str(source))
    assert not (tmp_path / "out").exists()


def _visible_text(source: str) -> str:
    html = markdown.markdown(source)
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


_printable = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")


@settings(max_examples=300, deadline=None)
@given(st.text(_printable, min_size=1, max_size=80).filter(lambda s: s.strip()))
def test_escaped_line_renders_as_written(line: str) -> None:
    assert _visible_text(escape_line(line)) == " ".join(line.split())


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(_printable, min_size=1, max_size=60).filter(lambda s: s.strip()),
        min_size=2,
        max_size=6,
    )
)
def test_converted_text_renders_as_written(blocks: list[str]) -> None:
    """Whatever the importer decides about headings, no character of the text is lost or added."""
    lines = [" ".join(block.split()) for block in blocks]
    title, body = convert("\n\n".join(lines))
    assert title == lines[0]
    rendered = _visible_text(body)
    expected = " ".join(" ".join(lines[1:]).split())
    # Sub-point headings drop their closing colon, by design.
    assert rendered.replace(" ", "") == expected.replace(" ", "") or _only_colons_dropped(rendered, expected)


def _only_colons_dropped(rendered: str, expected: str) -> bool:
    return rendered.replace(" ", "") == re.sub(r"(?<=\S):(?=\s|$)", "", expected).replace(" ", "")


def test_a_long_title_gives_a_short_file_name(tmp_path: Path) -> None:
    title = " ".join(f"Wort{n}" for n in range(60))
    source = tmp_path / "in.txt"
    source.write_text(f"{title}\n\nText.\n", encoding="utf-8")
    target = import_file(source, tmp_path / "out", date=dt.date(2025, 1, 1))
    assert len(target.name) <= len("2025-01-01-") + MAX_SLUG + len(".md")
    assert target.name.startswith("2025-01-01-wort0-wort1-") and not target.stem.endswith("-")
    assert title in target.read_text(encoding="utf-8")  # the title itself stays whole
    assert new_article(tmp_path / "new", title, date=dt.date(2025, 1, 1)).exists()


def test_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError, match="a folder, not a text file") as info:
        import_file(tmp_path, tmp_path / "out", date=dt.date(2025, 1, 1))
    assert info.value.path == tmp_path


def test_control_characters_are_dropped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = tmp_path / "in.txt"
    source.write_text("Titel\x01 mit\x0c Steuerzeichen\n\nS&D\x0b und M&A.\n", encoding="utf-8")
    target = import_file(source, tmp_path / "out", date=dt.date(2025, 1, 1))
    text = target.read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    assert "title: Titel mit Steuerzeichen" in text and "S&amp;D und M&amp;A." in text
    assert f"{source}: dropped 3 control characters" in caplog.text
    read_article(target)  # and it is a valid article


def test_never_writes_through_a_link_in_the_article_folder(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    target = articles / "2025-03-04-open-source-motor-fuer-ki-fortschritt.md"
    target.symlink_to(config)
    with pytest.raises(GeneratorError, match=r"is a link to .*Remove the link first"):
        import_file(SOURCE, articles, date=dt.date(2025, 3, 4), force=True)
    assert config.read_text(encoding="utf-8") == "site_name: x\n"
    dangling = articles / "2025-06-01-titel.md"
    dangling.symlink_to(tmp_path / "outside.md")
    with pytest.raises(GeneratorError, match="is a link to"):
        new_article(articles, "Titel", date=dt.date(2025, 6, 1))
    assert not (tmp_path / "outside.md").exists()


def test_text_that_looks_like_a_table_stays_text() -> None:
    html = markdown.markdown(
        "\n".join(escape_line(line) for line in ["Partei | Stimmen", "--- | ---", "A | 40 %"]),
        extensions=["tables"],
    )
    assert "<table>" not in html
    assert BeautifulSoup(html, "html.parser").get_text() == "Partei | Stimmen\n--- | ---\nA | 40 %"
