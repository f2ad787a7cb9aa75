"""Recognise stage applied to articles: every section's entity mentions with their sentences."""

from __future__ import annotations

import dataclasses
import sys

from generator.analyse.recognise import Recognizer
from generator.model import Article, EntityMention
from generator.text.mdtree import TreeBuilder


def find_mentions(article: Article, recognizer: Recognizer, trees: TreeBuilder) -> Article:
    """Return `article` with `mentions` and `introduced` set on every section.

    The text is walked exactly as the linker walks it (same element tree, same
    skipped elements), so the mentions listed on entity pages are the ones linked.
    """
    introduced: tuple[str, ...] = ()
    sections = []
    # One string for each sentence and name, however many mentions share it: an analysed
    # corpus is held in memory while the site is built (and pickling keeps them shared).
    shared: dict[str, str] = {}
    for section in article.sections:
        before = introduced
        found = []
        for block, slot, view in trees.slots(section.markdown):
            mentions, introduced = recognizer.scan(view.text, introduced, view.excluded)
            for mention in mentions:
                start = block.offset(slot, view, mention.start)
                end = block.offset(slot, view, mention.end - 1) + 1
                sentence = block.sentences.around(start, end)
                sentence = shared.setdefault(sentence, sentence)
                text = shared.setdefault(mention.text, mention.text)
                found.append(EntityMention(sys.intern(mention.entity), text, sentence, mention.others))
        sections.append(dataclasses.replace(section, introduced=before, mentions=tuple(found)))
    return dataclasses.replace(article, sections=tuple(sections))
