"""Comment threads for display: one query for every comment under a set of targets, arranged into
trees in Python so the number of queries does not grow with the number of comments."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from .models import Comment


def threads_by_target(model, target_ids, *, public_only=True) -> dict[int, list[Comment]]:
    """Top-level comments per target id, each with `.thread_replies` (recursively) filled in."""
    comments = Comment.objects.filter(
        target_type=ContentType.objects.get_for_model(model), target_id__in=list(target_ids)
    ).select_related("author")
    if public_only:
        comments = comments.public()
    children = defaultdict(list)
    roots = defaultdict(list)
    for comment in comments:
        comment.thread_replies = children[comment.pk]
        if comment.parent_id is None:
            roots[comment.target_id].append(comment)
        else:
            children[comment.parent_id].append(comment)
    return roots


def comment_counts(model, target_ids) -> dict[int, int]:
    """All comments per target, published or not (hidden ones included)."""
    rows = (
        Comment.objects.filter(
            target_type=ContentType.objects.get_for_model(model), target_id__in=list(target_ids)
        )
        .values("target_id")
        .annotate(total=Count("pk"))
    )
    return {row["target_id"]: row["total"] for row in rows}
