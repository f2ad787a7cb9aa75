"""The one place that renders templates (Jinja2 templates of Markdown pages)."""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from generator import urls
from generator.errors import GeneratorError
from generator.model import Article, Section
from generator.render.linking import ROOT, for_page
from generator.text.mdtext import escape_inline, escape_line, rebase_links

_MONTHS_DE = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip


def date_de(value: dt.date) -> str:
    """German long date: 4. März 2025."""
    return f"{value.day}. {_MONTHS_DE[value.month - 1]} {value.year}"


def web_link(url: str, text: str | None = None) -> str:
    """A link to a checked outside address (`urls.web_address`) as inline HTML, which no
    character of the address can break out of (Markdown's link syntax stops at parentheses)."""
    return f'<a href="{html.escape(url)}">{escape_inline(text or url)}</a>'


def meta_value(text: str) -> str:
    """A front matter value that Material writes into an HTML attribute as it is (`<meta
    name="description" content="…">`): HTML-escaped here, once, and quoted for YAML (a JSON
    string is a YAML scalar)."""
    return json.dumps(html.escape(" ".join(text.split())), ensure_ascii=False)


def text_html(text: str) -> str:
    """Text as HTML text (what Python-Markdown makes of escaped text; quotes stay)."""
    return html.escape(text, quote=False)


def site_href(src_uri: str, anchor: str | None = None) -> str:
    """The address of a page (and anchor) from the site root, for HTML that a page gets through a
    block (`Renderer`): it starts at `linking.ROOT`, which `for_page` turns into the way up from
    the page it lands on. HTML-escaped, to stand in an attribute as it is."""
    address = ROOT + quote(urls.page_path(src_uri), safe="/") + (f"#{anchor}" if anchor else "")
    return html.escape(address)


BLOCK_TOKEN = re.compile(r"<p>KNBLOCK(\d+)X</p>")
"""What MkDocs makes of a block token: the plugin puts the block's HTML in its place."""
MARKDOWN_BLOCK_TOKEN = re.compile(r"KNBLOCK(\d+)X")
"""A block token in a page's Markdown."""


class Renderer:
    """Renders the page templates in one folder; templates see `link()` bound to their page.

    A section's body (rendered once, `linking.SectionRenderer`) goes into a page either as
    raw HTML (`inline_html`, for an export that plain MkDocs builds) or as a token paragraph
    `KNBLOCK<n>X` that the MkDocs plugin replaces with `blocks[n]` after MkDocs converted the
    page: MkDocs then converts only the short page around the sections. Templates put their
    own long lists of links the same way, as HTML written in a `{% call html() %}` block with
    `href()` for addresses and the `text` filter for text: Python-Markdown would spend more on
    a list of a thousand links than on the rest of the page."""

    def __init__(self, templates_dir: Path, *, inline_html: bool = False):
        self.templates_dir = templates_dir
        self.inline_html = inline_html
        self.blocks: list[str] = []
        """HTML of the sections' parts, by token number (links start at `linking.ROOT`)."""
        self._numbers: dict[tuple[str, int, int], int] = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # the output is Markdown; text goes through the `md` filter
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["md"] = escape_inline
        # Text that starts a line ("1. FC Köln …" is no list, "- - -" no rule).
        self.env.filters["line"] = escape_line
        self.env.filters["cell"] = lambda text: escape_inline(text).replace("|", "&#124;")
        self.env.filters["weblink"] = web_link
        self.env.filters["meta"] = meta_value
        # Escaped, because "4. März" at the start of a line would be an ordered list.
        self.env.filters["date_de"] = lambda value: escape_line(date_de(value))
        # For HTML blocks (`{% call html() %}`): text escaped for HTML, the date as text.
        self.env.filters["text"] = text_html
        self.env.filters["date_text"] = lambda value: text_html(date_de(value))

    def render(self, template: str, src_uri: str, **context: Any) -> str:
        """Render `template` for the page at `src_uri`."""
        link = functools.partial(urls.link, src_uri)

        def moved(markdown: str, written_in: str) -> str:
            """Markdown written for page `written_in`, with its relative links fixed for this page."""
            if written_in == src_uri:
                return markdown
            return rebase_links(markdown, lambda target: urls.rebase(target, written_in, src_uri))

        def html_block(caller: Callable[[], str]) -> str:
            """`{% call html() %}<ul>…</ul>{% endcall %}`: HTML that MkDocs does not convert."""
            content = caller().strip("\n")
            # The line break that `trim_blocks` takes after `{% endcall %}` comes back.
            if self.inline_html:
                return for_page(content, src_uri) + "\n"
            self.blocks.append(content)
            return f"KNBLOCK{len(self.blocks) - 1}X\n"

        def body(article: Article, section: Section) -> str:
            """The section's body on this page: its `###` headings as Markdown, the rest as HTML."""
            out = []
            for index, (kind, text) in enumerate(section.body):
                if kind == "heading":
                    out.append(moved(text, article.source_uri))
                elif self.inline_html:
                    out.append(for_page(text, src_uri).strip("\n"))
                else:
                    out.append(f"KNBLOCK{self._number(article, section, index, text)}X")
            return "\n\n".join(out)

        try:
            return self.env.get_template(template).render(
                link=link,
                moved=moved,
                body=body,
                html=html_block,
                href=site_href,
                urls=urls,
                **context,
            )
        except jinja2.TemplateSyntaxError as exc:
            raise GeneratorError(
                f"template error: {exc.message}. Fix the template.",
                path=self.templates_dir / (exc.name or template),
                line=exc.lineno,
            ) from None
        except jinja2.TemplateNotFound as exc:
            raise GeneratorError(
                f"template `{exc.name}` not found. Restore it or fix `templates` in mkdocs.yml.",
                path=self.templates_dir,
            ) from None
        except (jinja2.TemplateError, TypeError, AttributeError, ValueError) as exc:
            raise GeneratorError(
                f"template error while rendering {src_uri}: {exc}. Fix the template.",
                path=self.templates_dir / template,
                line=_template_line(exc, template),
            ) from None

    def _number(self, article: Article, section: Section, index: int, html: str) -> int:
        key = (article.stem, section.number, index)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self.blocks)
            self.blocks.append(html)
        return number


def _template_line(exc: BaseException, template: str) -> int | None:
    """Line of the template in the traceback of a rendering error, if any."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(template):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
