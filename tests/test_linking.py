"""The entity-link treeprocessor, tested like Python-Markdown tests its abbr extension."""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analyse.recognise import Recognizer
from generator.analyse.registry import load_registry
from generator.render.linking import EntityLinkExtension, LinkIndex, section_marker
from tests.conftest import ROOT

REGISTRY = load_registry(ROOT / "config" / "entities.yml")
PAGE = "themes/t.md"


def index(
    mode: str = "first-per-section", introduced: dict[tuple[str, int], tuple[str, ...]] | None = None
) -> LinkIndex:
    return LinkIndex(
        recognizer=Recognizer(REGISTRY),
        entity_pages={e.id: f"{REGISTRY.type_of(e).folder}/{e.id}.md" for e in REGISTRY.entities},
        titles={e.id: e.name for e in REGISTRY.entities},
        introduced=introduced or {},
        mode=mode,
    )


def render(source: str, link_index: LinkIndex | None = None, marked: bool = True) -> str:
    extensions: list[object] = ["attr_list", "tables", "fenced_code"]
    if link_index is not None:
        extensions.append(EntityLinkExtension(link_index))
    if marked:
        source = f"Abschnitt\n{{: {section_marker(PAGE, 'a', 0)} }}\n\n{source}"
    return markdown.markdown(source, extensions=extensions)


def link(text: str, entity: str, title: str) -> str:
    folder = REGISTRY.type_of(REGISTRY.get(entity)).folder
    return f'<a class="entity-link" href="../{folder}/{entity}.md" title="{title}">{text}</a>'


def assert_links(source: str, expected_body: str, link_index: LinkIndex | None = None) -> None:
    html = render(source, link_index or index())
    assert html == "<p>Abschnitt</p>\n" + expected_body


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
        ("### Über Meta", "<h3>Über Meta</h3>"),
        ("![DeepSeek Logo](d.png)", '<p><img alt="DeepSeek Logo" src="d.png" /></p>'),
        ("<div>DeepSeek</div>", "<div>DeepSeek</div>"),
        ("Text <span>DeepSeek</span> hier", "<p>Text <span>DeepSeek</span> hier</p>"),
        ('Text <abbr title="DeepSeek">DS</abbr>', '<p>Text <abbr title="DeepSeek">DS</abbr></p>'),
        ("Die Metaebene der Menschheit", "<p>Die Metaebene der Menschheit</p>"),
    ],
)
def test_leaves_these_alone(source: str, expected: str) -> None:
    assert_links(source, expected)


def test_unmarked_text_is_not_linked() -> None:
    assert render("DeepSeek", index(), marked=False) == "<p>DeepSeek</p>"


def test_marker_attribute_is_removed() -> None:
    assert "data-kn-section" not in render("DeepSeek", index())


def test_first_per_section_links_once_per_section() -> None:
    source = (
        "DeepSeek und DeepSeek.\n\nWieder DeepSeek.\n\n"
        f"Neu\n{{: {section_marker(PAGE, 'a', 1)} }}\n\nDeepSeek zum dritten."
    )
    assert render(source, index()).count('class="entity-link"') == 2


def test_all_links_every_mention() -> None:
    assert render("DeepSeek und DeepSeek.\n\nWieder DeepSeek.", index("all")).count("entity-link") == 3


def test_first_per_page_links_once_per_page() -> None:
    source = f"DeepSeek.\n\nNeu\n{{: {section_marker(PAGE, 'a', 1)} }}\n\nDeepSeek und Meta."
    html = render(source, index("first-per-page"))
    assert html.count('title="DeepSeek"') == 1
    assert html.count('title="Meta"') == 1


def test_short_name_resolves_with_the_articles_context() -> None:
    """A section shown alone (on a theme page) keeps the people introduced earlier in its article."""
    assert "entity-link" not in render("Mensch gab Einblicke.", index())
    introduced = {("a", 0): ("arthur-mensch",)}
    assert_links(
        "Mensch gab Einblicke.",
        f"<p>{link('Mensch', 'arthur-mensch', 'Arthur Mensch')} gab Einblicke.</p>",
        index(introduced=introduced),
    )


def test_link_is_relative_to_the_marked_page() -> None:
    source = "DeepSeek"
    html = markdown.markdown(
        f"x\n{{: {section_marker('articles/2025/a.md', 'a', 0)} }}\n\n{source}",
        extensions=["attr_list", EntityLinkExtension(index())],
    )
    assert 'href="../../companies/deepseek.md"' in html


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
    introduced = {("a", 0): ("arthur-mensch",)}
    linked = render(source, index(mode, introduced))
    plain = render(source, None)
    plain = re.sub(r' data-kn-section="[^"]*"', "", plain)
    assert strip_entity_links(linked) == plain


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
    link_index = LinkIndex(
        recognizer=Recognizer(registry),
        entity_pages={"at-t": "companies/at-t.md"},
        titles={"at-t": "AT&T"},
        introduced={},
    )
    html = render("Bei AT&amp;T und AT&T.", link_index)
    assert html.count('href="../companies/at-t.md"') == 1
    assert (
        '<a class="entity-link" href="../companies/at-t.md" title="AT&amp;T">AT&amp;T</a> und AT&amp;T.'
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


@pytest.mark.parametrize("value", ["x", "a|b", "themes/x.md|stem|c", "themes/x.md|../x|1"])
def test_a_marker_written_by_hand_is_no_marker(value: str) -> None:
    html = render(f'Text\n{{: data-kn-section="{value}" }}\n\nDeepSeek', index(), marked=False)
    assert "entity-link" not in html and "data-kn-section" not in html
