"""Farms: list (search, assigned/unassigned, sorted by name), read, create, update and delete."""

import uuid

import pytest

from casework.contacts.models import Contact
from casework.naturecheck.models import Farm, Farmer, NatureCheckCase
from tests.naturecheck.factories import FarmFactory, NatureCheckCaseFactory

pytestmark = pytest.mark.django_db


def farm_body(**overrides):
    body = {
        "name": "Bakkegården",
        "cvr": "87654321",
        "address": {"street": "Bakkevej 3", "postal_code": "6900", "city": "Skjern"},
        "owner": {"first_name": "Anne", "last_name": "Holm", "email": "Anne.Holm@bakkegaarden.example"},
    }
    body.update(overrides)
    return body


# --- listing ---------------------------------------------------------------------------------------------------


@pytest.fixture
def three_farms(farm, consultant):
    assigned = FarmFactory(name="Åbjerg", cvr="22222222")
    NatureCheckCaseFactory(farm=assigned, consultant=consultant, priority="Urgent")
    finished = FarmFactory(name="Agerly", cvr="33333333")
    NatureCheckCaseFactory(farm=finished, status="Completed")
    return {"Enggården": farm, "Åbjerg": assigned, "Agerly": finished}


def names(response):
    assert response.status_code == 200, response.json()
    return [f["name"] for f in response.json()["farms"]]


def test_farms_are_sorted_by_name_with_owner_address_and_active_case(
    nc_api, employee, consultant, three_farms
):
    body = nc_api(employee).get("/naturecheck/farms").json()
    assert body["total"] == 3
    assert {f["name"] for f in body["farms"]} == set(three_farms)
    by_name = {f["name"]: f for f in body["farms"]}
    assigned = by_name["Åbjerg"]
    assert assigned["has_active_case"] is True
    assert assigned["active_case"]["consultant"]["id"] == str(consultant.pk)
    assert assigned["active_case"]["priority"] == "Urgent"
    assert by_name["Agerly"]["has_active_case"] is False
    assert by_name["Agerly"]["active_case"] is None
    engg = by_name["Enggården"]
    assert engg["address"] == {
        "street": "Engvej 12",
        "postal_code": "7400",
        "city": "Herning",
        "country": "Danmark",
    }
    assert engg["owner"]["first_name"] == "Jens"
    assert engg["owner"]["email"] == "jens@enggaarden.example"


def test_the_list_is_sorted_by_name(nc_api, employee):
    for name in ["Cedergården", "Abildgård", "Bøgely", "Aagaard"]:
        FarmFactory(name=name)
    assert names(nc_api(employee).get("/naturecheck/farms")) == [
        "Aagaard",
        "Abildgård",
        "Bøgely",
        "Cedergården",
    ]


def test_filter_assigned_and_unassigned(nc_api, employee, three_farms):
    api = nc_api(employee)
    assert names(api.get("/naturecheck/farms", filter="assigned")) == ["Åbjerg"]
    assert set(names(api.get("/naturecheck/farms", filter="unassigned"))) == {"Enggården", "Agerly"}
    assert len(names(api.get("/naturecheck/farms", filter="all"))) == 3
    assert api.get("/naturecheck/farms", filter="some").status_code == 422


def test_search_by_part_of_the_name_or_the_cvr_number(nc_api, employee, three_farms):
    api = nc_api(employee)
    assert names(api.get("/naturecheck/farms", search="engg")) == ["Enggården"]
    assert names(api.get("/naturecheck/farms", search="3333")) == ["Agerly"]
    assert names(api.get("/naturecheck/farms", search="nothing like it")) == []


def test_listing_farms_takes_the_same_number_of_queries_for_many_farms(
    nc_api, employee, django_assert_max_num_queries
):
    for _ in range(30):
        NatureCheckCaseFactory(farm=FarmFactory())
    FarmFactory.create_batch(10)
    api = nc_api(employee)
    # token user, count, page (farm + owner + contact), active cases with consultants; the read audit of the
    # owners: its INSERT
    with django_assert_max_num_queries(5):
        body = api.get("/naturecheck/farms", limit=40).json()
    assert len(body["farms"]) == 40
    assert sum(f["has_active_case"] for f in body["farms"]) == 30


# --- one farm --------------------------------------------------------------------------------------------------


def test_a_farm_shows_its_active_case_and_every_earlier_case(
    nc_api, employee, consultant, farm, django_assert_max_num_queries
):
    old = NatureCheckCaseFactory(farm=farm, status="Cancelled")
    current = NatureCheckCaseFactory(farm=farm, consultant=consultant)
    api = nc_api(employee)
    with django_assert_max_num_queries(5):
        response = api.get(f"/naturecheck/farms/{farm.pk}")
    body = response.json()
    assert body["active_case"]["id"] == str(current.pk)
    assert [c["id"] for c in body["cases"]] == [str(current.pk), str(old.pk)]
    assert body["cases"][1]["status"] == "Cancelled"


