"""Every case page — the public form, the receipt, the status page and all of case handling, refusals and
redirects included — is kept out of every cache, leaks no address through Referer, and loads nothing from
another site."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from ombudsperson.models import CaseAttachment
from ombudsperson.services import Upload, file_case

from .helpers import PDF_BYTES, form_data, page_url

pytestmark = pytest.mark.django_db


def assert_private(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "no-cache", "private"} <= cache_control, response["Cache-Control"]
    assert response["Pragma"] == "no-cache"
    # Never a Referer to another site; "no-referrer" would make browsers send "Origin: null" with forms,
    # which the CSRF check refuses (see ombudsperson/middleware.py).
    assert response["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


class Addresses(HTMLParser):
    """Every address the page would load or send to: src, href, action, srcset, poster, data, and url() in
    inline styles."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name in ("src", "href", "action", "poster", "data", "formaction"):
                self.found.append((tag, value))
            elif name == "srcset":
                self.found.extend((tag, part.strip().split(" ")[0]) for part in value.split(","))
            elif name == "style":
                self.found.extend((tag, url) for url in re.findall(r"url\(([^)]+)\)", value))


def assert_loads_nothing_from_elsewhere(response):
    parser = Addresses()
    parser.feed(response.content.decode())
    assert parser.found, "no address found: the parser did not run"
    foreign = [
        (tag, value)
        for tag, value in parser.found
        if value.startswith("//")
        or (
            re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I)
            and not value.startswith(("http://testserver/", "http://localhost/", "mailto:"))
        )
    ]
    assert foreign == []
    assert "<script" not in response.content.decode()  # the case pages need no JavaScript at all
    assert "<iframe" not in response.content.decode()


@pytest.fixture
def case_with_attachment():
    case, code = file_case(
        category="work",
        description="opis",
        preferred_language="pl",
        attachment=Upload("a.pdf", "application/pdf", PDF_BYTES),
    )
    return case, code, CaseAttachment.objects.get()


def test_the_public_case_pages_are_private(client, ombudsperson_page, case_with_attachment):
    case, code, _attachment = case_with_attachment
    pages = [
        client.get(page_url(ombudsperson_page)),
        client.post(page_url(ombudsperson_page), form_data(description="")),  # with errors
    ]
    filed = client.post(page_url(ombudsperson_page), form_data())
    pages += [
        filed,
        client.get(page_url(ombudsperson_page, "received")),  # with the code
        client.get(page_url(ombudsperson_page, "received")),  # after it
        client.get(page_url(ombudsperson_page, "status")),
        client.post(page_url(ombudsperson_page, "status"), {"reference": case.reference, "code": "WRONG"}),
        client.post(page_url(ombudsperson_page, "status"), {"reference": case.reference, "code": code}),
        client.get(page_url(ombudsperson_page, "status")),  # the case
        client.post(page_url(ombudsperson_page, "leave_status")),
        client.get(page_url(ombudsperson_page, "leave_status")),  # 405
    ]
    for response in pages:
        assert_private(response)
        if response.status_code == 200:
            assert_loads_nothing_from_elsewhere(response)
    assert pages[3].context["code"]  # the receipt with the code was among them
    assert pages[8].context["case"] == case  # and the status page with the case


def test_only_the_page_with_the_form_may_be_indexed(client, ombudsperson_page):
    assert "X-Robots-Tag" not in client.get(page_url(ombudsperson_page))
    for route in ("received", "status"):
        assert client.get(page_url(ombudsperson_page, route))["X-Robots-Tag"] == "noindex, nofollow"


def handling_paths(case, attachment):
    def to(name, **kwargs):
        return reverse(f"ombudsperson_handling:{name}", kwargs=kwargs or None)

    return [
        to("inbox"),
        to("case", reference=case.reference),
        to("attachment", reference=case.reference, pk=attachment.pk),
        to("audit_log"),
        to("statistics"),
        to("statistics_csv"),
        to("case", reference="RM-ZZZZ-ZZZZ"),  # 404 for the ombudsperson
    ]


def test_case_handling_is_private_for_the_ombudsperson(client, ombudsperson, case_with_attachment):
    case, _code, attachment = case_with_attachment
    client.force_login(ombudsperson)
    for path in handling_paths(case, attachment):
        response = client.get(path)
        assert_private(response)
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            assert_loads_nothing_from_elsewhere(response)
    response = client.post(
        reverse("ombudsperson_handling:add_note", kwargs={"reference": case.reference}), {"note-text": ""}
    )
    assert response.status_code == 400
    assert_private(response)
    assert_loads_nothing_from_elsewhere(response)


@pytest.mark.parametrize("role", [None, "resident", "superuser"])
def test_refusals_and_login_redirects_are_private_too(client, case_with_attachment, role, request):
    case, _code, attachment = case_with_attachment
    if role:
        client.force_login(request.getfixturevalue(role))
    for path in handling_paths(case, attachment):
        response = client.get(path)
        assert response.status_code == (302 if role is None else 403)
        assert_private(response)
