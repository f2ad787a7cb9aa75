"""The site search answers the two questions of the site: who is this, and who said that.

Every test runs against both backends (`search_url`): Material's lunr search and Pagefind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import build_with_backend, copy_project, screenshot


def search(page: object, search_url: str, query: str) -> list[tuple[str, str]]:
    """Type `query` into the header search box; return (path, title) of the results in order."""
    if not page.url.startswith(search_url):  # type: ignore[attr-defined]
        page.goto(search_url)  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__list > .md-search-result__item")  # type: ignore[attr-defined]
    results.first.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(300)  # the worker answers every keystroke; let the last answer land
    found = []
    for item in results.all():
        link = item.locator("a").first
        href = link.get_attribute("href").split("?")[0].removeprefix(search_url)
        found.append((href, item.locator("h1").first.inner_text().strip()))
    return found


@pytest.mark.parametrize(
    ("query", "page_path", "title"),
    [
        ("DeepSeek", "companies/deepseek/", "DeepSeek"),
        ("Mistral AI", "companies/mistral-ai/", "Mistral AI"),
        ("LeCun", "people/yann-lecun/", "Yann LeCun"),
        ("Mensch", "people/arthur-mensch/", "Arthur Mensch"),
        ("DeepSeeks", "companies/deepseek/", "DeepSeek"),
    ],
)
def test_a_name_shows_its_entity_page_first(
    page: object, search_url: str, query: str, page_path: str, title: str
) -> None:
    results = search(page, search_url, query)
    assert results[0] == (page_path, title), results
    assert not [path for path, _ in results if path in ("people/", "companies/", "articles/", "themes/")]


@pytest.mark.parametrize(
    ("query", "page_path"),
    [
        ("Chiphersteller", "companies/nvidia/"),
        ("Eintrittsbarrieren", "articles/2025-03-04-open-source-motor-fuer-ki-fortschritt/"),
        ("Doppelpunkt", "anleitung/"),
        ("aufschreckten", "companies/deepseek/"),
    ],
)
def test_a_word_on_one_page_finds_that_page_alone(
    page: object, search_url: str, query: str, page_path: str
) -> None:
    # With Pagefind's index in parts, the parts without the word must not answer with pages
    # of a word it merely starts with. (Material's lunr index also holds the theme pages,
    # which show the article's sections; Pagefind leaves them out.)
    paths = [path for path, _ in search(page, search_url, query)]
    assert [path for path in paths if not path.startswith("themes/")] == [page_path], paths


def test_a_quote_fragment_finds_the_quote(page: object, search_url: str) -> None:
    results = search(page, search_url, "ziemlich signifikante Einnahmen")
    paths = [path for path, _ in results]
    # The quote stands on the quote index and on the speaker's page; either may come first.
    assert paths[0] in ("quotes/", "people/arthur-mensch/"), results
    assert "quotes/" in paths[:3], results
    first = page.locator(".md-search-result__list > .md-search-result__item").first  # type: ignore[attr-defined]
    assert "ziemlich signifikante Einnahmen" in first.inner_text()
    screenshot(page, "search")


def test_the_quote_index_is_searchable_by_speaker(page: object, search_url: str) -> None:
    search(page, search_url, "Gardner")
    sections = page.locator(".md-search-result__list a").evaluate_all(  # type: ignore[attr-defined]
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert any(
        href.startswith(f"{search_url}quotes/") and href.endswith("#richard-gardner") for href in sections
    )


@pytest.mark.parametrize(
    ("query", "inflected"),
    [
        ("Modelle", {"modell", "modells"}),
        ("Unternehmens", {"unternehmen"}),
        ("Modell", {"modelle", "modells"}),
    ],
)
def test_german_word_forms_find_each_other(
    page: object, search_url: str, query: str, inflected: set[str]
) -> None:
    search(page, search_url, query)
    marks = page.locator(".md-search-result mark").all_inner_texts()  # type: ignore[attr-defined]
    # The last part of a compound counts: "KI-Modells" is a form of "Modell".
    assert inflected & {mark.lower().split("-")[-1] for mark in marks}, marks


def test_the_search_benchmark_times_both_steps(tmp_path: Path, browser: object) -> None:
    """bench/search.py (make bench) on the sample site: it measures, it asserts no time."""
    from bench.search import index_bytes, time_search, time_typing

    root = copy_project(tmp_path / "project")
    site = build_with_backend(root, "pagefind")
    timings = time_search(site, ["DeepSeek", "Mensch"], browser)
    assert all(isinstance(ms, int) and ms > 0 for ms in timings["each_first_ms"] + timings["each_next_ms"])
    typed = time_typing(site, "DeepSeek", (100, 20), browser)
    assert all(isinstance(typed[f"last_key_to_result_ms_every_{n}ms"], int) for n in (100, 20)), typed
    assert index_bytes(site)["pagefind_bytes"] > 0
