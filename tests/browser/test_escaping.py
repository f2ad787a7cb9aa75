"""Text from articles, front matter, the registry, the theme file and imported text never runs
as code, on any page type, and reads as written (escaped exactly once).

Every hostile field carries `payload(tag)`: it tries to close the element it lands in
(`</title>`, `</script>`, `</textarea>`, an attribute quote) and then run `alert(tag)`. A dialog,
a `javascript:` link or an inline event handler on any page fails the test.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from yaml import safe_dump

from generator.commands.cli import main
from generator.commands.importer import article_file_name
from generator.urls import slugify
from tests.browser.conftest import build_project, build_with_backend, copy_project, screenshot

BREAKERS = "\"'></title></textarea></script></style>"


def payload(tag: str) -> str:
    """Closes whatever element or attribute it lands in, then tries two ways to run script."""
    return f"{tag} {BREAKERS}<script>alert('{tag}')</script><img src=x onerror=\"alert('{tag}')\">"


def yaml(data: object) -> str:
    dumped = safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return dumped.removesuffix("...\n")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


TITLE = payload("title")
EVIL = "Evil Corp " + payload("name")
IMPORTED_TITLE = payload("imported")


def hostile_project(root: Path) -> Path:
    """A copy of the site whose article, registry, themes and one imported text carry script."""
    copy_project(root)
    meta = {
        "title": TITLE,
        "date": "2025-06-01",
        "summary": payload("summary"),
        "authors": [payload("author")],
        "tags": [payload("tag")],
        "source": 'https://example.org/a"onmouseover="alert(\'source\')"|x',
    }
    (root / "docs" / "articles" / "2025-06-01-boese.md").write_text(
        f"---\n{yaml(meta)}---\n\n## DeepSeek und Evil Corp\n\n"
        "DeepSeek traf Evil Corp und Arthur Mensch. „Wir sind offen“, sagte Arthur Mensch.\n",
        encoding="utf-8",
    )
    registry = root / "config" / "entities.yml"
    evil = {
        "name": EVIL,
        "type": "company",
        "aliases": ["Evil Corp", "Evil " + payload("alias")],
        "description": payload("description"),
        "url": "https://x.org/[Web](javascript:alert(document.domain))|\"onclick=\"alert('url')",
    }
    registry.write_text(
        registry.read_text(encoding="utf-8") + "\n" + textwrap.indent(yaml([evil]), "  "), encoding="utf-8"
    )
    replace(registry, "role: CEO und Mitbegründer", "role: " + yaml(payload("role")).strip())
    replace(registry, "affiliation: Meta", "affiliation: " + yaml(EVIL).strip())
    themes = root / "config" / "themes.yml"
    replace(
        themes,
        "title: DeepSeeks Einfluss",
        "title: " + yaml("DeepSeeks Einfluss " + payload("theme")).strip(),
    )
    text = root / "imported.txt"
    text.write_text(
        f"{IMPORTED_TITLE}\n\nDeepSeek und Evil Corp im Text {payload('imported-body')} & S&D.\n",
        encoding="utf-8",
    )
    assert main(["--config", str(root / "mkdocs.yml"), "import", str(text), "--date", "2025-06-02"]) == 0
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(hostile_project(tmp_path_factory.mktemp("hostile") / "project"))


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(hostile_site)


@pytest.fixture(scope="module", params=["lunr", "pagefind"])
def hostile_search_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]
) -> str:
    root = hostile_project(tmp_path_factory.mktemp(f"hostile-{request.param}") / "project")
    return serve(build_with_backend(root, request.param))


PAGES = [
    "",  # home: latest articles
    "articles/",
    "articles/2025-06-01-boese/",
    f"articles/{article_file_name(dt.date(2025, 6, 2), IMPORTED_TITLE).removesuffix('.md')}/",
    "themes/",
    "themes/deepseek-einfluss/",
    "companies/",
    f"companies/{slugify(EVIL)}/",
    "people/",
    "people/arthur-mensch/",
    "people/yann-lecun/",
    "quotes/",
    "graph/",
    "404.html",
]

FIND_HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
  .filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))
  .map(a => `${el.tagName} ${a.name}=${a.value}`))"""


