from __future__ import annotations

import posixpath

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from generator import urls


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Arthur Mensch", "arthur-mensch"),
        ("Mistral AI", "mistral-ai"),
        ("Yann LeCun", "yann-lecun"),
        ("Open Source: Motor für KI-Fortschritt", "open-source-motor-fuer-ki-fortschritt"),
        ("Größere Anpassung", "groessere-anpassung"),
        ("Ökosystem", "oekosystem"),
        ("ÄRGER", "aerger"),
        ("Café Crème", "cafe-creme"),
        ("  --Hallo--  ", "hallo"),
        ("../../etc/passwd", "etc-passwd"),
        ("日本", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert urls.slugify(text) == slug


@pytest.mark.parametrize(
    ("source", "target", "anchor", "expected"),
    [
        ("themes/x.md", "articles/a.md", "sec", "../articles/a.md#sec"),
        ("index.md", "themes/x.md", None, "themes/x.md"),
        ("articles/index.md", "articles/a.md", None, "a.md"),
        ("articles/a.md", "index.md", None, "../index.md"),
    ],
)
def test_link_is_relative_to_the_page(source: str, target: str, anchor: str | None, expected: str) -> None:
    assert urls.link(source, target, anchor) == expected


def test_page_paths() -> None:
    assert urls.theme_page("mistral-strategie") == "themes/mistral-strategie.md"
    assert urls.article_page("2025-03-04-x") == "articles/2025-03-04-x.md"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("b.md", "../articles/b.md"),
        ("b.md#x", "../articles/b.md#x"),
        ("#x", "../articles/a.md#x"),
        ("../themes/t.md", "t.md"),
        ("../img/p.png", "../img/p.png"),
    ],
)
def test_rebase_keeps_the_authors_target(target: str, expected: str) -> None:
    assert urls.rebase(target, "articles/a.md", "themes/t.md") == expected


_SEGMENT = st.sampled_from(["a", "b", "themes", "seite", "2", "x.md", "..", ".", ""])


@given(st.lists(_SEGMENT, max_size=4), st.lists(_SEGMENT, min_size=1, max_size=4))
def test_link_agrees_with_relpath(here: list[str], there: list[str]) -> None:
    source = "/".join([*here, "page.md"])
    target = "/".join(there)
    assume(target.strip("/") and not source.startswith("/"))  # page URIs are relative
    expected = posixpath.relpath(target, posixpath.dirname(source) or ".")
    assert urls.link(source, target) == expected


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://mistral.ai", "https://mistral.ai"),
        ("HTTP://Example.org/a?b=1&c=%20#x", "http://Example.org/a?b=1&c=%20#x"),
        (
            "https://en.wikipedia.org/wiki/Mistral_(company)",
            "https://en.wikipedia.org/wiki/Mistral_(company)",
        ),
        ("https://münchen.de/straße", "https://münchen.de/stra%C3%9Fe"),
        ("https://[::1]:8080/x", "https://[::1]:8080/x"),
        ("https://x.org/100%", "https://x.org/100%25"),
        ('https://x.org/a"onclick="b', "https://x.org/a%22onclick=%22b"),
        ("https://x.org/[Web](javascript:alert(1))|x", "https://x.org/%5BWeb%5D(javascript:alert(1))%7Cx"),
        ("https://x.org/<script>`{}^", "https://x.org/%3Cscript%3E%60%7B%7D%5E"),
    ],
)
def test_web_address_is_checked_and_encoded(address: str, expected: str) -> None:
    assert urls.web_address(address) == expected


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("javascript:alert(1)", "http"),
        ("JavaScript://x.org/%0Aalert(1)", "http"),
        ("data:text/html,<script>", "http"),
        ("mailto:a@b.de", "http"),
        ("//x.org/a", "http"),
        ("https:x.org", "host"),
        ("https://", "host"),
        ('https://x.org"onclick=a/', "host"),
        ("https://user:pw@x.org/", "host"),
        ("https://x.org/a b", "spaces"),
        ("https://x.org/\u200bx", "invisible"),
        ("https://x.org/\x01", "invisible"),
        ("https://x.org:99999999/", "host"),
    ],
)
def test_web_address_refuses(address: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        urls.web_address(address.encode().decode("unicode_escape") if "\\" in address else address)


@given(st.text())
def test_web_address_never_lets_markup_through(tail: str) -> None:
    try:
        address = urls.web_address("https://example.org/" + tail)
    except ValueError:
        return
    assert address.startswith("https://example.org/")
    assert not set(address) & set(' "<>|[]{}`^\\\n\t')


@pytest.mark.parametrize(
    ("src_uri", "up"),
    [
        ("index.md", ""),
        ("articles/a.md", "../../"),
        ("themes/k/2.md", "../../../"),
        ("people/index.md", "../"),
    ],
)
def test_the_way_up_to_the_root_from_each_page(src_uri: str, up: str) -> None:
    assert urls.to_root(src_uri) == up
