"""The entity-link treeprocessor, tested like Python-Markdown tests its abbr extension."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analyse.recognise import Recognizer
from generator.analyse.registry import Registry, load_registry
from generator.errors import GeneratorError
from generator.model import Article, ArticleMeta, Section
from generator.render.linking import LinkIndex, SectionRenderer, for_page
from tests.conftest import ROOT

REGISTRY = load_registry(ROOT / "config" / "entities.yml")
PAGE = "themes/t.md"
EXTENSIONS = ["attr_list", "tables", "fenced_code"]


def index(mode: str = "first-per-section", registry: Registry = REGISTRY) -> LinkIndex:
    return LinkIndex(
        recognizer=Recognizer(registry),
        entity_pages={e.id: f"{registry.type_of(e).folder}/{e.id}.md" for e in registry.entities},
        titles={e.id: e.name for e in registry.entities},
        mode=mode,
    )


def article(*bodies: str, introduced: tuple[str, ...] = (), source_uri: str = "articles/a.md") -> Article:
    sections = tuple(
        Section(number, None, None, 1, body, introduced=introduced if number == 0 else ())
        for number, body in enumerate(bodies)
    )
    meta = ArticleMeta("T", dt.date(2025, 1, 1))
    return Article(Path(source_uri), "a", meta, "", 1, sections=sections, source_uri=source_uri)


def rendered(source: Article, link_index: LinkIndex | None = None) -> list[str]:
    """Each section's HTML as shown on PAGE."""
    renderer = SectionRenderer(link_index or index(), EXTENSIONS)
    done = renderer.render(source)
    return ["".join(for_page(text, PAGE) for kind, text in s.body if kind == "html") for s in done.sections]


def render(source: str, link_index: LinkIndex | None = None, introduced: tuple[str, ...] = ()) -> str:
    if link_index is None:  # what Python-Markdown makes of it without the linker
        return markdown.markdown(source, extensions=EXTENSIONS)
    return rendered(article(source, introduced=introduced), link_index)[0]


def link(text: str, entity: str, title: str) -> str:
    folder = REGISTRY.type_of(REGISTRY.get(entity)).folder
    return f'<a class="entity-link" href="../../{folder}/{entity}/" title="{title}">{text}</a>'


def assert_links(source: str, expected_body: str, link_index: LinkIndex | None = None) -> None:
    assert render(source, link_index or index()) == expected_body


def test_links_a_mention_and_keeps_every_character() -> None:
    assert_links(
        "Laut Mistral AIs Chef und DeepSeek-Modelle.",
        f"<p>Laut {link('Mistral AIs', 'mistral-ai', 'Mistral AI')} Chef und "
        f"{link('DeepSeek', 'deepseek', 'DeepSeek')}-Modelle.</p>",
    )


def test_links_inside_emphasis_and_lists() -> None:
    assert_links(
        "- *Nvidias* GPUs",
        f"<ul>\n<li><em>{link('Nvidias', 'nvidia', 'Nvidia')}</em> GPUs</li>\n</ul>",
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("`DeepSeek` im Code", "<p><code>DeepSeek</code> im Code</p>"),
        ("```\nDeepSeek\n```", "<pre><code>DeepSeek\n</code></pre>"),
        ("    DeepSeek eingerückt", "<pre><code>DeepSeek eingerückt\n</code></pre>"),
        ("[DeepSeek](https://x.org)", '<p><a href="https://x.org">DeepSeek</a></p>'),
        (
            "<https://deepseek.com/DeepSeek>",
            '<p><a href="https://deepseek.com/DeepSeek">https://deepseek.com/DeepSeek</a></p>',
        ),
        ("Siehe https://x.org/DeepSeek dort", "<p>Siehe https://x.org/DeepSeek dort</p>"),
        ("## DeepSeek", "<h2>DeepSeek</h2>"),
        ("![DeepSeek Logo](d.png)", '<p><img alt="DeepSeek Logo" src="../../articles/d.png" /></p>'),
        ("<div>DeepSeek</div>", "<div>DeepSeek</div>"),
        ("Text <span>DeepSeek</span> hier", "<p>Text <span>DeepSeek</span> hier</p>"),
        ('Text <abbr title="DeepSeek">DS</abbr>', '<p>Text <abbr title="DeepSeek">DS</abbr></p>'),
        ("Die Metaebene der Menschheit", "<p>Die Metaebene der Menschheit</p>"),
    ],
)
def test_leaves_these_alone(source: str, expected: str) -> None:
    assert_links(source, expected)


