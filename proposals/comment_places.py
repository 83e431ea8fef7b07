"""Where a proposal is shown: under its index page, in the reader's language where the index has a live
translation. Also tells the shared comment mechanism where comments on proposals appear."""

from django.conf import settings

from citysite.participation.registry import CommentPlace

from .models import Proposal, ProposalIndexPage


def index_pages_by_key(index_keys, language: str) -> dict:
    """{index translation_key: the live index page in `language`, else Polish, else any}, in one query."""
    pages = {}
    for page in (
        ProposalIndexPage.objects.live().filter(translation_key__in=set(index_keys)).select_related("locale")
    ):
        pages.setdefault(page.translation_key, {})[page.locale.language_code] = page
    return {
        key: translations.get(language)
        or translations.get(settings.LANGUAGE_CODE)
        or next(iter(translations.values()))
        for key, translations in pages.items()
    }


def proposal_path(index_page, proposal_pk: int) -> str:
    return index_page.url + index_page.reverse_subpage("detail_view", args=(proposal_pk,))


def proposal_full_url(proposal: Proposal, language: str) -> str | None:
    index_page = index_pages_by_key([proposal.index_key], language).get(proposal.index_key)
    if index_page is None:
        return None
    return index_page.get_full_url() + index_page.reverse_subpage("detail_view", args=(proposal.pk,))


def locate_proposals(proposals, language: str) -> dict[int, CommentPlace]:
    indexes = index_pages_by_key({proposal.index_key for proposal in proposals}, language)
    places = {}
    for proposal in proposals:
        index_page = indexes.get(proposal.index_key)
        if index_page is None:
            continue
        places[proposal.pk] = CommentPlace(
            label=f"{index_page.title} › {proposal.title}",
            url=index_page.get_full_url() + index_page.reverse_subpage("detail_view", args=(proposal.pk,)),
            is_public=proposal.is_public or proposal.is_hidden,
            accepts_comments=proposal.accepts_comments,
        )
    return places
