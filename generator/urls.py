"""Every slug and every page path of the site comes from here.

Paths are MkDocs source URIs (`src_uri`): always `/`-separated and relative
to the docs folder, never OS paths. Pages link to each other with relative
`.md` links, which MkDocs checks under `--strict` and rewrites to URLs; the
same Markdown stays valid for any other engine that reads an exported folder.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug with German umlauts transliterated: "Für KI" -> "fuer-ki"."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    return _NON_SLUG.sub("-", ascii_text.lower()).strip("-")


HOME = "index.md"
THEMES_INDEX = "themes/index.md"
ARTICLES_INDEX = "articles/index.md"
QUOTES_INDEX = "quotes/index.md"
GRAPH = "graph/index.md"


def source_uri(relative: Path) -> str:
    """The source URI of a file below the docs folder (its place, `/`-separated)."""
    return relative.as_posix()


def page_path(src_uri: str) -> str:
    """Where a page is published below the site root, with directory URLs:
    `articles/x.md` -> `articles/x/`, `people/index.md` -> `people/`, `index.md` -> ``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


def to_root(src_uri: str) -> str:
    """The relative way from the built page of `src_uri` up to the site root (`../../`)."""
    return "../" * page_path(src_uri).count("/")


def theme_page(key: str, page: int = 1) -> str:
    """Source URI of a theme page: `themes/<key>/`, then `themes/<key>/2/`, … on the site."""
    return f"themes/{key}.md" if page == 1 else f"themes/{key}/{page}.md"


def articles_index(page: int = 1) -> str:
    """Source URI of the article index: `articles/`, then `articles/seite/2/`, …"""
    return ARTICLES_INDEX if page == 1 else f"articles/seite/{page}.md"


def article_page(stem: str) -> str:
    """Source URI of an article page: `articles/<file-stem>/` on the site."""
    return f"articles/{stem}.md"


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative Markdown link target from one page's source URI to another's."""
    target = _relative(to_page, from_page.rpartition("/")[0])
    return f"{target}#{anchor}" if anchor else target


def _plain(path: str) -> bool:
    """No empty, `.` or `..` segment: nothing for `relpath` to normalise."""
    return all(part not in ("", ".", "..") for part in path.split("/"))


def _relative(path: str, start: str) -> str:
    """`posixpath.relpath(path, start)` for the normalised relative paths of page URIs, without
    its two `abspath` calls (it was a quarter of rendering 1,500 pages)."""
    if not _plain(path) or (start and not _plain(start)):
        return posixpath.relpath(path, start or ".")
    here = start.split("/") if start else []
    there = path.split("/")
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def rebase(target: str, written_in: str, shown_in: str) -> str:
    """A relative link `target` written in page `written_in`, as seen from page `shown_in`.

    A bare `#anchor` keeps pointing at the page it was written in.
    """
    path, _, anchor = target.partition("#")
    absolute = posixpath.normpath(
        posixpath.join(posixpath.dirname(written_in), path or posixpath.basename(written_in))
    )
    return link(shown_in, absolute, anchor or None)


def entity_page(folder: str, entity_id: str) -> str:
    """Source URI of an entity page: `<folder>/<slug>/` on the site (`people/arthur-mensch/`)."""
    return f"{folder}/{entity_id}.md"


def entity_index(folder: str, page: int = 1) -> str:
    """Source URI of the index of one entity type: `people/`, then `people/seite/2/`, …"""
    return f"{folder}/index.md" if page == 1 else f"{folder}/seite/{page}.md"


def quotes_index(page: int = 1) -> str:
    """Source URI of the quote index: `quotes/`, then `quotes/seite/2/`, …"""
    return QUOTES_INDEX if page == 1 else f"quotes/seite/{page}.md"


def site_url(from_page: str, to_page: str) -> str:
    """A relative URL between the built pages (directory URLs), for raw HTML, which MkDocs
    does not rewrite: `people/arthur-mensch.md` seen from `graph/index.md` is
    `../people/arthur-mensch/`."""

    here, there = page_path(from_page), page_path(to_page)
    relative = posixpath.relpath(there or ".", here or ".")
    return "./" if relative == "." else relative + "/"


_HOST = re.compile(r"(?:[\w-]+\.)*[\w-]+\.?(?::\d{1,5})?|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
# What may stand in a URL's path, query and fragment as it is (RFC 3986: unreserved,
# sub-delims, ":", "@", "/", "?" and percent escapes). Everything else is percent-encoded, so
# that no address can end a Markdown table cell or link, or an HTML attribute.
_URL_SAFE = "-._~!$&'()*+,;=:@/?%"


def web_address(value: str) -> str:
    """An address of the outside web, checked with a URL parser and percent-encoded where a
    character may not stand in a URL (`"`, `<`, `|`, `[`, spaces in the path …).

    Raises `ValueError` saying what is wrong: another scheme than http or https
    (`javascript:`), no host, whitespace or control characters.
    """
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in value):
        raise ValueError("it contains spaces or invisible characters")
    try:
        parts = urlsplit(value)
    except ValueError as exc:
        raise ValueError(f"it is no valid address ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValueError("it must start with http:// or https://")
    if not _HOST.fullmatch(parts.netloc):
        raise ValueError("it must name a host after the //, like https://example.org/")

    def encode(part: str) -> str:
        return quote(_BAD_ESCAPE.sub("%25", part), safe=_URL_SAFE)

    return urlunsplit((scheme, parts.netloc, encode(parts.path), encode(parts.query), encode(parts.fragment)))
