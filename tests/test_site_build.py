"""Integration: build real MkDocs sites with the plugin and inspect the HTML."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from tests.conftest import NAV, ROOT, article_text, fixture_corpus

pytestmark = pytest.mark.build

EXPECTED_THEME_SECTIONS = {
    "open-source-vorteile": [
        "Der Open-Source-Vorteil: Ein kollaboratives Ökosystem",
        "Das Demokratisierungspotenzial von Open Source: Förderung von Innovation und Wettbewerb",
    ],
    "mistral-strategie": [
        "Mistral AIs Open-Source-Engagement: Ein Weg zu überlegener Leistung",
        "Finanzielle Stärke und zukünftiges Wachstum: Ein nachhaltiger Kurs",
        "Ein tieferer Einblick in die Strategie von Mistral AI",
    ],
    "deepseek-einfluss": [
        "DeepSeeks Einfluss: Den Status quo herausfordern",
        "Die Macht der offenen Forschung und Open Source: Eine symbiotische Beziehung",
    ],
    "zukunft-offener-ki": ["Die Zukunft der Open-Source-KI: Ein Paradigmenwechsel"],
}


def build_site(root: Path) -> Path:
    site = root / "site"
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)
    return site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def checksums(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample")
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, root / name)
    for name in ("config", "templates", "docs"):
        shutil.copytree(ROOT / name, root / name)
    before = checksums(root / "docs")
    site = build_site(root)
    assert checksums(root / "docs") == before, "the build changed the editors' files"
    assert not (root / "docs" / "themes").exists()
    return site


@pytest.mark.parametrize("key", sorted(EXPECTED_THEME_SECTIONS))
def test_theme_pages_show_exactly_the_expected_sections(sample_site: Path, key: str) -> None:
    page = soup(sample_site / "themes" / key / "index.html")
    headings = [h2.get_text().rstrip("¶") for h2 in page.select("article h2")]
    assert headings == EXPECTED_THEME_SECTIONS[key]


@pytest.mark.parametrize("key", sorted(EXPECTED_THEME_SECTIONS))
def test_every_section_links_to_an_existing_anchor(sample_site: Path, key: str) -> None:
    theme_dir = sample_site / "themes" / key
    links = [a["href"] for a in soup(theme_dir / "index.html").select(".section-source a")]
    section_links = [href for href in links if "#" in href]
    assert len(section_links) == len(EXPECTED_THEME_SECTIONS[key])
    for href in section_links:
        path, anchor = href.split("#")
        article = soup((theme_dir / path / "index.html").resolve())
        target = article.find(id=anchor)
        assert target is not None and target.name == "h2", href
        assert target.get_text().rstrip("¶") in EXPECTED_THEME_SECTIONS[key]


def test_fallback_theme_is_hidden_while_unused(sample_site: Path) -> None:
    assert not (sample_site / "themes" / "weitere-themen").exists()


def test_article_page_shows_each_sections_theme(sample_site: Path) -> None:
    page = soup(sample_site / "articles" / "2025-03-04-open-source-motor-fuer-ki-fortschritt" / "index.html")
    assert page.select_one("article h1").get_text().rstrip("¶") == "Open Source: Motor für KI-Fortschritt"
    assert page.select_one("p.article-meta").get_text() == "Veröffentlicht am 4. März 2025"
    badges = [p.get_text() for p in page.select("p.section-theme")]
    assert len(badges) == 8
    assert badges[4] == "Thema: DeepSeeks Einfluss"
    assert "theme:" not in page.get_text()
    assert "---" not in page.select_one("article").get_text()


def test_indexes_and_home(sample_site: Path) -> None:
    home = soup(sample_site / "index.html")
    assert "Neueste Artikel" in home.get_text()
    assert home.select_one('a[href="articles/2025-03-04-open-source-motor-fuer-ki-fortschritt/"]')
    themes = soup(sample_site / "themes" / "index.html")
    assert len(themes.select("article h2")) == 4
    articles = soup(sample_site / "articles" / "index.html")
    assert len(articles.select("article li a")) == 1


def test_site_is_german_and_fetches_nothing_external(sample_site: Path) -> None:
    page = soup(sample_site / "index.html")
    assert page.html["lang"] == "de"
    for tag in page.find_all(["link", "script", "img"]):
        if tag.name == "link" and {"canonical", "alternate"} & set(tag.get("rel", [])):
            continue  # names an address, fetches nothing
        url = tag.get("href") or tag.get("src") or ""
        assert not re.match(r"(https?:)?//", url), url
    config = (sample_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["de"]' in config.replace(" ", "")
    assert '"pipeline":["stemmer","stopWordFilter","trimmer"]' in config.replace(" ", "")


def test_nav_holds_only_fixed_entries(sample_site: Path) -> None:
    page = soup(sample_site / "themes" / "index.html")
    top = [
        label.get_text(" ", strip=True)
        for label in page.select("nav.md-nav--primary > ul > li > a, nav.md-nav--primary > ul > li > label")
    ]
    assert [t for t in top if t] == NAV


def synthetic_articles(count: int) -> dict[str, str]:
    return {
        f"2024-01-{i % 28 + 1:02d}-artikel-{i}.md": article_text(
            f"Artikel {i}",
            f"2024-01-{i % 28 + 1:02d}",
            f"## Mistral AI Nummer {i}\n\nMistral AI sammelt Kapital.\n\n"
            f"## DeepSeek {i}\n\nDeepSeek an der Wall Street.\n",
        )
        for i in range(count)
    }


def nav_html(site: Path, page: str) -> str:
    """The primary nav without the page's own table of contents (Material nests it there)."""
    nav = soup(site / page).select_one("nav.md-nav--primary")
    for toc in nav.select("nav.md-nav--secondary"):
        toc.decompose()
    return str(nav)