def test_an_unknown_farm_is_404(nc_api, employee):
    response = nc_api(employee, language="da").get(f"/naturecheck/farms/{uuid.uuid4()}")
    assert response.status_code == 404
    assert response.json()["message"] == "Gården findes ikke."


# --- creating --------------------------------------------------------------------------------------------------


def test_an_employee_registers_a_farm_with_a_new_farmer(nc_api, employee):
    response = nc_api(employee).post("/naturecheck/farms", farm_body())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["cvr"] == "87654321"
    assert body["address"]["country"] == "Danmark"
    assert body["owner"]["email"] == "anne.holm@bakkegaarden.example"
    assert body["has_active_case"] is False
    assert body["cases"] == []
    farmer = Farmer.objects.get(email="anne.holm@bakkegaarden.example")
    assert Contact.objects.get(pk=farmer.contact_id).last_name == "Holm"


def test_an_existing_farmers_email_reuses_the_farmer(nc_api, employee, farmer):
    owner = {"first_name": "Jens", "last_name": "Mikkelsen", "email": "JENS@enggaarden.example"}
    response = nc_api(employee).post("/naturecheck/farms", farm_body(owner=owner))
    assert response.status_code == 201
    assert response.json()["owner"]["id"] == str(farmer.pk)
    assert Farmer.objects.count() == 1
    assert farmer.farms.count() == 1


def test_an_email_of_a_staff_account_is_refused(nc_api, employee, consultant):
    owner = {"first_name": "Mette", "last_name": "Jensen", "email": consultant.email}
    response = nc_api(employee).post("/naturecheck/farms", farm_body(owner=owner))
    assert response.status_code == 409
    assert response.json()["code"] == "email_belongs_to_other_role"
    assert response.json()["field"] == "owner.email"
    assert not Farm.objects.exists()
    assert not Farmer.objects.exists()


def test_a_country_can_be_given(nc_api, employee):
    body = farm_body(
        address={
            "street": "Hauptstraße 1",
            "postal_code": "24937",
            "city": "Flensburg",
            "country": "Tyskland",
        }
    )
    assert nc_api(employee).post("/naturecheck/farms", body).json()["address"]["country"] == "Tyskland"


def test_a_taken_cvr_number_is_409_in_danish_and_registers_no_farmer(nc_api, employee, farm):
    response = nc_api(employee, language="da").post("/naturecheck/farms", farm_body(cvr="12345678"))
    assert response.status_code == 409
    assert response.json() == {
        "code": "cvr_taken",
        "field": "cvr",
        "message": "En gård med CVR-nummer '12345678' findes allerede i systemet. Vælg et andet CVR-nummer.",
    }
    assert not Farmer.objects.filter(email="anne.holm@bakkegaarden.example").exists()


@pytest.mark.parametrize("cvr", ["1234567", "123456789", "1234567a", "", "12 34 56 78"])
def test_a_cvr_number_must_be_exactly_eight_digits(nc_api, employee, cvr):
    response = nc_api(employee).post("/naturecheck/farms", farm_body(cvr=cvr))
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_cvr"
    assert response.json()["field"] == "cvr"


def test_a_farm_without_an_address_or_owner_is_422(nc_api, employee):
    body = farm_body()
    del body["address"]
    assert nc_api(employee).post("/naturecheck/farms", body).status_code == 422
    body = farm_body()
    del body["owner"]
    assert nc_api(employee).post("/naturecheck/farms", body).status_code == 422
    assert not Farm.objects.exists()


# --- updating --------------------------------------------------------------------------------------------------