def test_first_per_section_links_once_per_section() -> None:
    sections = rendered(article("DeepSeek und DeepSeek.\n\nWieder DeepSeek.", "DeepSeek zum dritten."))
    assert [html.count('class="entity-link"') for html in sections] == [1, 1]


def test_all_links_every_mention() -> None:
    assert render("DeepSeek und DeepSeek.\n\nWieder DeepSeek.", index("all")).count("entity-link") == 3


def test_first_per_page_links_once_per_article() -> None:
    """A section is rendered once for every page that shows it: `first-per-page` links a name
    where it first appears in its article."""
    html = "".join(rendered(article("DeepSeek.", "DeepSeek und Meta."), index("first-per-page")))
    assert html.count('title="DeepSeek"') == 1
    assert html.count('title="Meta"') == 1


def test_short_name_resolves_with_the_articles_context() -> None:
    """A section shown alone (on a theme page) keeps the people introduced earlier in its article."""
    assert "entity-link" not in render("Mensch gab Einblicke.", index())
    assert render("Mensch gab Einblicke.", index(), introduced=("arthur-mensch",)) == (
        f"<p>{link('Mensch', 'arthur-mensch', 'Arthur Mensch')} gab Einblicke.</p>"
    )


@pytest.mark.parametrize(
    ("page", "href"),
    [("index.md", "companies/deepseek/"), ("articles/a.md", "../../companies/deepseek/")],
)
def test_one_rendering_serves_every_page(page: str, href: str) -> None:
    (section,) = SectionRenderer(index(), EXTENSIONS).render(article("DeepSeek")).sections
    ((_, html),) = section.body
    assert f'href="{href}"' in for_page(html, page)


@pytest.mark.parametrize(
    ("target", "shown", "resolved"),
    [
        ("b.md", "../../articles/b/", "articles/b.md"),
        ("2024/b.md#teil", "../../articles/b/#teil", "articles/2024/b.md"),
        ("../anleitung.md", "../../anleitung/", "anleitung.md"),
        ("../people/arthur-mensch.md", "../../people/arthur-mensch/", "people/arthur-mensch.md"),
        ("bilder/x%20y.png", "../../articles/bilder/x%20y.png", "articles/bilder/x y.png"),
        ("#teil", "../../articles/a/#teil", "articles/a.md"),
        ("https://x.org/b.md", "https://x.org/b.md", None),
    ],
)
def test_editors_links_lead_to_the_site_pages_and_are_recorded(
    target: str, shown: str, resolved: str | None
) -> None:
    (section,) = SectionRenderer(index(), EXTENSIONS).render(article(f"[x]({target})")).sections
    assert f'href="{shown}"' in for_page(section.body[0][1], PAGE)
    assert [link.resolved for link in section.links] == ([resolved] if resolved else [])


def test_subheadings_stay_markdown_between_the_html_parts() -> None:
    (section,) = SectionRenderer(index(), EXTENSIONS).render(article("Vor.\n\n### Teil\n\nNach.")).sections
    assert section.body == (("html", "<p>Vor.</p>"), ("heading", "### Teil"), ("html", "<p>Nach.</p>"))


def strip_entity_links(html: str) -> str:
    """Undo what the linker added (link texts are plain text, so a pattern is exact)."""
    return re.sub(r'<a class="entity-link" href="[^"]*" title="[^"]*">([^<]*)</a>', r"\1", html)


NAMES = ["Mistral AI", "Mistral AIs", "DeepSeek", "DeepSeeks", "DeepSeek's", "Arthur Mensch", "Mensch",
         "Yann LeCun", "LeCun", "Meta", "Metaebene", "Nvidia-Chips", "OpenAI", "ein Mensch"]  # fmt: skip
WORDS = ["und", "sagte", "Modelle", "der", "KI", "Open Source", "2025", "über", "—", "„Zitat“", "x"]
SYNTAX = ["*", "**", "`", "[", "](https://x.org/DeepSeek)", "<span>", "</span>", "\n\n", "\n", "## ",
          "- ", "> ", "```\n", "&amp;", "<", ">", "_", "\\", "{", "}", "![", ")", "(", "#"]  # fmt: skip