def test_nav_size_does_not_grow_with_articles(project: Callable[..., Path], tmp_path: Path) -> None:
    small = build_site(project(synthetic_articles(10), sample=False))
    shutil.move(small, tmp_path / "small")
    shutil.rmtree(tmp_path / "project")
    large = build_site(project(synthetic_articles(100), sample=False))
    pages = [
        "index.html",
        "themes/mistral-strategie/index.html",
        "articles/index.html",
        "articles/2024-01-04-artikel-3/index.html",
    ]
    for page in pages:
        assert nav_html(tmp_path / "small", page) == nav_html(large, page), page


def test_bad_article_fails_the_build_naming_the_file(
    project: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = project({"2025-01-01-kaputt.md": "---\ntitle: Kaputt\ndate: 2025-99-01\n---\n\nText\n"})
    with pytest.raises((PluginError, Abort)):
        build_site(root)
    assert re.search(r"2025-01-01-kaputt\.md:3: `date` must be a date", caplog.text)
    assert not (root / "site").exists()


def test_strict_build_fails_on_a_broken_anchor(project: Callable[..., Path]) -> None:
    body = "## A\n\nSiehe [B](2025-01-01-b.md#gibt-es-nicht).\n"
    root = project(
        {
            "2025-01-01-a.md": article_text("A", "2025-01-02", body),
            "2025-01-01-b.md": article_text("B", "2025-01-01", "## B\n\nText.\n"),
        }
    )
    with pytest.raises(Abort):
        build_site(root)


def test_fixture_corpus_builds_strictly_with_links_between_articles(
    project: Callable[..., Path],
) -> None:
    site = build_site(project(fixture_corpus()))
    page = soup(site / "themes" / "zukunft-offener-ki" / "index.html")
    hrefs = [a["href"] for a in page.select("article a")]
    assert "../../articles/2025-03-01-open-models-lower-barriers/#a-paradigm-shift" in hrefs
    assert "../../articles/2025-02-10-deepseek-erschuettert-die-boerse/#wetter" in hrefs
    assert (site / "themes" / "weitere-themen" / "index.html").exists()


SAMPLE_ARTICLE_PAGE = "articles/2025-03-04-open-source-motor-fuer-ki-fortschritt/index.html"


def entity_links(page: BeautifulSoup) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in page.select("article a.entity-link")]


