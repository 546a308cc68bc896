"""`casework demo`: idempotent demo data that makes the first screen alive."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from casework.accounts.models import Role, User
from casework.cases.models import Case, CaseNote, CaseNumberCounter, CaseStatus, CaseType, NoteType
from casework.cases.querysets import case_summary
from casework.cases.services import open_case
from casework.contacts.models import Contact
from casework.core.custom_fields import clean_values
from tests.conftest import ApiClient

PASSWORD = "casework-demo-2026"


def client_contacts():
    """Contacts of the core demo; the Nature Check demo adds its farmers as contacts too."""
    return Contact.objects.filter(naturecheck_farmer__isnull=True)


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """Argon2 costs a quarter second per account; the demo creates eight of them per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def demo_output(db) -> str:
    return run_demo()


def test_the_demo_has_an_account_for_every_role_and_some_extra_caseworkers(demo_output):
    for role in Role.objects.all():
        assert User.objects.filter(email=f"{role.code}@casework.local", role=role, is_active=True).exists()
    assert User.objects.filter(role_id="caseworker").count() >= 3
    assert User.objects.get(email="admin@casework.local").is_superuser


def test_the_demo_loads_200_contacts_and_500_cases_with_notes(demo_output):
    assert client_contacts().count() == 200
    assert Case.objects.count() == 500
    assert not Case.objects.annotate(n=Count("notes")).filter(n=0).exists()
    assert CaseNote.objects.filter(subject="Case opened").count() == 500


def test_every_status_and_every_case_type_has_a_few_cases(demo_output):
    for status in CaseStatus.objects.all():
        assert status.cases.count() >= 3, status.name
    for case_type in CaseType.objects.all():
        assert case_type.cases.count() >= 3, case_type.name


def test_dates_follow_the_status_and_the_dashboard_has_work_due(demo_output):
    finished = Case.objects.filter(status__status_type__in=["closed", "cancelled"])
    assert not finished.filter(closed_date__isnull=True).exists()
    assert not finished.filter(closed_date__lt=F("intake_date")).exists()
    assert not Case.objects.open().filter(closed_date__isnull=False).exists()
    assert not Case.objects.filter(
        status__status_type__in=["active", "review"], opened_date__isnull=True
    ).exists()
    summary = case_summary(Case.objects.all(), today=timezone.localdate())
    assert summary["overdue_cases"] > 0
    assert summary["cases_due_this_week"] > 0
    assert summary["unassigned_cases"] > 0
    oldest = Case.objects.earliest("intake_date")
    assert (timezone.now() - oldest.intake_date).days > 365


def test_cases_that_left_intake_show_how_they_got_where_they_are(demo_output):
    for case in Case.objects.exclude(status__status_type="intake").prefetch_related("notes")[:100]:
        changes = sorted(
            (n for n in case.notes.all() if n.note_type == NoteType.STATUS_CHANGE), key=lambda n: n.created_at
        )
        assert changes, case.case_number
        assert changes[0].previous_status.status_type == "intake"
        assert changes[-1].new_status_id == case.status_id
        if case.closed_date:
            assert changes[-1].created_at == case.closed_date


def test_intake_data_is_valid_for_each_case_type(demo_output):
    for case in Case.objects.select_related("case_type"):
        assert (
            clean_values(case.case_type.custom_fields, case.intake_data, field="intake_data")
            == case.intake_data
        )


def test_case_numbers_are_unique_and_well_formed_and_counted_per_day(demo_output):
    numbers = list(Case.objects.values_list("case_number", flat=True))
    assert len(set(numbers)) == len(numbers)
    assert all(re.fullmatch(r"CASE-\d{6}-\d{5}", n) for n in numbers)
    per_day: dict[str, int] = {}
    for number in numbers:
        day = number.split("-")[1]
        per_day[day] = per_day.get(day, 0) + 1
    counters = {f"{c.day:%y%m%d}": c.last_number for c in CaseNumberCounter.objects.all()}
    assert counters == per_day


