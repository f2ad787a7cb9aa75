from __future__ import annotations

import pytest

from generator import urls
from generator.text.mdtext import rebase_links


def rebase(markdown: str) -> str:
    return rebase_links(markdown, lambda t: urls.rebase(t, "articles/a.md", "themes/t.md"))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[B](b.md)", "[B](../articles/b.md)"),
        ("![Bild](bild.png)", "![Bild](../articles/bild.png)"),
        ('[B](b.md "Titel")', '[B](../articles/b.md "Titel")'),
        ("[B](<b c.md>)", "[B](<../articles/b c.md>)"),
        ("[Anker](#x)", "[Anker](../articles/a.md#x)"),
        ("[ext](https://example.org/b.md)", "[ext](https://example.org/b.md)"),
        ("[mail](mailto:a@b.de)", "[mail](mailto:a@b.de)"),
        ("[abs](/b.md)", "[abs](/b.md)"),
        ("`[B](b.md)` und [B](b.md)", "`[B](b.md)` und [B](../articles/b.md)"),
        ("[ref]: b.md", "[ref]: ../articles/b.md"),
        ("```\n[B](b.md)\n```\n[B](b.md)", "```\n[B](b.md)\n```\n[B](../articles/b.md)"),
        ("Text ohne Links.", "Text ohne Links."),
    ],
)
def test_rebase_links(source: str, expected: str) -> None:
    assert rebase(source) == expected