def test_sample_site_has_three_people_and_seven_companies(sample_site: Path) -> None:
    people = sorted(p.parent.name for p in (sample_site / "people").glob("*/index.html"))
    companies = sorted(p.parent.name for p in (sample_site / "companies").glob("*/index.html"))
    assert people == ["arthur-mensch", "richard-gardner", "yann-lecun"]
    assert companies == ["deepseek", "google", "meta", "mistral-ai", "modulus", "nvidia", "openai"]


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("Mistral AIs", "../../companies/mistral-ai/"),
        ("DeepSeeks", "../../companies/deepseek/"),
        ("Nvidias", "../../companies/nvidia/"),
        ("Metas", "../../companies/meta/"),
        ("Mensch", "../../people/arthur-mensch/"),
        ("Arthur Mensch", "../../people/arthur-mensch/"),
        ("Yann LeCun", "../../people/yann-lecun/"),
    ],
)
def test_sample_article_links_german_forms(sample_site: Path, text: str, href: str) -> None:
    links = entity_links(soup(sample_site / SAMPLE_ARTICLE_PAGE))
    assert (text, href) in links


def test_first_mention_per_section_is_linked(sample_site: Path) -> None:
    page = soup(sample_site / SAMPLE_ARTICLE_PAGE)
    first_section = page.find(id="der-open-source-vorteil-ein-kollaboratives-oekosystem").find_next(
        "p", class_=False
    )
    assert [a.get_text() for a in first_section.select("a.entity-link")] == [
        "Arthur Mensch",
        "Mistral AI",
        "DeepSeek",
    ]
    assert "betonte Mensch den" in first_section.get_text()  # second mention: not linked
    assert len(page.select("article h2 a.entity-link")) == 0


def test_theme_page_resolves_surnames_as_in_the_article(sample_site: Path) -> None:
    page = soup(sample_site / "themes" / "mistral-strategie" / "index.html")
    assert ("Mensch", "../../people/arthur-mensch/") in entity_links(page)


def test_entity_page_mentions_link_to_existing_section_anchors(sample_site: Path) -> None:
    page_dir = sample_site / "people" / "arthur-mensch"
    page = soup(page_dir / "index.html")
    items = page.find(id="erwahnungen").find_all_next("li")
    contexts = [li.get_text() for li in items if "„" in li.get_text()]
    assert len(contexts) == 5
    assert any("Mensch gab auch Einblicke" in c for c in contexts)
    for li in items:
        anchor_links = [a["href"] for a in li.select("a") if "#" in a["href"]]
        for href in anchor_links:
            path, anchor = href.split("#")
            target = soup((page_dir / path / "index.html").resolve()).find(id=anchor)
            assert target is not None and target.name == "h2", href


def test_entity_page_infobox_connections_and_json_ld(sample_site: Path) -> None:
    import json

    page = soup(sample_site / "people" / "arthur-mensch" / "index.html")
    infobox = {
        row.select("td")[0].get_text(): row.select("td")[1]
        for row in page.select("table tr")
        if row.select("td")
    }
    assert infobox["Rolle"].get_text() == "CEO und Mitbegründer"
    assert infobox["Unternehmen"].a["href"] == "../../companies/mistral-ai/"
    co = [a.get_text() for a in page.find(id="erwahnt-zusammen-mit").find_next("ul").select("a")]
    assert co[0] == "Mistral AI"
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "Person"
    assert data["worksFor"]["name"] == "Mistral AI"
    assert data["sameAs"] == ["https://en.wikipedia.org/wiki/Arthur_Mensch"]

    company = soup(sample_site / "companies" / "mistral-ai" / "index.html")
    assert ("Arthur Mensch", "../../people/arthur-mensch/") in [
        (a.get_text(), a["href"]) for a in company.select("article li a")
    ]
    assert json.loads(company.find("script", type="application/ld+json").string)["@type"] == "Organization"