@pytest.mark.parametrize("path", PAGES)
def test_text_never_runs_as_script(page: object, hostile_url: str, path: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    response = page.goto(hostile_url + path)  # type: ignore[attr-defined]
    assert response.ok, path
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    page.wait_for_timeout(100)  # type: ignore[attr-defined]
    assert dialogs == []
    assert page.evaluate(FIND_HANDLERS) == []  # type: ignore[attr-defined]
    assert page.locator("article img[src=x], article script:not([type])").count() == 0  # type: ignore[attr-defined]


def test_titles_read_as_written(page: object, hostile_url: str) -> None:
    page.goto(hostile_url + "articles/2025-06-01-boese/")  # type: ignore[attr-defined]
    assert page.title().startswith(TITLE + " - ")  # type: ignore[attr-defined]
    heading = page.locator("article h1").inner_text().rstrip("¶")  # type: ignore[attr-defined]
    assert heading == TITLE
    body = page.locator("article").inner_text()  # type: ignore[attr-defined]
    for tag in ("summary", "author", "tag"):
        assert payload(tag) in body, tag
    assert "&lt;" not in body and "&amp;" not in body  # escaped once, not twice
    description = page.locator("meta[name=description]").get_attribute("content")  # type: ignore[attr-defined]
    assert description == payload("summary")
    source = page.get_by_role("link", name="Quelle")  # type: ignore[attr-defined]
    assert source.get_attribute("href").startswith("https://example.org/a%22onmouseover=%22alert(")
    screenshot(page, "escaping-article")
    page.goto(hostile_url + PAGES[7])  # type: ignore[attr-defined]
    assert page.title().startswith(EVIL + " - ")  # type: ignore[attr-defined]
    body = page.locator("article").inner_text()  # type: ignore[attr-defined]
    assert payload("alias") in body and payload("description") in body
    description = page.locator("meta[name=description]").get_attribute("content")  # type: ignore[attr-defined]
    assert description == payload("description")
    web = page.locator("article table a[href^='https://x.org/']")  # type: ignore[attr-defined]
    assert web.get_attribute("href") == (
        "https://x.org/%5BWeb%5D(javascript:alert(document.domain))%7C%22onclick=%22alert('url')"
    )
    page.goto(hostile_url + PAGES[3])  # type: ignore[attr-defined]
    assert page.title().startswith(IMPORTED_TITLE + " - ")  # type: ignore[attr-defined]
    assert payload("imported-body") + " & S&D." in page.locator("article").inner_text()  # type: ignore[attr-defined]


def test_feed_carries_text_not_markup(hostile_site: Path) -> None:
    feed = ElementTree.parse(hostile_site / "feed.xml").getroot()
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    titles = [entry.findtext("atom:title", namespaces=ns) for entry in feed.findall("atom:entry", ns)]
    assert TITLE in titles and IMPORTED_TITLE in titles


@pytest.mark.parametrize(("query", "shown"), [("title", TITLE), ("Evil", payload("alias"))])
def test_search_results_show_markup_as_text(
    page: object, hostile_search_url: str, query: str, shown: str
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    page.goto(hostile_search_url)  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.click()
    box.press_sequentially(query.split()[0], delay=20)
    results = page.locator(".md-search-result__list > .md-search-result__item")  # type: ignore[attr-defined]
    results.first.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    text = page.locator(".md-search-result__list").inner_text()  # type: ignore[attr-defined]
    assert "<script>" in text, text  # the markup is shown as text ...
    assert dialogs == []  # ... and never runs
    assert page.evaluate(FIND_HANDLERS) == []  # type: ignore[attr-defined]
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0  # type: ignore[attr-defined]
