"""The configuration screens (the Django admin in Casework's look) and the outcome definitions' reorder."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from casework.audit.models import AuditEvent
from casework.outcomes import services
from casework.outcomes.models import OutcomeDefinition
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

CONFIGURATION = [
    "cases_casetype",
    "cases_casestatus",
    "cases_assignmentrule",
    "outcomes_outcomedefinition",
    "accounts_team",
    "accounts_user",
    "accounts_role",
]


@pytest.fixture
def outcomes(admin) -> list[OutcomeDefinition]:
    return [
        services.create_definition(actor=admin, key=key, name=name)
        for key, name in (("housed", "Housed"), ("employed", "Employed"), ("debt-free", "Debt free"))
    ]


def order() -> list[str]:
    return list(OutcomeDefinition.objects.in_display_order().values_list("key", flat=True))


REORDER = reverse("admin:outcomes_outcomedefinition_reorder")


@pytest.mark.parametrize("model", CONFIGURATION)
def test_each_configuration_screen_lists_and_adds_in_the_casework_look(client_as, admin, model):
    client = client_as(admin)
    for view in ("changelist", "add"):
        response = client.get(reverse(f"admin:{model}_{view}"))
        assert response.status_code == 200, (model, view)
        page = response.content.decode()
        assert '<span class="casework-brand">Casework</span>' in page
        assert "admin-theme/casework-admin.css" in page
        assert f'href="{reverse("web:dashboard")}"' in page and "Back to Casework" in page


def test_the_admin_theme_and_the_reorder_script_are_static_files_of_the_app():
    assert finders.find("admin-theme/casework-admin.css")
    assert finders.find("admin-theme/outcome-order.js")


def test_the_outcome_list_offers_the_order_with_move_buttons(client_as, admin, outcomes):
    page = client_as(admin).get(reverse("admin:outcomes_outcomedefinition_changelist")).content.decode()
    assert 'id="outcome-order-list"' in page and "admin-theme/outcome-order.js" in page
    assert f'value="{outcomes[1].pk}:up"' in page and "Move Employed up" in page
    assert page.index("Housed") < page.index("Employed") < page.index("Debt free")


def test_moving_an_outcome_up_without_a_script_saves_the_order_through_the_service(
    client_as, admin, outcomes
):
    response = client_as(admin).post(REORDER, {"move": f"{outcomes[2].pk}:up"})
    assert response.status_code == 302
    assert order() == ["housed", "debt-free", "employed"]
    event = AuditEvent.objects.get(verb="outcome_definitions.reordered")
    assert event.actor == admin and event.data["ordered_keys"] == order()


def test_the_script_posts_the_whole_order_and_gets_json(client_as, admin, outcomes):
    ids = [str(outcomes[i].pk) for i in (2, 0, 1)]
    response = client_as(admin).post(REORDER, {"ordered_ids": ids}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["orderedIds"] == ids
    assert order() == ["debt-free", "housed", "employed"]


def test_an_incomplete_or_garbled_order_is_refused_and_nothing_moves(client_as, admin, outcomes):
    client = client_as(admin)
    response = client.post(REORDER, {"ordered_ids": [outcomes[1].pk]}, HTTP_ACCEPT="application/json")
    assert response.status_code == 422
    assert "every outcome" in response.json()["message"]
    response = client.post(REORDER, {"ordered_ids": ["not-an-id"]}, HTTP_ACCEPT="application/json")
    assert response.status_code == 422
    assert order() == ["housed", "employed", "debt-free"]
    assert not AuditEvent.objects.filter(verb="outcome_definitions.reordered").exists()


def test_reordering_needs_the_manage_permission_a_post_and_the_csrf_token(client_as, admin, outcomes):
    # Staff in the admin, but their role does not manage outcomes.
    other = UserFactory(
        email="staff.manager@example.org", role_id="manager", is_staff=True, is_superuser=True
    )
    assert client_as(other).post(REORDER, {"move": f"{outcomes[2].pk}:up"}).status_code == 403
    # Not staff: the admin's sign-in page.
    manager = UserFactory(email="plain.manager@example.org", role_id="manager")
    assert client_as(manager).post(REORDER, {"move": f"{outcomes[2].pk}:up"}).status_code == 302
    assert client_as(admin).get(REORDER).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin)
    assert strict.post(REORDER, {"move": f"{outcomes[2].pk}:up"}).status_code == 403
    assert order() == ["housed", "employed", "debt-free"]


def test_outcomes_added_and_changed_in_the_admin_go_through_the_service_and_are_audited(client_as, admin):
    client = client_as(admin)
    fields = {
        "description": "",
        "category": "Housing",
        "is_active": "on",
        "is_reportable": "on",
        "sort_order": "0",
    }
    response = client.post(
        reverse("admin:outcomes_outcomedefinition_add"), {"key": "Housed Now", "name": "Housed", **fields}
    )
    assert response.status_code == 200
    assert "A key is 1-150 lowercase letters" in response.content.decode()
    response = client.post(
        reverse("admin:outcomes_outcomedefinition_add"), {"key": "housed", "name": "Housed", **fields}
    )
    assert response.status_code == 302
    definition = OutcomeDefinition.objects.get(key="housed")
    assert AuditEvent.objects.filter(verb="outcome_definition.created", target_id=str(definition.pk)).exists()
    response = client.post(
        reverse("admin:outcomes_outcomedefinition_change", args=[definition.pk]),
        {"name": "Stably housed", **fields},
    )
    assert response.status_code == 302
    assert OutcomeDefinition.objects.get(pk=definition.pk).name == "Stably housed"
    event = AuditEvent.objects.get(verb="outcome_definition.updated")
    assert event.actor == admin and event.data["fields"] == ["name"]
