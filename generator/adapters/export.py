"""The second adapter: the whole site as a plain MkDocs project, for life after MkDocs 1.x.

`export DIR` writes a project that plain MkDocs (or ProperDocs, or a tool that reads MkDocs
projects) builds without the `knowledge` plugin into the same pages with the same links:

    DIR/mkdocs.yml        INHERIT: mkdocs.base.yml, plus docs_dir, the generated nav and the
                          plugins without `knowledge`
    DIR/mkdocs.base.yml   the project's mkdocs.yml as written (tags and comments kept)
    DIR/docs/             every generated page (sections as HTML, entity links and quote
                          anchors in place), the feed, and the editors' other files (their
                          pages, stylesheets, images)
    DIR/overrides/        the theme's custom_dir, if the project has one

What only the plugin does: watching the sources under `mkdocs serve`, the Pagefind search
backend, and the German stemming of queries in Material's search worker.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from generator.adapters.navigation import mkdocs_nav
from generator.adapters.output import check_docs_folder, check_target, files_below, scratch_beside, swap_in
from generator.adapters.publish import not_built_site
from generator.errors import GeneratorError
from generator.pipeline import Site
from generator.read.articles import unpublished_spec
from generator.settings import PLUGIN_NAME, Settings, listed_plugins, read_mkdocs_yml

MARKER = ".knowledge-export"
"""Written into every export: the SHA-256 of every file the export wrote. The next export
replaces the folder only if it holds nothing else (but the site `mkdocs build` made from it)
and nothing was changed: a Git repository or an edited page in it is never deleted."""
BASE = "mkdocs.base.yml"
OVERRIDES = "overrides"


def not_export(folder: Path) -> str | None:
    """Why `folder` is no earlier export that a new one may replace; None if it is one."""
    try:
        lines = (folder / MARKER).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return f"there is no readable {MARKER}, which every export holds"
    try:  # a path per line as a JSON string: no file name can break a line
        written = {
            json.loads(path): digest for digest, _, path in (line.partition("  ") for line in lines[1:])
        }
    except ValueError:
        return f"{MARKER} is not as an export writes it"
    if not all(isinstance(path, str) for path in written):
        return f"{MARKER} is not as an export writes it"
    built_site = None
    for relative, entry in files_below(folder):
        if relative == MARKER:
            continue
        if relative.startswith("site/"):  # `mkdocs build -f DIR/mkdocs.yml` writes it
            if built_site is None:
                built_site = not_built_site(folder / "site")
            if built_site is None:
                continue
            return f"site/ is no site MkDocs built: {built_site}"
        if relative not in written or not entry.is_file(follow_symlinks=False):
            return f"{relative} was not written by the last export"
        if _digest(Path(entry.path)) != written[relative]:
            return f"{relative} was changed since the last export"
    return None


def is_export(folder: Path) -> bool:
    return not_export(folder) is None


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _manifest(folder: Path) -> str:
    lines = [
        f"{_digest(Path(entry.path))}  {json.dumps(relative)}"
        for relative, entry in sorted(files_below(folder), key=lambda found: found[0])
    ]
    return "written by `python -m generator export`; SHA-256 of each file it wrote:\n" + "".join(
        line + "\n" for line in lines
    )


def export_site(site: Site, folder: Path, settings: Settings) -> int:
    """Write the site as a plain MkDocs project into `folder`, replacing an earlier export
    there; return how many generated pages and files were written. `site` must have been built
    with `inline_html=True`. Refuses folders that hold sources (`generator.adapters.output`)."""
    target = check_target(folder, settings, not_output=not_export)
    site_dir = (settings.site_dir or settings.docs_dir.parent / "site").resolve()
    if target == site_dir or target.is_relative_to(site_dir):
        raise GeneratorError(
            f"refusing to export into {target}: it lies inside the site folder ({site_dir}), "
            "which the next build replaces. Choose a folder outside it. Nothing was changed.",
            path=settings.config_file,
        )
    config_file = settings.config_file or settings.docs_dir.parent / "mkdocs.yml"
    config = read_mkdocs_yml(config_file)
    if "INHERIT" in config_file.read_text(encoding="utf-8"):
        raise GeneratorError(
            "export copies mkdocs.yml as it is and cannot follow its `INHERIT`. Merge the "
            "inherited file into mkdocs.yml before exporting.",
            path=config_file,
        )
    _check_directory_urls(config, config_file)
    check_docs_folder(settings.docs_dir, settings.articles_dir)  # as the build does: no loops
    hooks, hook_entries = _hooks(config, config_file)
    outputs = {page.src_uri: page.content for page in site.pages} | site.files
    with scratch_beside(target) as scratch:
        docs = scratch / "docs"
        _copy_editors_files(settings, docs)
        for uri, content in outputs.items():
            _write(docs, uri, content, folder)
        overrides = _custom_dir(config, config_file)
        if overrides is not None:
            shutil.copytree(overrides, scratch / OVERRIDES)
        for source, copy in hooks.items():
            (scratch / copy).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, scratch / copy)
        shutil.copyfile(config_file, scratch / BASE)
        (scratch / "mkdocs.yml").write_text(
            "# Written by `python -m generator export`: the knowledge site without its plugin.\n"
            + yaml.safe_dump(
                _config(config, site, overrides is not None, hook_entries),
                allow_unicode=True,
                sort_keys=False,
            ),
            encoding="utf-8",
        )
        (scratch / MARKER).write_text(_manifest(scratch), encoding="utf-8")
        swap_in(scratch, target)
    return len(outputs)


def _config(config: dict[str, Any], site: Site, has_overrides: bool, hooks: list[str]) -> dict[str, Any]:
    kept = [
        name if options is None else {name: options}
        for name, options in listed_plugins(config)
        if name != PLUGIN_NAME
    ]
    # What the project leaves out, the export has left out already; its articles stand in one
    # folder now, where the project's patterns could match other files.
    exported: dict[str, Any] = {
        "INHERIT": BASE,
        "docs_dir": "docs",
        "site_dir": "site",
        "exclude_docs": "",
        "draft_docs": "",
    }
    if has_overrides:
        exported["theme"] = {"custom_dir": OVERRIDES}
    exported["plugins"] = kept
    if hooks:
        exported["hooks"] = hooks
    if config.get("nav") is None:  # the plugin keeps a nav that mkdocs.yml sets; so does the export
        exported["nav"] = [mkdocs_nav(item) for item in site.nav]
    return exported


def _check_directory_urls(config: dict[str, Any], config_file: Path) -> None:
    """The sections' HTML links pages as folders (`people/x/`), as `build` needs too."""
    # `enabled: false` switches a plugin off.
    offline = [
        options
        for name, options in listed_plugins(config)
        if name in ("offline", "material/offline")
        and not (isinstance(options, dict) and options.get("enabled") is False)
    ]
    if config.get("use_directory_urls") is False:
        cause = "mkdocs.yml sets `use_directory_urls: false`"
    elif offline:
        cause = "the `offline` plugin turns `use_directory_urls` off"
    else:
        return
    raise GeneratorError(
        f"the knowledge site links its pages as folders (`people/x/`), but {cause}. Remove it "
        "from mkdocs.yml to export.",
        path=config_file,
    )


