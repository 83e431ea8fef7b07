"""One answer with its section comments, where analysts label them (dimensions, tags, quoting)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from citysite.access import may
from citysite.participation.models import Comment

from .. import exports
from ..models import Answer, DraftSection
from .common import ConsultationScreenMixin, short_datetime
from .forms import TaggingForm


class AnswerDetailView(ConsultationScreenMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/answer_detail.html"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and not may(request.user, "consultations.tag_answers"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def answer(self):
        section_type = ContentType.objects.get_for_model(DraftSection)
        answers = Answer.objects.filter(consultation_key=self.page.translation_key).prefetch_related(
            Prefetch(
                "comments",
                queryset=Comment.objects.filter(target_type=section_type)
                .order_by("created_at", "pk")
                .prefetch_related("dimensions", "tags"),
            ),
            "dimensions",
            "tags",
        )
        return get_object_or_404(answers.select_related("page__locale"), pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Answer no. %(number)s") % {"number": self.answer.pk}

    def forms(self, data=None):
        answer_form = TaggingForm(data, instance=self.answer, prefix="answer")
        comment_forms = [
            TaggingForm(data, instance=comment, prefix=f"comment-{comment.pk}")
            for comment in self.answer.comments.all()
        ]
        return answer_form, comment_forms

    def get_context_data(self, **kwargs):
        answer = self.answer
        if "answer_form" not in kwargs:
            kwargs["answer_form"], kwargs["comment_forms"] = self.forms()
        sections = {section.pk: section for section in exports.sections_of(self.page.translation_key)}
        responses = answer.responses if isinstance(answer.responses, dict) else {}
        questions = exports.questions_of(self.page)
        known = {question.id for question in questions}
        rows = [
            {"label": question.label, "value": question.display(responses.get(question.id))}
            for question in questions
        ]
        rows += [
            {"label": _("A question no longer in the questionnaire"), "value": value}
            for question_id, value in responses.items()
            if question_id not in known
        ]
        comments = [
            {"comment": form.instance, "section": sections.get(form.instance.target_id), "form": form}
            for form in kwargs["comment_forms"]
        ]
        description = answer.self_description if isinstance(answer.self_description, dict) else {}
        return super().get_context_data(
            answer=answer,
            responses=rows,
            comments=comments,
            self_description=[
                {"label": label, "value": exports.self_description_value(key, description[key])}
                for key, label in exports.self_description_questions()
                if description.get(key) not in (None, "", [])
            ],
            submitted_at=short_datetime(answer.submitted_at),
            updated_at=short_datetime(answer.updated_at),
            may_tag=may(self.request.user, "consultations.tag_answers"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        answer_form, comment_forms = self.forms(request.POST)
        if not all([answer_form.is_valid(), *(form.is_valid() for form in comment_forms)]):
            messages.error(request, _("The tags could not be saved; please correct the errors below."))
            context = self.get_context_data(answer_form=answer_form, comment_forms=comment_forms)
            return self.render_to_response(context, status=400)
        with transaction.atomic():
            for form in [answer_form, *comment_forms]:
                form.save()
        messages.success(request, _("Tags of answer no. %(number)s saved.") % {"number": self.answer.pk})
        return redirect(self.url("answer", self.answer.pk))
