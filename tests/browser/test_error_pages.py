"""The error pages that render without the database (one layout: 400, 403, 413, 500, 503) pass axe-core
and say which language they are in."""

import pytest

from citysite.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("path", "language"), [("/search/?q=%00", "pl"), ("/uk/search/?q=%00", "uk")])
def test_the_bad_request_page_is_accessible(page, home_page, assert_accessible, path, language):
    response = page.goto(path)

    assert response.status == 400
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.urls("tests.error_urls")
def test_the_forbidden_page_is_accessible(logged_in_page, home_page, assert_accessible):
    page = logged_in_page(UserFactory(display_name="Olena"))

    response = page.goto("/en/refused/")

    assert response.status == 403
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)
