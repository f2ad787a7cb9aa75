"""The second adapter: write the generated pages into a folder instead of a MkDocs build."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator.adapters.output import check_target, scratch_beside, swap_in
from generator.errors import GeneratorError
from generator.pipeline import Site
from generator.settings import Settings

MARKER = ".knowledge-export"
"""Written into every export, so that the next export may replace the folder."""


def is_export(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def export_site(site: Site, folder: Path, settings: Settings) -> int:
    """Write every generated page and file into `folder`, replacing an earlier export there;
    return how many were written. Refuses folders that hold sources (`generator.adapters.output`)."""
    target = check_target(folder, settings, looks_like_output=is_export)
    outputs = {page.src_uri: page.content for page in site.pages} | site.files
    with scratch_beside(target) as scratch:
        for uri, content in outputs.items():
            relative = PurePosixPath(uri)
            path = (scratch / Path(*relative.parts)).resolve()
            if relative.is_absolute() or not path.is_relative_to(scratch.resolve()):
                raise GeneratorError(f"page path {uri!r} leaves the export folder.", path=folder)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        (scratch / MARKER).write_text("written by `python -m generator export`\n", encoding="utf-8")
        swap_in(scratch, target)
    return len(outputs)
