"""List and detail pages run the same number of SQL queries whatever the amount of content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from home import factories

QUERY_BUDGET = 40


def _queries_for(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


LISTS = {
    "news_index": (factories.NewsIndexPageFactory, factories.NewsPageFactory),
    "event_index": (factories.EventIndexPageFactory, factories.EventPageFactory),
    "working_group_index": (factories.WorkingGroupIndexPageFactory, factories.WorkingGroupPageFactory),
    "good_practice_index": (factories.GoodPracticeIndexPageFactory, factories.GoodPracticePageFactory),
    "consultation_index": (ConsultationIndexPageFactory, ConsultationPageFactory),
}


@pytest.mark.parametrize("kind", LISTS)
def test_list_page_query_count_does_not_grow_with_content(
    client, home_page, kind, django_assert_max_num_queries
):
    index_factory, child_factory = LISTS[kind]
    index = index_factory(parent=home_page)
    child_factory.create_batch(3, parent=index)
    few = _queries_for(client, index.get_url())
    child_factory.create_batch(30, parent=index)
    many = _queries_for(client, index.get_url())
    assert many == few
    with django_assert_max_num_queries(QUERY_BUDGET):
        client.get(index.get_url())


def test_home_page_query_count_does_not_grow_with_content(client, home_page, django_assert_max_num_queries):
    news = factories.NewsIndexPageFactory(parent=home_page)
    events = factories.EventIndexPageFactory(parent=home_page)
    consultations = ConsultationIndexPageFactory(parent=home_page)
    for factory, parent in ((factories.NewsPageFactory, news), (factories.EventPageFactory, events)):
        factory.create_batch(2, parent=parent)
    ConsultationPageFactory.create_batch(2, parent=consultations)
    few = _queries_for(client, "/")
    for factory, parent in ((factories.NewsPageFactory, news), (factories.EventPageFactory, events)):
        factory.create_batch(20, parent=parent)
    ConsultationPageFactory.create_batch(20, parent=consultations)
    assert _queries_for(client, "/") == few
    with django_assert_max_num_queries(QUERY_BUDGET):
        client.get("/")


def test_search_query_count_does_not_grow_with_results(client, home_page):
    factories.StandardPageFactory.create_batch(3, parent=home_page, title="Lublin dla wszystkich")
    few = _queries_for(client, "/search/?q=Lublin")
    factories.StandardPageFactory.create_batch(40, parent=home_page, title="Lublin dla wszystkich")
    assert _queries_for(client, "/search/?q=Lublin") == few