def test_every_demo_case_has_a_created_history_row(demo_output):
    assert Case.history.filter(history_type="+").count() == 500
    case = Case.objects.earliest("intake_date")
    assert case.history.get().history_date == case.intake_date


def test_running_the_demo_twice_adds_nothing_and_still_prints_the_login(demo_output):
    before = (User.objects.count(), Contact.objects.count(), Case.objects.count(), CaseNote.objects.count())
    second = run_demo()
    assert "Demo data already present" in second
    assert "admin@casework.local" in second and PASSWORD in second
    assert (
        User.objects.count(),
        Contact.objects.count(),
        Case.objects.count(),
        CaseNote.objects.count(),
    ) == before


def test_a_role_added_later_gets_its_demo_account_on_the_next_run(demo_output):
    Role.objects.create(code="auditor", name="Auditor", permissions=["cases.view"])
    run_demo()
    assert User.objects.filter(email="auditor@casework.local", role_id="auditor").exists()
    assert Case.objects.count() == 500


def test_the_output_shows_the_address_and_every_login(demo_output):
    assert "http://127.0.0.1:8000/" in demo_output
    assert f"admin@casework.local / {PASSWORD}" in demo_output
    for user in User.objects.all():
        assert user.email in demo_output


def test_a_case_opened_after_the_demo_gets_the_next_number_of_the_day(demo_output):
    today = f"{timezone.localdate():%y%m%d}"
    used_today = Case.objects.filter(case_number__startswith=f"CASE-{today}-").count()
    assert used_today >= 3
    case = open_case(
        actor=User.objects.get(email="caseworker@casework.local"),
        contact_id=Contact.objects.all()[0].pk,
        case_type_id=CaseType.objects.get(name="General Support").pk,
        title="Walk-in after the demo",
    )
    assert case.case_number == f"CASE-{today}-{used_today + 1:05d}"
    assert Case.objects.filter(case_number=case.case_number).count() == 1


def test_the_demo_admin_can_sign_in_with_the_demo_password(demo_output):
    response = ApiClient(None).post("/auth/login", {"email": "admin@casework.local", "password": PASSWORD})
    assert response.status_code == 200, response.content
    assert response.json()["user"]["role"] == "admin"


def test_options_choose_the_size_and_the_password(db):
    output = run_demo(
        "--contacts", "12", "--cases", "30", "--seed", "7", "--password", "another-long-secret-7"
    )
    assert client_contacts().count() == 12
    assert Case.objects.count() == 30
    assert set(Case.objects.values_list("status__name", flat=True)) == set(
        CaseStatus.objects.values_list("name", flat=True)
    )
    assert User.objects.get(email="viewer@casework.local").check_password("another-long-secret-7")
    assert "admin@casework.local / another-long-secret-7" in output


def test_the_same_seed_gives_the_same_data(db):
    def load() -> tuple[list, list]:
        with transaction.atomic():
            run_demo("--contacts", "20", "--cases", "40", "--seed", "11")
            contacts = sorted(Contact.objects.values_list("first_name", "last_name", "email", "phone"))
            cases = sorted(Case.objects.values_list("title", "priority", "status__name", "case_type__name"))
            transaction.set_rollback(True)
        return contacts, cases

    assert load() == load()


def test_a_weak_password_is_refused_before_anything_is_written(db):
    with pytest.raises(CommandError, match="password"):
        run_demo("--password", "demo")
    assert not User.objects.exists()


def test_the_demo_says_its_logins_work_without_a_second_factor_only_in_debug_mode(demo_output, settings):
    assert "these logins work without a second factor" in demo_output

    settings.MFA_DEMO_BYPASS = False
    strict = run_demo()

    assert "these logins work without a second factor" not in strict
    assert "admin users set up an authenticator app at their first sign-in" in strict
