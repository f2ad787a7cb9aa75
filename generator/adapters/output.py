"""Output folders (the built site, an export): never the sources, written whole or not at all.

Both `build` and `export` write into a scratch folder beside the target and swap it in only
when everything was written. Before anything is touched, a target that is, contains or lies
inside the sources (docs, articles, templates), that is or contains a configuration file, or
that is or contains the project folder is refused, and so is a folder that holds files of
another kind than the output it would replace (MkDocs would empty it).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import GeneratorError, read_text_file
from generator.settings import Settings

SCRATCH_PREFIX = ".site-build-"


def protected_paths(settings: Settings) -> dict[str, Path]:
    """What no output may replace, by the name the error message uses."""
    config_file = settings.config_file or settings.docs_dir.parent / "mkdocs.yml"
    paths = {
        "the project folder": config_file.parent,
        "mkdocs.yml": config_file,
        "the docs folder": settings.docs_dir,
        "the articles folder": settings.articles_dir,
        "the templates folder": settings.templates_dir,
        "the theme file": settings.themes_file,
        "the registry": settings.registry_file,
    }
    for what, file in (("the theme file", settings.themes_file), ("the registry", settings.registry_file)):
        if file.parent.resolve() != config_file.parent.resolve():  # `config/`: no output inside
            paths.setdefault(f"the folder of {what}", file.parent)
    return {what: path.resolve() for what, path in paths.items()}


def check_target(target: Path, settings: Settings, *, not_output: Callable[[Path], str | None]) -> Path:
    """The resolved `target`, or a `GeneratorError` if writing there could destroy a source.

    `not_output(folder)` says why an existing, non-empty folder is no earlier output of the
    same command (which may be replaced), or None if it is one."""
    target = refuse_sources(target, settings)
    config_file = settings.config_file or settings.docs_dir.parent / "mkdocs.yml"
    if target.exists() and not target.is_dir():
        raise GeneratorError(
            f"{target} is a file, not a folder. Choose a folder. Nothing was changed.", path=config_file
        )
    blocking = next((parent for parent in target.parents if parent.exists() and not parent.is_dir()), None)
    if blocking is not None:
        raise GeneratorError(
            f"{blocking} is a file, not a folder. Choose another folder. Nothing was changed.",
            path=config_file,
        )
    reason = not_output(target) if target.is_dir() and any(target.iterdir()) else None
    if reason is not None:
        raise GeneratorError(
            f"refusing to write into {target}: it holds files that are not an earlier output of "
            f"this command ({reason}), and they would be deleted. Choose a new or empty folder, "
            "or move those files away. Nothing was changed.",
            path=config_file,
        )
    return target


def files_below(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry below `folder` that is not a folder (links are not followed), with its
    `/`-separated path relative to `folder`."""
    stack = [(folder, "")]
    while stack:
        current, prefix = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), relative + "/"))
                else:
                    yield relative, entry


_FOR_EXAMPLE = "(`build`: site/ next to mkdocs.yml; `export`: a new folder beside the project)"


def refuse_sources(target: Path, settings: Settings) -> Path:
    """The resolved `target`, or a `GeneratorError` if it is, contains or lies inside a source.

    The plugin asks this of MkDocs' own `site_dir` too, so that `mkdocs build -d config`
    cannot empty the registry's folder."""
    target = target.resolve()
    protected = protected_paths(settings)
    if ".git" in target.parts:
        raise GeneratorError(
            f"refusing to write into {target}: it is or lies inside a Git repository's own folder. "
            f"Choose a folder outside the sources {_FOR_EXAMPLE}. Nothing was changed.",
            path=protected["mkdocs.yml"],
        )
    config_file = protected["mkdocs.yml"]

    def relation(what: str, path: Path) -> str | None:
        if target == path:
            return "is"
        if path.is_relative_to(target):
            return "contains"
        if what != "the project folder" and target.is_relative_to(path):
            return "lies inside"
        return None

    found = [(relation(what, path), what, path) for what, path in protected.items()]
    for kind in ("is", "contains", "lies inside"):  # the closest relation names the problem
        for holds, what, path in found:
            if holds == kind:
                raise GeneratorError(
                    f"refusing to write into {target}: it {kind} {what} ({path}). Choose a "
                    f"folder outside the sources {_FOR_EXAMPLE}. Nothing was changed.",
                    path=config_file,
                )
    return target


def check_docs_folder(docs_dir: Path, articles_dir: Path | None = None) -> None:
    """A `GeneratorError` for what MkDocs would choke on in `docs_dir` (it follows links):
    a link that leads nowhere, folder links that lead in a circle (MkDocs would copy the site
    into itself forever), a pipe or device (reading it blocks), and a Markdown page outside
    `articles_dir` that is not UTF-8. Hidden files and folders are left out, as MkDocs does."""
    stack = [(docs_dir, frozenset({os.path.realpath(docs_dir)}))]
    while stack:
        folder, ancestors = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            raise GeneratorError(f"cannot read this folder: {exc.strerror}.", path=folder) from None
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                info = path.stat()  # follows links
            except (OSError, RuntimeError):
                raise GeneratorError(
                    "this link leads nowhere (its target is missing, or links lead in a circle). Remove it.",
                    path=path,
                ) from None
            if stat.S_ISDIR(info.st_mode):
                real = os.path.realpath(path)
                if real in ancestors:
                    raise GeneratorError(
                        f"this folder leads back to {real}, a folder that contains it: the site "
                        "would contain itself forever. Remove the link.",
                        path=path,
                    )
                stack.append((path, ancestors | {real}))
            elif not stat.S_ISREG(info.st_mode):
                raise GeneratorError(
                    "this is not a file but a pipe or a device; reading it would block the build. Remove it.",
                    path=path,
                )
            elif path.suffix == ".md" and not (articles_dir and path.is_relative_to(articles_dir)):
                read_text_file(path, if_missing="Remove the link to it.")


@contextmanager
def scratch_beside(target: Path) -> Iterator[Path]:
    """A fresh folder to write into, inside a scratch folder beside `target` (same file system,
    so that `swap_in` only renames); the scratch folder goes when the work is done.

    A lock file beside the scratch folder tells other builds it is in use;
    `remove_stale_scratch` removes the scratch folders of killed builds (the lock dies with
    its process), and only folders that have such a lock: nothing of anyone else's."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_scratch(target.parent)
        scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=target.parent))
        lock = scratch.with_name(scratch.name + ".lock")
        handle = lock.open("w")
    except OSError as exc:
        raise GeneratorError(
            f"cannot create a folder next to {target}: {exc.strerror}. Choose another folder.",
            path=target.parent,
        ) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            new = scratch / "new"
            new.mkdir(mode=0o755)  # mkdtemp's folder is private; a published site must be readable
            yield new
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
            lock.unlink(missing_ok=True)


def remove_stale_scratch(folder: Path) -> None:
    """Remove the scratch folders (with swapped-out old outputs) of builds that were killed:
    folders named like ours that have a lock file no running build holds."""
    for lock in folder.glob(SCRATCH_PREFIX + "*.lock"):
        path = lock.with_name(lock.name.removesuffix(".lock"))
        try:
            handle = os.open(lock, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # a running build's
        else:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            lock.unlink(missing_ok=True)
        finally:
            os.close(handle)


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new`, a folder from `scratch_beside(target)`: the old output moves
    into the scratch folder, which is removed with it."""
    old = new.with_name("old")
    if target.exists():
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)
        raise