def test_entity_indexes_are_alphabetical_with_counts(sample_site: Path) -> None:
    people = soup(sample_site / "people" / "index.html")
    assert [h2.get_text().rstrip("¶") for h2 in people.select("article h2")] == ["G", "L", "M"]
    entries = [li.get_text(" ", strip=True) for li in people.select("article li")]
    assert entries[2].startswith("Arthur Mensch · CEO und Mitbegründer, Mistral AI · 5 Erwähnungen")
    companies = soup(sample_site / "companies" / "index.html")
    assert "Mistral AI · 13 Erwähnungen" in companies.get_text(" ", strip=True)


def test_fixture_corpus_links_only_outside_code_links_and_headings(project: Callable[..., Path]) -> None:
    site = build_site(project(fixture_corpus()))
    english = soup(site / "articles" / "2025-03-01-open-models-lower-barriers" / "index.html")
    assert ("LeCun", "../../people/yann-lecun/") in entity_links(english) or (
        "Yann LeCun",
        "../../people/yann-lecun/",
    ) in entity_links(english)
    german = soup(site / "articles" / "2025-02-10-deepseek-erschuettert-die-boerse" / "index.html")
    for element in german.select("article pre, article code, article h2, article a:not(.entity-link)"):
        assert not element.select("a.entity-link"), element
    assert "Ein Mensch ist keine Metaebene" in german.get_text()
    assert not [t for t, _ in entity_links(german) if t in ("Mensch", "Metaebene")]


def test_feed_and_sitemap(sample_site: Path) -> None:
    feed = (sample_site / "feed.xml").read_text(encoding="utf-8")
    assert "https://wissen.example.org/articles/2025-03-04-open-source-motor-fuer-ki-fortschritt/" in feed
    head = soup(sample_site / "index.html").find("link", type="application/atom+xml")
    assert head["href"] == "feed.xml"
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in (
        "articles/2025-03-04-open-source-motor-fuer-ki-fortschritt/",
        "people/arthur-mensch/",
        "themes/",
    ):
        assert f"<loc>https://wissen.example.org/{path}</loc>" in sitemap


def test_long_lists_are_split_into_pages(project: Callable[..., Path]) -> None:
    site = build_site(project(synthetic_articles(120), sample=False))
    first = soup(site / "themes" / "mistral-strategie" / "index.html")
    assert len(first.select("article h2")) == 50
    assert first.select_one(".pager").get_text(" ", strip=True) == "Seite 1 von 3 · Ältere »"
    third = soup(site / "themes" / "mistral-strategie" / "3" / "index.html")
    assert len(third.select("article h2")) == 20
    assert "« Neuere" in third.select_one(".pager").get_text()
    second_index = soup(site / "articles" / "seite" / "2" / "index.html")
    assert len(second_index.select("article li")) == 20
    # Only the first page of a theme is in the nav.
    nav = [a.get_text(strip=True) for a in first.select("nav.md-nav--primary a")]
    assert "Die Strategie von Mistral AI (Seite 2)" not in nav


def test_markup_and_ampersands_in_quotes_read_as_written(project: Callable[..., Path]) -> None:
    body = (
        "## Deals\n\n„M&amp;A-Deals <b>seien</b> teuer“, sagte Arthur Mensch. "
        "Laut Mensch sind M&A und S&amp;D getrennte Welten.\n"
    )
    site = build_site(project({"2025-05-01-deals.md": article_text("Deals", "2025-05-01", body)}))
    for page in ("quotes/index.html", "people/arthur-mensch/index.html"):
        text = " ".join(soup(site / page).get_text().split())
        assert "„M&A-Deals seien teuer“" in text, page
        assert "wzxhzdk" not in text
    article = soup(site / "articles" / "2025-05-01-deals" / "index.html")
    assert article.find("b", string="seien") is not None  # the editor's markup stays in the article
