"""Similar proposals, shown while a title is typed and again before saving, to prevent duplicates.

On PostgreSQL this is pg_trgm's trigram similarity, computed in the database. Elsewhere (SQLite for the
demo) the same measure is computed in Python over the index's titles: pg_trgm's trigrams are those of
each lower-cased word padded with two spaces in front and one behind, and similarity is the number of
shared trigrams over the number of distinct trigrams of both."""

import re

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection

from .models import PUBLIC_STATUSES, Proposal

SIMILARITY_THRESHOLD = 0.3
MAX_SUGGESTIONS = 5
MIN_TITLE_LENGTH = 4
# pg_trgm's words are runs of letters and digits (not underscores).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def trigrams(text: str) -> set[str]:
    grams = set()
    for word in _WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_similarity(first: str, second: str) -> float:
    a, b = trigrams(first), trigrams(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similar_proposals(index_key, title: str, *, exclude_pk=None, limit=MAX_SUGGESTIONS) -> list[Proposal]:
    """Public proposals of an index whose titles are most like `title`, most similar first, each with
    `.similarity` (0 to 1)."""
    title = title.strip()
    if len(title) < MIN_TITLE_LENGTH:
        return []
    candidates = Proposal.objects.filter(index_key=index_key, status__in=PUBLIC_STATUSES)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    if connection.vendor == "postgresql":
        return list(
            candidates.annotate(similarity=TrigramSimilarity("title", title))
            .filter(similarity__gte=SIMILARITY_THRESHOLD)
            .order_by("-similarity", "-created_at")[:limit]
        )
    scored = []
    for pk, candidate_title in candidates.values_list("pk", "title").iterator(chunk_size=2000):
        score = trigram_similarity(title, candidate_title)
        if score >= SIMILARITY_THRESHOLD:
            scored.append((score, pk))
    scored.sort(key=lambda item: (-item[0], -item[1]))
    best = {pk: score for score, pk in scored[:limit]}
    proposals = {proposal.pk: proposal for proposal in candidates.filter(pk__in=best)}
    for pk, score in best.items():
        proposals[pk].similarity = score
    return [proposals[pk] for pk in best]
