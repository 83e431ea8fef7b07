import pytest


@pytest.mark.parametrize(
    ("prefix", "language", "text"),
    [
        ("", "pl", "Nie znaleziono strony"),
        ("/uk", "uk", "Сторінку не знайдено"),
        ("/ru", "ru", "Страница не найдена"),
    ],
)
def test_not_found_page_is_translated(client, translated_home, prefix, language, text):
    response = client.get(f"{prefix}/nie-ma-takiej-strony/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert text in html


@pytest.mark.parametrize(
    ("prefix", "language", "text"),
    [
        ("", "pl", "Coś poszło nie tak"),
        ("/uk", "uk", "Щось пішло не так"),
        ("/ru", "ru", "Что-то пошло не так"),
    ],
)
def test_server_error_page_is_translated(client, home_page, monkeypatch, prefix, language, text):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("home.views.paginate", broken)
    client.raise_request_exception = False
    response = client.get(f"{prefix}/search/", {"q": "Lublin"})
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert text in html
