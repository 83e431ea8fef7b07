"""What one resident adds to a proposal, at most once each: support, follow, and their own placement
of it on the matrix. models.py imports these so Django finds them; the proposal is named by its label
("proposals.Proposal") so this module does not import models.py back."""

import statistics

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCORE_RANGE = range(1, 6)
SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def one_per_person(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["proposal", "user"], name=name)


class PersonalMark(models.Model):
    """The person who marked the proposal; each kind of mark names its own `proposal` link, because
    the proposal reaches its marks by a different name (supports, follows, placements)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class Support(PersonalMark):
    proposal = models.ForeignKey("proposals.Proposal", on_delete=models.CASCADE, related_name="supports")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [one_per_person("one_support_per_person")]
        verbose_name = _("support")
        verbose_name_plural = _("supports")

    def __str__(self):
        return f"{self.user_id} → {self.proposal_id}"


class ProposalFollow(PersonalMark):
    proposal = models.ForeignKey("proposals.Proposal", on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [one_per_person("one_follow_per_person")]

    def __str__(self):
        return f"{self.user_id} follows {self.proposal_id}"


class Placement(PersonalMark):
    """A resident's own placement of a proposal on the matrix; the page shows the crowd's median."""

    proposal = models.ForeignKey("proposals.Proposal", on_delete=models.CASCADE, related_name="placements")
    impact = models.PositiveSmallIntegerField(_("impact"), validators=SCORE_VALIDATORS)
    ease = models.PositiveSmallIntegerField(_("ease"), validators=SCORE_VALIDATORS)
    placed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [one_per_person("one_placement_per_person")]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self):
        return f"{self.proposal_id}: impact {self.impact}, ease {self.ease}"


def crowd_medians(placements) -> tuple[float, float] | None:
    """(median impact, median ease) of (impact, ease) pairs, or None when nobody placed it."""
    placements = list(placements)
    if not placements:
        return None
    return (
        statistics.median(impact for impact, _ease in placements),
        statistics.median(ease for _impact, ease in placements),
    )
