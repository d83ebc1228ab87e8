"""The topic filter: whether an article is Indonesian news about worker social security.

A news crawl holds every page a site served: sport, gossip, English editions, index
pages. The graph is about how regional governments protect workers through BPJS
Ketenagakerjaan, so from such input only the articles that are in Indonesian and name
worker social security (one cue of kg/data/topic_cues.txt: BPJS Ketenagakerjaan,
Jamsostek, Paritrana, JKK ...) are kept. An article about a regional government that
names none of them is off-topic: the graph has nothing to say about it.

The check is cheap, so that it can run before extraction on every page of a crawl: the
language is told by the share of Indonesian function words (kg/data/stopwords_id.txt),
and an HTML page is read as the visible text of its title and main element, not its
menus and side bars, where other articles' headlines would give false cues.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from kg.lexicon import words
from kg.model import RawDocument

NOT_INDONESIAN = "not Indonesian"
NO_CUE = "no topic cue"
MIN_FUNCTION_WORDS = 5  # fewer Indonesian function words than this is too little text to call it Indonesian
MIN_FUNCTION_SHARE = 0.08  # Indonesian news: about one word in five; English text about Indonesia: none
WORD = re.compile(r"[^\W\d_]+")
# elements that are never the article: scripts, and the page's navigation, side bars and forms
NOT_CONTENT = ("script", "style", "noscript", "template", "nav", "aside", "form", "footer", "iframe")
MAIN = ("//article", "//main", "//body")


@dataclass
class TopicTally:
    """What the topic filter did in a build: articles kept, and articles skipped by reason."""

    kept: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def off_topic_reason(doc: RawDocument) -> str | None:
    """Why a document is off-topic (NOT_INDONESIAN, NO_CUE), or None when it is on topic."""
    text = topic_text(doc)
    if not is_indonesian(text):
        return NOT_INDONESIAN
    if not has_topic_cue(text):
        return NO_CUE
    return None


def is_indonesian(text: str) -> bool:
    """Whether enough of a text's words are Indonesian function words for it to be Indonesian."""
    tokens = WORD.findall(text.casefold())
    hits = sum(token in _function_words() for token in tokens)
    return hits >= MIN_FUNCTION_WORDS and hits >= MIN_FUNCTION_SHARE * len(tokens)


def has_topic_cue(text: str) -> bool:
    """Whether a text names worker social security (a cue of kg/data/topic_cues.txt)."""
    return any(pattern.search(text) for pattern in _cue_patterns())


@cache
def _function_words() -> frozenset[str]:
    return words("stopwords_id.txt")


@cache
def _cue_patterns() -> tuple[re.Pattern[str], ...]:
    """One pattern for the acronyms (matched in capitals only), one for the other cues (in any case)."""
    acronyms = sorted(cue for cue in words("topic_cues.txt") if cue == cue.upper())
    phrases = sorted(cue for cue in words("topic_cues.txt") if cue != cue.upper())
    return tuple(
        re.compile(rf"(?<!\w)(?:{'|'.join(_cue_regex(cue) for cue in cues)})(?!\w)", flags)
        for cues, flags in ((acronyms, re.NOFLAG), (phrases, re.IGNORECASE))
        if cues
    )


def _cue_regex(cue: str) -> str:
    return r"\s+".join(re.escape(part) for part in cue.split())


def topic_text(doc: RawDocument) -> str:
    """The text the filter reads: the title and the text, or for HTML its title and main element."""
    if doc.text is not None and doc.text.strip():
        return "\n".join(filter(None, (doc.title, doc.text)))
    return "\n".join(filter(None, (doc.title, visible_text(doc.html or ""))))


def visible_text(html: str) -> str:
    """The text of a page's <title> and of its main element (the first <article>, <main> or <body>).

    Within it, scripts, navigation, side bars, forms and footers are left out; outside an
    <article>, so is the page's <header>. An HTML parser that finds no document gives "".
    """
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(
            html.encode("utf-8", "replace"), parser=lxml_html.HTMLParser(encoding="utf-8")
        )
    except (etree.ParserError, ValueError):
        return ""
    title = tree.findtext(".//title") or ""
    main = next((found[0] for path in MAIN if (found := tree.xpath(path))), tree)
    dropped = NOT_CONTENT if main.tag == "article" else (*NOT_CONTENT, "header")
    for element in main.xpath(" | ".join(f".//{tag}" for tag in dropped)):
        element.drop_tree()
    return f"{title}\n{main.text_content()}"