def test_an_employee_changes_name_address_and_owner(nc_api, employee, farm, farmer):
    new_owner = {"first_name": "Karen", "last_name": "Holm", "email": "karen@holm.example"}
    response = nc_api(employee).put(
        f"/naturecheck/farms/{farm.pk}",
        {"row_version": 1, "name": "Nye Enggården", "address": {"city": "Ikast"}, "owner": new_owner},
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["name"] == "Nye Enggården"
    assert body["address"]["city"] == "Ikast"
    assert body["address"]["street"] == "Engvej 12"
    assert body["owner"]["email"] == "karen@holm.example"
    assert body["row_version"] == 2
    assert Farmer.objects.filter(pk=farmer.pk).exists()


def test_changing_to_a_taken_cvr_number_is_409(nc_api, employee, farm):
    FarmFactory(cvr="99999999")
    response = nc_api(employee).put(f"/naturecheck/farms/{farm.pk}", {"cvr": "99999999"})
    assert response.status_code == 409
    assert response.json()["code"] == "cvr_taken"
    assert Farm.objects.get(pk=farm.pk).cvr == "12345678"


def test_a_stale_farm_version_is_409(nc_api, employee, farm):
    api = nc_api(employee)
    api.put(f"/naturecheck/farms/{farm.pk}", {"row_version": 1, "name": "First"})
    response = api.put(f"/naturecheck/farms/{farm.pk}", {"row_version": 1, "name": "Second"})
    assert response.status_code == 409
    assert response.json()["code"] == "concurrent_modification"
    assert Farm.objects.get(pk=farm.pk).name == "First"


def test_updating_an_unknown_farm_is_404(nc_api, employee):
    assert nc_api(employee).put(f"/naturecheck/farms/{uuid.uuid4()}", {"name": "x"}).status_code == 404


# --- deleting --------------------------------------------------------------------------------------------------


def test_a_farm_with_an_active_case_cannot_be_deleted(nc_api, employee, farm):
    NatureCheckCaseFactory(farm=farm, status="InProgress")
    response = nc_api(employee, language="da").delete(f"/naturecheck/farms/{farm.pk}")
    assert response.status_code == 409
    assert response.json()["code"] == "farm_has_active_case"
    assert response.json()["message"] == "Gården har aktive Natur Check opgaver og kan ikke slettes."
    assert Farm.objects.filter(pk=farm.pk).exists()


def test_deleting_a_farm_removes_its_finished_cases_and_keeps_the_farmer(nc_api, employee, farm, farmer):
    NatureCheckCaseFactory(farm=farm, status="Completed")
    assert nc_api(employee).delete(f"/naturecheck/farms/{farm.pk}").status_code == 204
    assert not Farm.objects.filter(pk=farm.pk).exists()
    assert not NatureCheckCase.objects.exists()
    assert Farmer.objects.filter(pk=farmer.pk).exists()


def test_deleting_an_unknown_farm_is_404(nc_api, employee):
    assert nc_api(employee).delete(f"/naturecheck/farms/{uuid.uuid4()}").status_code == 404


# --- who may ---------------------------------------------------------------------------------------------------


def test_anonymous_callers_get_401(anonymous_api, farm):
    assert anonymous_api.get("/naturecheck/farms").status_code == 401
    assert anonymous_api.get(f"/naturecheck/farms/{farm.pk}").status_code == 401
    assert anonymous_api.post("/naturecheck/farms", farm_body()).status_code == 401
    assert anonymous_api.put(f"/naturecheck/farms/{farm.pk}", {"name": "x"}).status_code == 401
    assert anonymous_api.delete(f"/naturecheck/farms/{farm.pk}").status_code == 401


def test_consultants_see_farms_but_do_not_change_them(nc_api, consultant, farm):
    api = nc_api(consultant)
    assert api.get("/naturecheck/farms").status_code == 200
    assert api.get(f"/naturecheck/farms/{farm.pk}").status_code == 200
    assert api.post("/naturecheck/farms", farm_body()).status_code == 403
    assert api.put(f"/naturecheck/farms/{farm.pk}", {"name": "x"}).status_code == 403
    assert api.delete(f"/naturecheck/farms/{farm.pk}").status_code == 403


@pytest.mark.parametrize("persona", ["viewer", "caseworker", "manager"])
def test_staff_outside_nature_check_get_403(request, nc_api, persona, farm):
    api = nc_api(request.getfixturevalue(persona))
    assert api.get("/naturecheck/farms").status_code == 403
    assert api.get(f"/naturecheck/farms/{farm.pk}").status_code == 403
    assert api.post("/naturecheck/farms", farm_body()).status_code == 403
    assert api.delete(f"/naturecheck/farms/{farm.pk}").status_code == 403


def test_an_admin_manages_farms(nc_api, admin):
    assert nc_api(admin).post("/naturecheck/farms", farm_body()).status_code == 201


@pytest.mark.parametrize("field", ["name", "address"])
def test_a_farm_keeps_its_name_and_address_when_sent_null_or_blank(nc_api, employee, farm, field):
    body = {"name": None} if field == "name" else {"address": {"street": " "}}
    response = nc_api(employee).put(f"/naturecheck/farms/{farm.pk}", body)
    assert response.status_code == 422
    stored = Farm.objects.get(pk=farm.pk)
    assert (stored.name, stored.street) == ("Enggården", "Engvej 12")