def _hooks(config: dict[str, Any], config_file: Path) -> tuple[dict[Path, str], list[str]]:
    """MkDocs hooks (Python files named relative to mkdocs.yml): every Python file of each
    hook's folder (a hook may import its neighbours, MkDocs puts the folder on the path) ->
    where the export keeps it; and the hooks as the export's mkdocs.yml lists them."""
    listed = config.get("hooks") or []
    if not isinstance(listed, list) or not all(isinstance(entry, str) for entry in listed):
        raise GeneratorError("`hooks` must be a list of Python files.", path=config_file)
    copies: dict[Path, str] = {}
    entries: list[str] = []
    folders: dict[Path, str] = {}
    for entry in listed:
        source = (config_file.parent / entry).resolve()
        if not source.is_file():
            raise GeneratorError(f"the hook {entry} is no file. Fix `hooks` in mkdocs.yml.", path=config_file)
        relative = PurePosixPath(entry)
        if not relative.is_absolute() and ".." not in relative.parts:
            folder = relative.parent.as_posix()
        else:  # from outside the project: a folder of its own, named so no project path has it
            folder = folders.get(source.parent) or f"hooks-from-outside/{len(folders) + 1}"
        folders[source.parent] = folder
        for neighbour in sorted(source.parent.glob("*.py")):
            copies[neighbour] = posixpath.join(folder, neighbour.name)
        entries.append(posixpath.join(folder, source.name))
    return copies, entries


def _custom_dir(config: dict[str, Any], config_file: Path) -> Path | None:
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(custom, str):
        return None
    path = config_file.parent / custom
    return path if path.is_dir() else None


def _copy_editors_files(settings: Settings, docs: Path) -> None:
    """Everything in the docs folder but the articles' Markdown and the home intro (the
    generated pages stand in for them): the editors' pages, stylesheets, images; not what
    `exclude_docs`/`draft_docs` leave out (MkDocs' own default: `/templates/`)."""
    source = settings.docs_dir
    left_out = unpublished_spec(("/templates/", *settings.unpublished))
    # Folder links are followed, as MkDocs follows them (`check_docs_folder` refused loops).
    for folder, folders, names in os.walk(source, followlinks=True):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            path = Path(folder, name)
            relative = path.relative_to(source)
            if name.startswith(".") or not path.is_file() or left_out.match_file(relative.as_posix()):
                continue
            if path == settings.home_file or (
                path.is_relative_to(settings.articles_dir) and path.suffix == ".md"
            ):
                continue
            copy = docs / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)


def _write(docs: Path, uri: str, content: str, folder: Path) -> None:
    relative = PurePosixPath(uri)
    path = (docs / Path(*relative.parts)).resolve()
    if relative.is_absolute() or not path.is_relative_to(docs.resolve()):
        raise GeneratorError(f"page path {uri!r} leaves the export folder.", path=folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
