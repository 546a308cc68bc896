"""The configuration screens (Django admin) that admins use to edit configuration data."""

import pytest

pytestmark = pytest.mark.django_db

SCREENS = [
    "/admin/cases/casetype/",
    "/admin/cases/casestatus/",
    "/admin/cases/assignmentrule/",
    "/admin/cases/assignmentrule/add/",
    "/admin/accounts/team/",
    "/admin/accounts/role/",
    "/admin/accounts/user/",
    "/admin/outcomes/outcomedefinition/",
    "/admin/audit/auditevent/",
]


@pytest.mark.parametrize("path", SCREENS)
def test_an_admin_opens_every_configuration_screen(client, admin, path):
    client.force_login(admin)
    assert client.get(path).status_code == 200


def test_a_caseworker_cannot_open_the_configuration_screens(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/admin/cases/assignmentrule/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
