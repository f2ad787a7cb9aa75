"""The second adapter: write the generated pages into a folder instead of a MkDocs build."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator.errors import GeneratorError
from generator.pipeline import Site


def export_site(site: Site, folder: Path) -> int:
    """Write every generated page and file below `folder`; return how many were written."""
    root = folder.resolve()
    outputs = {page.src_uri: page.content for page in site.pages} | site.files
    for uri, content in outputs.items():
        relative = PurePosixPath(uri)
        target = (root / Path(*relative.parts)).resolve()
        if relative.is_absolute() or not target.is_relative_to(root):
            raise GeneratorError(f"page path {uri!r} leaves the export folder.", path=folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return len(outputs)
