"""An Atom feed of the newest articles, built with `feedgenerator` (escaping and dates done right)."""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Sequence

import feedgenerator

from generator import urls
from generator.model import Article
from generator.text.mdtree import TreeBuilder
from generator.text.readable import CONTROL_CHARACTERS
from generator.text.sentences import sentence_bounds

FEED_PATH = "feed.xml"


class _Feed(feedgenerator.Atom1Feed):  # type: ignore[misc]
    def latest_post_date(self) -> dt.datetime:
        """The newest entry's date; for a feed without entries the pinned build date (or
        1970), not the time of the build: two builds of the same sources are the same."""
        if self.items:
            return super().latest_post_date()  # type: ignore[no-any-return]
        return dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0), tz=dt.UTC)


def atom_feed(
    articles: Sequence[Article],
    *,
    site_url: str,
    site_name: str,
    theme_titles: dict[str, str],
    limit: int = 20,
) -> str:
    """The feed of the `limit` newest `articles` (given newest first), with absolute links;
    each entry's categories are the themes of its sections."""
    base = site_url.rstrip("/") + "/"
    feed = _Feed(
        title=site_name,
        link=base,
        description=site_name,
        language="de",
        feed_url=base + FEED_PATH,
    )
    trees = TreeBuilder()
    for article in articles[:limit]:
        link = base + urls.page_path(urls.article_page(article.stem))
        feed.add_item(
            title=article.meta.title,
            link=link,
            unique_id=link,
            description=_as_html(article.meta.summary or _first_sentences(article, trees)),
            author_name=", ".join(article.meta.authors) or None,
            pubdate=_midnight(article.meta.date),
            updateddate=_midnight(article.meta.date),
            categories=sorted({theme_titles.get(s.theme, s.theme) for s in article.sections if s.theme}),
        )
    return str(feed.writeString("utf-8"))


def _as_html(text: str) -> str:
    """Plain text as the HTML that Atom's `<summary type="html">` (feedgenerator's only kind)
    holds: a reader shows "<img …>" in a summary as text, and runs nothing. Characters XML
    cannot hold are dropped (articles are checked for them; this is the last guard)."""
    return html.escape(CONTROL_CHARACTERS.sub("", text), quote=False)


def _midnight(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


def _first_sentences(article: Article, trees: TreeBuilder, count: int = 2) -> str:
    """A plain-text teaser: the first sentences of the article's first paragraph."""
    for section in article.sections:
        for block in trees.block_texts(section.markdown):
            text = " ".join(block.split())
            if not text:  # an HTML comment (the scaffold's note to editors) or an image
                continue
            bounds = sentence_bounds(text)[:count]
            return text[: bounds[-1][1]].strip() if bounds else text
    return ""