fragments = st.lists(st.sampled_from(NAMES + WORDS + SYNTAX), max_size=40).map(" ".join)


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")), deadline=None)
@given(fragments, st.sampled_from(["all", "first-per-section", "first-per-page"]))
def test_stripping_the_links_gives_the_original_rendering(source: str, mode: str) -> None:
    linked = render(source, index(mode), introduced=("arthur-mensch",))
    assert strip_entity_links(linked) == render(source, None)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Invisible and odd characters do not hide a name, and the link keeps them as written.
        (
            "Arthur\u00a0Mensch sagte",
            "<p>" + link("Arthur\u00a0Mensch", "arthur-mensch", "Arthur Mensch") + " sagte</p>",
        ),
        ("Mis\u00adtral AI baut", "<p>" + link("Mis\u00adtral AI", "mistral-ai", "Mistral AI") + " baut</p>"),
        ("Meta\u0301 ist kein Name", "<p>Meta\u0301 ist kein Name</p>"),
        ("Me\u0301ta ist keiner", "<p>Me\u0301ta ist keiner</p>"),
        # A name next to a character reference or inline tag is found; one split by a tag is not.
        ("S&amp;D und DeepSeek", f"<p>S&amp;D und {link('DeepSeek', 'deepseek', 'DeepSeek')}</p>"),
        ("Deep<b>Seek</b> nicht", "<p>Deep<b>Seek</b> nicht</p>"),
        (
            "DeepSeek<br>Meta",
            f"<p>{link('DeepSeek', 'deepseek', 'DeepSeek')}<br>{link('Meta', 'meta', 'Meta')}</p>",
        ),
    ],
)
def test_names_are_found_as_a_reader_reads_them(source: str, expected: str) -> None:
    assert_links(source, expected, index("all"))


def test_a_name_with_an_ampersand_is_linked_through_its_reference(tmp_path: Path) -> None:
    path = tmp_path / "entities.yml"
    path.write_text(
        "types:\n  company: {title: U, singular: U, folder: companies, schema: Organization}\n"
        "entities:\n  - {name: AT&T, type: company}\n",
        encoding="utf-8",
    )
    registry = load_registry(path)
    html = render("Bei AT&amp;T und AT&T.", index(registry=registry))
    assert html.count('href="../../companies/at-t/"') == 1
    assert (
        '<a class="entity-link" href="../../companies/at-t/" title="AT&amp;T">AT&amp;T</a> und AT&amp;T.'
        in html
    )


def test_a_name_spaced_with_a_character_reference_is_one_name() -> None:
    assert_links(
        "Arthur&nbsp;Mensch und Mistral&#160;AI",
        "<p>"
        + link("Arthur&nbsp;Mensch", "arthur-mensch", "Arthur Mensch")
        + " und "
        + link("Mistral&#160;AI", "mistral-ai", "Mistral AI")
        + "</p>",
        index("all"),
    )


def test_the_heading_is_kept_as_a_reader_reads_it() -> None:
    source = dataclasses.replace(
        article("Text."),
        sections=(
            Section(0, "Die *neue* Strategie &amp; `v2` bei [Meta](https://meta.com)", "a", 1, "Text."),
        ),
    )
    (section,) = SectionRenderer(index(), EXTENSIONS).render(source).sections
    assert section.heading_text == "Die neue Strategie & v2 bei Meta"


@pytest.mark.parametrize(
    ("body", "tag"),
    [
        ("Formular: <textarea> Ihr Kommentar", "textarea"),
        ("<div class='x'>\nText\n<!-- </div> -->", "div"),
        ('<div title="</div>">\nText', "div"),
        ("Ein <b>fetter Anfang", "b"),
        ("<plaintext>x</plaintext>", "plaintext"),
    ],
)
def test_html_left_open_in_a_section_is_an_error(body: str, tag: str) -> None:
    with pytest.raises(GeneratorError, match=f"the <{tag}> opened here is not closed"):
        SectionRenderer(index(), EXTENSIONS).render(article(body))


@pytest.mark.parametrize("body", ["Ein <span>Teil", "<ul><li>a<li>b</ul>", "<p>offen", "Text <br> und <hr>"])
def test_what_a_browser_closes_itself_is_fine(body: str) -> None:
    SectionRenderer(index(), EXTENSIONS).render(article(body))
