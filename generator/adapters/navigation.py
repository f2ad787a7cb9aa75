"""The generated nav in the form mkdocs.yml writes it (for the plugin and for `export`)."""

from __future__ import annotations

import html
from typing import Any

from generator.model import NavItem


def mkdocs_nav(item: NavItem) -> dict[str, Any]:
    """One nav entry, `{title: src_uri}` or `{title: [children]}`. MkDocs and Material output
    nav titles as HTML, so text from the theme file is escaped here."""
    title = html.escape(item.title, quote=False)
    if item.children:
        return {title: [mkdocs_nav(child) for child in item.children]}
    return {title: item.src_uri}
