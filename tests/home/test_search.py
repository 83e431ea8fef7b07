from home import factories


def test_search_finds_live_pages_in_the_current_language_only(client, translated_home, locales):
    page = factories.StandardPageFactory(
        parent=translated_home["pl"], title="Kawiarenka językowa Café Dialog"
    )
    english = page.copy_for_translation(locales["en"])
    english.title = "Café Dialog language café"
    english.save_revision().publish()
    hidden = factories.StandardPageFactory(parent=translated_home["pl"], title="Café Dialog szkic")
    hidden.unpublish()

    html = client.get("/search/", {"q": "Café Dialog"}).content.decode()
    assert page.title in html
    assert english.title not in html
    assert hidden.title not in html

    html_en = client.get("/en/search/", {"q": "Café Dialog"}).content.decode()
    assert english.title in html_en
    assert page.title not in html_en


def test_empty_search_shows_the_form_without_results(client, home_page):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert "search-results" not in response.content.decode()


def test_overlong_query_is_cut_not_refused(client, home_page):
    response = client.get("/search/", {"q": "a" * 5000})
    assert response.status_code == 200
