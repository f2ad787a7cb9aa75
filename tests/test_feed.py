from __future__ import annotations

import dataclasses
import datetime as dt
import html
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.commands.importer import new_article
from generator.pipeline import build_site
from generator.render.feed import atom_feed
from generator.settings import load_settings
from tests.test_pages import fixture_settings

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(xml: str) -> ET.Element:
    return ET.fromstring(xml.encode("utf-8"))


def test_feed_lists_newest_articles_with_absolute_links_and_themes() -> None:
    site = build_site(fixture_settings(site_url="https://wissen.example.org/ki", site_name="KI <&> Wissen"))
    feed = parse(site.files["feed.xml"])
    assert feed.findtext(f"{ATOM}title") == "KI <&> Wissen"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Open models lower the barriers to entry",
        "DeepSeek erschüttert die Börse",
    ]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == (
        "https://wissen.example.org/ki/articles/2025-03-01-open-models-lower-barriers/"
    )
    assert first.findtext(f"{ATOM}updated") == "2025-03-01T00:00:00+00:00"
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["Die Zukunft offener KI"]
    second = entries[1]
    assert second.findtext(f"{ATOM}summary") == "Ein günstiges Modell aus China lässt die Kurse fallen."
    assert second.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Erika Muster"


def test_teaser_is_plain_text_of_the_first_sentences() -> None:
    site = build_site(fixture_settings(site_url="https://x.org/"))
    entry = parse(site.files["feed.xml"]).findall(f"{ATOM}entry")[0]
    assert entry.findtext(f"{ATOM}summary") == (
        "The future of AI is open: a paradigm shift that lowers the barriers to entry for start-ups. "
        "Yann LeCun, Meta's chief AI scientist, has long argued for it."
    )


def test_no_feed_without_a_site_url() -> None:
    assert build_site(fixture_settings()).files == {}


def test_feed_is_limited_and_deterministic() -> None:
    site = build_site(fixture_settings(site_url="https://x.org/"))
    articles = [
        dataclasses.replace(
            site.corpus.articles[0],
            stem=f"a{i}",
            meta=dataclasses.replace(
                site.corpus.articles[0].meta, date=dt.date(2025, 1, 1) + dt.timedelta(days=i)
            ),
        )
        for i in range(30)
    ][::-1]
    one = atom_feed(articles, site_url="https://x.org/", site_name="S", theme_titles={}, limit=20)
    two = atom_feed(articles, site_url="https://x.org/", site_name="S", theme_titles={}, limit=20)
    assert one == two
    assert len(parse(one).findall(f"{ATOM}entry")) == 20


def test_summary_markup_is_text_to_a_reader_that_renders_html() -> None:
    """Atom's `<summary type="html">` is HTML once the XML is read: text that looks like a tag
    must arrive escaped, or a feed reader renders (and runs) it."""
    site = build_site(fixture_settings(site_url="https://x.org/"))
    article = site.corpus.articles[0]
    payload = 'a <b> c & <img src=x onerror=alert("summary")> \ufffe'
    hostile = dataclasses.replace(article, meta=dataclasses.replace(article.meta, summary=payload))
    entry = parse(atom_feed([hostile], site_url="https://x.org/", site_name="S", theme_titles={}))
    summary = entry.find(f"{ATOM}entry").find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    as_html = summary.text
    assert "<" not in as_html and ">" not in as_html  # no element for a reader to render
    assert html.unescape(as_html) == payload.replace("\ufffe", "")


def test_the_scaffolds_note_to_editors_is_no_summary(project: Callable[..., Path]) -> None:
    root = project(sample=False)
    path = new_article(root / "docs" / "articles", "Neuer Artikel", date=dt.date(2025, 4, 5))
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\nArthur Mensch spricht über Open Source. Mehr folgt.\n\n## Teil\n\nMehr Text.\n")
    settings = dataclasses.replace(load_settings(root / "mkdocs.yml"), cache_dir=None)
    [entry] = parse(build_site(settings).files["feed.xml"]).findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}summary") == "Arthur Mensch spricht über Open Source. Mehr folgt."


def test_a_feed_without_articles_does_not_carry_the_time_of_the_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    feed = atom_feed([], site_url="https://x.org/", site_name="S", theme_titles={})
    assert "<updated>1970-01-01T00:00:00+00:00</updated>" in feed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    feed = atom_feed([], site_url="https://x.org/", site_name="S", theme_titles={})
    assert "<updated>1970-01-02T00:00:00+00:00</updated>" in feed
