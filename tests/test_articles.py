from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.read.articles import read_article, read_articles
from tests.conftest import SAMPLE_ARTICLE


def write(tmp_path: Path, text: str | bytes, name: str = "2025-01-01-test.md") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_sample_article_front_matter() -> None:
    article = read_article(SAMPLE_ARTICLE)
    assert article.meta.title == "Open Source: Motor für KI-Fortschritt"
    assert article.meta.date == dt.date(2025, 3, 4)
    assert article.meta.lang == "de"
    assert article.stem == "2025-03-04-open-source-motor-fuer-ki-fortschritt"
    assert article.body_line == 6


def test_all_optional_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "---\ntitle: T\ndate: '2025-02-03'\nlang: en\nsource: https://example.org/x\n"
        "authors: [A, B]\ntags: KI\nsummary: Kurz.\n---\nText\n",
    )
    meta = read_article(path).meta
    assert (meta.date, meta.lang, meta.source) == (dt.date(2025, 2, 3), "en", "https://example.org/x")
    assert (meta.authors, meta.tags, meta.summary) == (("A", "B"), ("KI",), "Kurz.")


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = write(
        tmp_path, "\ufeff---\r\ntitle: T\r\ndate: 2025-01-01\r\n---\r\n\r\n## H\r\nText\r\n".encode()
    )
    article = read_article(path)
    assert article.meta.title == "T"
    assert "\r" not in article.body


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Text ohne Front Matter\n", 1, "no YAML front matter"),
        ("---\ntitle: T\ndate: 2025-01-01\nText\n", 1, "not closed"),
        ("---\ntitle: [unclosed\ndate: 2025-01-01\n---\n", 3, "invalid YAML"),
        ("---\ndate: 2025-01-01\n---\n", 2, "`title` is missing"),
        ("---\ntitle: T\n---\n", 2, "`date` is missing"),
        ("---\ntitle: T\ndate: morgen\n---\n", 3, "YYYY-MM-DD"),
        ("---\ntitle: T\ndate: 2025-13-01\n---\n", 3, "YYYY-MM-DD"),
        ("---\ntitle: T\ndate: 2025-01-01\nlang: fr\n---\n", 4, "`lang` must be one of de, en"),
        ("---\ntitle: T\ndate: 2025-01-01\ntheme: x\n---\n", 4, "unknown front matter key `theme`"),
        ("---\ntitle: T\ndate: 2025-01-01\ntitle: U\n---\n", 4, "duplicate key"),
        ("---\ntitle: {a: 1}\ndate: 2025-01-01\n---\n", 2, "`title` must be text"),
        ("---\ntitle: T\ndate: 2025-01-01\nauthors: [1, 2]\n---\n", 4, "list of names"),
        ("---\ntitle: T\ndate: 2025-01-01\nsource: not a url\n---\n", 4, "http"),
        ("---\ntitle: T\ndate: 2025-01-01\nsource: javascript:alert(1)\n---\n", 4, "https://"),
        ("---\ntitle: T\ndate: 2025-01-01\nsource: 'https:x.org'\n---\n", 4, "host"),
        ("---\n- a\n- b\n---\n", 2, "must be a YAML mapping"),
        ('---\ntitle: "Titel\\x01"\ndate: 2025-01-01\n---\n', 2, "control character U+0001"),
        (
            "---\ntitle: T\ndate: 2025-01-01\n---\n\nText\n\nmit \x0c Seitenvorschub\n",
            8,
            "control character U+000C",
        ),
        ("---\ntitle: T\ndate: 2025-01-01\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\n", 4, "nested more"),
        (
            "---\ntitle: T\ndate: 2025-01-01\n---\n\n" + "".join("    " * n + "- x\n" for n in range(300)),
            47,
            "indented more than 40 levels",
        ),
    ],
)
def test_front_matter_errors_name_file_line_and_key(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(GeneratorError) as info:
        read_article(path)
    assert words in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_non_utf8_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\ntitle: T\ndate: 2025-01-01\n---\n\nGr\xfc\xdfe\n")
    with pytest.raises(GeneratorError, match="UTF-8") as info:
        read_article(path)
    assert (info.value.path, info.value.line) == (path, 6)


@pytest.mark.parametrize("name", ["Großes Ding.md", "index.md", "-x.md", "a_b.md"])
def test_file_names_must_be_url_safe(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, "---\ntitle: T\ndate: 2025-01-01\n---\n", name)
    with pytest.raises(GeneratorError, match="Rename the file"):
        read_article(path)


def test_read_articles_orders_by_date(tmp_path: Path) -> None:
    write(tmp_path, "---\ntitle: B\ndate: 2025-02-01\n---\n", "b.md")
    write(tmp_path, "---\ntitle: A\ndate: 2025-01-01\n---\n", "z.md")
    write(tmp_path, "not an article", "notes.txt")
    assert [a.meta.title for a in read_articles(tmp_path)] == ["A", "B"]


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError, match="does not exist"):
        read_articles(tmp_path / "nope")


def test_a_project_below_a_hidden_folder_keeps_its_articles(tmp_path: Path) -> None:
    folder = tmp_path / ".jenkins" / "workspace" / "articles"
    folder.mkdir(parents=True)
    (folder / "2025-01-01-a.md").write_text("---\ntitle: A\ndate: 2025-01-01\n---\nText\n", encoding="utf-8")
    (folder / ".entwurf").mkdir()
    (folder / ".entwurf" / "2025-01-02-b.md").write_text("kein Artikel", encoding="utf-8")
    assert [a.stem for a in read_articles(folder)] == ["2025-01-01-a"]
