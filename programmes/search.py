"""The catalogue's search: what people type finds the programmes they mean.

On PostgreSQL each word is looked up with full-text search (English: "phonic" finds "phonics",
"years" finds "year"), widened by the alliance's synonyms ("maths" finds "mathematics", "EYFS"
finds "early years"), and with trigram similarity on titles and summaries for typos
("mathmatics"); results come best match first. SQLite (the demo) keeps a plain contains-search.
"""

from __future__ import annotations

import re
from functools import reduce
from operator import or_

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Upper

from programmes.models import Programme

# Words schools use for the same thing. Each group is one meaning; a word or phrase in a
# group finds every other.
SYNONYMS: list[tuple[str, ...]] = [
    ("maths", "mathematics"),
    ("eyfs", "early years"),
    ("send", "special educational needs"),
    ("ta", "teaching assistant"),
    ("nqt", "ect", "early career"),
]
MOST_WORDS = 5
# Shorter words match too much of other words: "ar" as a prefix, "art" by trigram.
SHORTEST_PREFIX = 3
SHORTEST_FUZZY_WORD = 4
CONFIG = "english"

# Each programme's words are in ``Programme.search_vector``, weighted as the catalogue shows
# them (a word in the title counts most) and kept by a trigger (migration 0013).

_GROUP_OF = {term: group for group in SYNONYMS for term in group}
_PHRASES = sorted((term for term in _GROUP_OF if " " in term), key=len, reverse=True)


def search_terms(text: str) -> list[str]:
    """The words (or known phrases, such as "early years") of what was typed, lower case, at
    most five, without punctuation that would mean something to the search."""
    text = " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())
    terms: list[str] = []
    for phrase in _PHRASES:
        if re.search(rf"\b{phrase}\b", text):
            terms.append(phrase)
            text = re.sub(rf"\b{phrase}\b", " ", text)
    # "TAs" and "ECTs" are the plural of a short name the English stemmer does not know.
    terms += [_singular(word) for word in text.split()]
    # "NQT/ECT" is one meaning, asked once.
    meanings: dict[str, str] = {}
    for term in terms:
        meanings.setdefault(_GROUP_OF.get(term, (term,))[0], term)
    return list(meanings.values())[:MOST_WORDS]


def _singular(word: str) -> str:
    if word not in _GROUP_OF and word.endswith("s") and word[:-1] in _GROUP_OF:
        return word[:-1]
    return word


def _tsquery(term: str) -> str:
    """One term as a ``to_tsquery`` expression: its synonyms ORed, phrases as phrases, and a
    plain word also as a prefix, so a half-typed word finds the whole one."""

    def phrase(words: str) -> str:
        return " <-> ".join(words.split())

    if term in _GROUP_OF:
        return " | ".join(f"({phrase(t)})" for t in _GROUP_OF[term])
    if len(term) >= SHORTEST_PREFIX:
        return f"{term}:*"
    return term


def _contains(word: str) -> Q:
    return Q(title__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word)


def _only_stop_words(tsquery: str) -> RawSQL:
    return RawSQL(
        "numnode(to_tsquery(%s::regconfig, %s)) = 0", (CONFIG, tsquery), output_field=BooleanField()
    )


def _similar_to(word: str) -> QuerySet:
    """The programmes whose title or summary holds something like ``word`` (a typo). A query of
    its own, read from the trigram indexes on the uppercased columns (0006): ORed into the
    search's WHERE, the similarity was worked out for every programme (3 s at 27,000)."""
    word = word.upper()
    title = Programme.objects.filter(TrigramWordSimilar(Upper("title"), word)).values("pk")
    summary = Programme.objects.filter(TrigramWordSimilar(Upper("summary"), word)).values("pk")
    return title.union(summary)


def search_programmes(programmes: QuerySet, text: str) -> QuerySet:
    """The programmes matching every term of ``text``; on PostgreSQL, best match first."""
    terms = search_terms(text)
    if not terms:
        return programmes
    if connection.vendor != "postgresql":
        for term in terms:
            programmes = programmes.filter(
                reduce(or_, (_contains(word) for word in _GROUP_OF.get(term, (term,))))
            )
        return programmes
    tsqueries = [_tsquery(term) for term in terms]
    queries = [SearchQuery(ts, search_type="raw", config=CONFIG) for ts in tsqueries]
    for term, tsquery, query in zip(terms, tsqueries, queries, strict=True):
        # A word the English configuration ignores ("the", "for") narrows nothing.
        match = Q(search_vector=query) | Q(_only_stop_words(tsquery))
        if len(term) >= SHORTEST_FUZZY_WORD and term not in _GROUP_OF:
            match |= Q(pk__in=_similar_to(term))
        programmes = programmes.filter(match)
    rank = SearchRank(F("search_vector"), reduce(or_, queries))
    return programmes.alias(rank=rank).order_by("-rank", "next_starts_at", "id")
