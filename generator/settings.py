"""Where the generator finds its inputs; read from the plugin's options in mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml_env_tag

from generator.errors import GeneratorError
from generator.text.readable import control_character

PLUGIN_NAME = "knowledge"
LINK_MODES = ("all", "first-per-section", "first-per-page")
BACKENDS = ("auto", "lunr", "pagefind")
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list")
"""MkDocs' built-in extensions (toc, tables, fenced_code) and attr_list, which the generated
pages need: the plugin adds it."""


@dataclass(frozen=True)
class Option:
    """One option of the plugin in mkdocs.yml: its type, default and allowed values."""

    kind: type
    default: Any
    choices: tuple[str, ...] = ()


OPTIONS: dict[str, Option] = {
    "articles": Option(str, "articles"),
    "themes": Option(str, "config/themes.yml"),
    "registry": Option(str, "config/entities.yml"),
    "link_mode": Option(str, "first-per-section", LINK_MODES),
    "cache": Option(bool, True),
    "templates": Option(str, "templates"),
    "home": Option(str, "index.md"),
    "guide": Option(str, "anleitung.md"),
    "latest": Option(int, 10),
    "search_backend": Option(str, "auto", BACKENDS),
    "pagefind_from": Option(int, 100),
    "pagefind_part_kb": Option(int, 24_000),
}
"""The one list of the plugin's options (`articles`, `home` and `guide` are below docs_dir, the
rest below the folder of mkdocs.yml): the MkDocs plugin builds its config schema from it, and
`load_settings` checks the options with it when no MkDocs runs."""


def checked_options(options: Any, config_file: Path) -> dict[str, Any]:
    """The plugin options of an mkdocs.yml, checked against `OPTIONS` ("Expected X but
    received Y", as MkDocs says it)."""
    if not isinstance(options, dict):
        raise GeneratorError(f"the `{PLUGIN_NAME}` options must be a mapping.", path=config_file)
    for name, value in options.items():
        option = OPTIONS.get(name)
        if option is None:
            raise GeneratorError(
                f"unknown option `{name}` of the `{PLUGIN_NAME}` plugin. Known: {', '.join(OPTIONS)}.",
                path=config_file,
            )
        if not isinstance(value, option.kind) or (option.kind is int and isinstance(value, bool)):
            raise GeneratorError(
                f"option `{name}`: expected a {option.kind.__name__}, but received {value!r}.",
                path=config_file,
            )
        if option.choices and value not in option.choices:
            raise GeneratorError(
                f"option `{name}`: expected one of {', '.join(option.choices)}, but received {value!r}.",
                path=config_file,
            )
    return options


FILE_READING_EXTENSIONS = ("pymdownx.snippets", "pymdownx.b64", "markdown_include", "mdx_include")
"""Markdown extensions that put other files into a page (text snippets, images): a page's
Markdown does not show what they read, so nothing rendered with them is kept between builds."""


def reads_other_files(extensions: tuple[Any, ...]) -> str | None:
    """The first of `extensions` (names or instances) that reads other files, if any."""
    for extension in extensions:
        name = extension if isinstance(extension, str) else type(extension).__module__
        if name.startswith(FILE_READING_EXTENSIONS):
            return name
    return None


@dataclass(frozen=True)
class Settings:
    """Absolute paths of every input, and the few knobs of the generated pages."""

    docs_dir: Path
    articles_dir: Path
    themes_file: Path
    registry_file: Path
    templates_dir: Path
    home_file: Path
    guide_file: Path | None = None
    """The editors' guide (a hand-written page, linked in the nav when it exists)."""
    latest: int = 10
    """How many articles the home page lists."""
    link_mode: str = "first-per-section"
    """Which mentions become links: `all`, `first-per-section` or `first-per-page`."""
    cache_dir: Path | None = None
    """Where analysed articles are kept between builds (None: no cache)."""
    site_url: str | None = None
    """The site's public address (mkdocs.yml `site_url`); the feed needs absolute links."""
    site_name: str = "Wissensseite"
    search_backend: str = "auto"
    """`lunr` (Material's search), `pagefind`, or `auto`: Pagefind from `pagefind_from` articles on."""
    pagefind_from: int = 100
    pagefind_part_kb: int = 24_000
    """HTML per part of Pagefind's index (`generator.adapters.pagefind.index_site`): the
    memory of one Pagefind run grows with it (about 150 MB at the default)."""
    site_dir: Path | None = None
    """Where `build` writes the site (mkdocs.yml `site_dir`); None when MkDocs decides."""
    config_file: Path | None = None
    """The site's mkdocs.yml (its folder is the project folder, which no output may replace)."""
    markdown_extensions: tuple[Any, ...] = MKDOCS_EXTENSIONS
    """The Markdown extensions MkDocs renders the site with (names or instances): the render
    stage converts the articles' sections with the same ones."""
    extension_configs: dict[str, Any] = field(default_factory=dict)
    """Their options (MkDocs' `mdx_configs`)."""
    unpublished: tuple[str, ...] = ()
    """Patterns (gitignore lines, relative to the docs folder) of files MkDocs leaves out of
    the built site: mkdocs.yml's `exclude_docs` and `draft_docs`. Articles that match are not
    read at all, so that no draft reaches a page, a list, the feed or the search index."""

    @classmethod
    def from_options(
        cls,
        root: Path,
        docs_dir: Path,
        options: dict[str, Any],
        *,
        site_url: str | None = None,
        site_name: str = "Wissensseite",
        site_dir: Path | None = None,
        config_file: Path | None = None,
        markdown_extensions: tuple[Any, ...] = MKDOCS_EXTENSIONS,
        extension_configs: dict[str, Any] | None = None,
        unpublished: tuple[str, ...] = (),
    ) -> Settings:
        merged = {name: option.default for name, option in OPTIONS.items()} | options
        for key, value in (("site_name", site_name), ("site_url", site_url or "")):
            bad = control_character(str(value))
            if bad:  # both go into the feed's XML
                raise GeneratorError(
                    f"`{key}` contains the control character {bad[1]}. Remove it.",
                    path=config_file or root / "mkdocs.yml",
                )
        docs = (root / docs_dir).resolve()
        return cls(
            docs_dir=docs,
            articles_dir=docs / merged["articles"],
            themes_file=(root / merged["themes"]).resolve(),
            registry_file=(root / merged["registry"]).resolve(),
            templates_dir=(root / merged["templates"]).resolve(),
            home_file=docs / merged["home"],
            guide_file=docs / merged["guide"] if merged["guide"] else None,
            latest=int(merged["latest"]),
            link_mode=merged["link_mode"],
            cache_dir=(root / ".cache" / "knowledge")
            if merged["cache"] and not reads_other_files(markdown_extensions)
            else None,
            site_url=site_url or None,
            site_name=site_name,
            search_backend=merged["search_backend"],
            pagefind_from=int(merged["pagefind_from"]),
            pagefind_part_kb=_positive(merged, "pagefind_part_kb", config_file or root / "mkdocs.yml"),
            site_dir=(root / site_dir).resolve() if site_dir else None,
            config_file=config_file.resolve() if config_file else root / "mkdocs.yml",
            markdown_extensions=markdown_extensions,
            extension_configs=extension_configs or {},
            unpublished=unpublished,
        )

    @property
    def watched(self) -> tuple[Path, ...]:
        """Inputs outside docs_dir that `mkdocs serve` must watch."""
        return (self.themes_file, self.registry_file, self.templates_dir)


def _positive(options: dict[str, Any], name: str, config_file: Path) -> int:
    value = options[name]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise GeneratorError(
            f"option `{name}`: expected a number above 0, but received {value!r}.", path=config_file
        )
    return value


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the values the CLI needs: `!ENV` is resolved with
    MkDocs' own constructor; other tags (`!!python/name:`, `!relative`) are not executed."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
MAX_INHERIT = 10


def read_mkdocs_yml(config_file: Path, depth: int = 0) -> dict[str, Any]:
    """mkdocs.yml as a mapping, with its `INHERIT:` parents merged in as MkDocs merges them
    (mappings key by key, everything else replaced by the child's value)."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except FileNotFoundError:
        raise GeneratorError(
            "not found. Run the command in the site folder or pass --config.", path=config_file
        ) from None
    except OSError as exc:
        raise GeneratorError(f"cannot read the file: {exc.strerror}.", path=config_file) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise GeneratorError(f"invalid YAML: {exc}", path=config_file) from None
    if config is None:
        return {}
    if not isinstance(config, dict):
        raise GeneratorError("mkdocs.yml must be a mapping of settings.", path=config_file)
    parent = config.pop("INHERIT", None)
    if parent is None:
        return config
    if not isinstance(parent, str) or depth >= MAX_INHERIT:
        raise GeneratorError(
            "`INHERIT` must name one YAML file, and inheritance may not go in a circle.", path=config_file
        )
    return _merged(read_mkdocs_yml(config_file.parent / parent, depth + 1), config)


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def listed_plugins(config: dict[str, Any]) -> list[tuple[Any, Any]]:
    """mkdocs.yml's `plugins` as (name, options) pairs, in order; options are None where the
    entry is only a name. MkDocs takes a list (`- search`, `- knowledge: {…}`) or a mapping."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        return list(plugins.items())
    pairs: list[tuple[Any, Any]] = []
    for entry in plugins:
        pairs += entry.items() if isinstance(entry, dict) else [(entry, None)]
    return pairs


def load_settings(config_file: Path) -> Settings:
    """Settings from the `knowledge` plugin entry of an mkdocs.yml (for the CLI)."""
    config = read_mkdocs_yml(config_file)
    listed = [options for name, options in listed_plugins(config) if name == PLUGIN_NAME]
    if not listed:
        raise GeneratorError(
            f"the `{PLUGIN_NAME}` plugin is not configured. Add `- {PLUGIN_NAME}` under `plugins:`.",
            path=config_file,
        )
    options = listed[0] or {}
    if not isinstance(options, dict):
        raise GeneratorError(f"the options of `{PLUGIN_NAME}` must be a mapping.", path=config_file)
    folders = {key: config.get(key, default) for key, default in (("docs_dir", "docs"), ("site_dir", "site"))}
    for key, value in folders.items():
        if not isinstance(value, str) or not value:
            raise GeneratorError(
                f"`{key}` must name a folder, not {value!r} (an `!ENV` variable that is not set?).",
                path=config_file,
            )
    extensions, configs = markdown_extensions(config.get("markdown_extensions"), config_file)
    unpublished: list[str] = []
    for key in ("exclude_docs", "draft_docs"):
        value = config.get(key)
        if value is not None and not isinstance(value, str):
            raise GeneratorError(f"`{key}` must be text (gitignore lines), not {value!r}.", path=config_file)
        unpublished += (value or "").splitlines()
    return Settings.from_options(
        config_file.resolve().parent,
        Path(folders["docs_dir"]),
        checked_options(options, config_file),
        site_url=config.get("site_url"),
        site_name=config.get("site_name", "Wissensseite"),
        site_dir=Path(folders["site_dir"]),
        config_file=config_file,
        markdown_extensions=extensions,
        extension_configs=configs,
        unpublished=tuple(unpublished),
    )


def markdown_extensions(listed: Any, config_file: Path) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The extensions and their options as MkDocs reads `markdown_extensions` (its built-ins
    first, then the list; an entry is a name or a one-key mapping of name to options)."""
    names = list(MKDOCS_EXTENSIONS)
    configs: dict[str, Any] = {}
    for entry in listed or []:
        if isinstance(entry, dict) and len(entry) == 1:
            ((name, options),) = entry.items()
        else:
            name, options = entry, None
        if not isinstance(name, str) or not (options is None or isinstance(options, dict)):
            raise GeneratorError(
                f"`markdown_extensions` entries are names or `name: {{options}}`, not {entry!r}.",
                path=config_file,
            )
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    return tuple(names), configs
