"""`/healthz` for load balancers and monitoring: does the database answer, does the shared cache answer,
how many e-mails gave up, how many background tasks wait. JSON, never cached.

503 only when the database does not answer: nothing works without it. A shared cache (Redis) that is
away is reported as "degraded" with 200, since the site carries on from each process's memory
(citysite/cache.py) and a load balancer must not take every web process out because of it.

Cheap by design: one `SELECT 1`, one cache round trip, two counts over indexed columns; no session, no
page tree."""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult

from citysite.cache import cache_is_healthy
from citysite.mailqueue.models import DeliveryStatus, OutgoingEmail

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    report = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        report["failed_emails"] = OutgoingEmail.objects.filter(status=DeliveryStatus.FAILED).count()
        report["tasks_waiting"] = DBTaskResult.objects.ready().count()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        report["database"] = "unavailable"
    if not _cache_answers():
        report["cache"] = "unavailable"

    if report["database"] != "ok":
        report["status"] = "unavailable"
    elif report["cache"] != "ok":
        report["status"] = "degraded"
    else:
        report["status"] = "ok"
    return JsonResponse(report, status=503 if report["status"] == "unavailable" else 200)


def _cache_answers() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        answered = cache.get(key) == "1"
        cache.delete(key)
    except Exception:  # whatever the cache client raises, the cache is not there
        logger.exception("Health check: the cache does not answer")
        return False
    # The resilient Redis cache answers from memory while Redis is away; it says so here.
    return answered and cache_is_healthy()
