def test_home_page_renders(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="pl"' in response.content


def test_group_fixtures_put_users_in_their_group(editor, ombudsperson):
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert list(ombudsperson.groups.values_list("name", flat=True)) == ["Ombudsperson"]
