"""Material search, adapted to German queries (an MkDocs adapter, like `plugin`)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

LUNR_DE = "assets/javascripts/lunr/min/lunr.de.min.js"


def stem_german_queries(files: Files, config: MkDocsConfig, patch: Path) -> None:
    """Append our query stemmer (`templates/search/german-query.js`) to Material's German
    language file; see that file for why. Does nothing when the theme has no such file."""
    original = files.get_file_from_path(LUNR_DE)
    if original is None:
        return
    content = original.content_bytes + b"\n" + patch.read_bytes()
    files.remove(original)
    files.append(File.generated(config, LUNR_DE, content=content))
