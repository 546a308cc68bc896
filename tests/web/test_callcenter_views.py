"""The call center screens through the Django test client: Hebrew by default, the operator's queue and call
form, the lock messages, the 106 page after the third unanswered attempt, and the admins' list tools."""

import csv
import datetime as dt
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casework.callcenter import services
from casework.callcenter.csvfiles import EXPORT_COLUMNS
from casework.callcenter.models import CallcenterCase, CitizenRecord
from tests.accounts.factories import UserFactory
from tests.callcenter.factories import CallcenterCaseFactory, CitizenFactory, handled_by, locked_citizen

pytestmark = pytest.mark.django_db

QUEUE = reverse("web:callcenter_queue")
NEXT = reverse("web:callcenter_next")
ADMIN = reverse("web:callcenter_admin")


@pytest.fixture(autouse=True)
def _no_retry_delay(settings):
    """Most tests work a citizen several times in a row; the retry delay has tests of its own below."""
    settings.CALLCENTER_RETRY_DELAY_MINUTES = 0


@pytest.fixture
def operator():
    return UserFactory(
        email="olive.operator@example.org", role_id="operator", first_name="Olive", last_name="Operator"
    )


@pytest.fixture
def other_operator():
    return UserFactory(
        email="otto.operator@example.org", role_id="operator", first_name="Otto", last_name="Operator"
    )


def call_url(citizen: CitizenRecord) -> str:
    return reverse("web:callcenter_call", args=[citizen.pk])


def case_url(citizen: CitizenRecord) -> str:
    return reverse("web:callcenter_106", args=[citizen.pk])


def unanswered(**extra):
    return {"family_number": "2", **extra}


# --- language and access ---


def test_the_queue_is_hebrew_and_right_to_left_when_no_language_was_chosen(client_as, operator):
    response = client_as(operator).get(QUEUE, headers={"Accept-Language": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "he"
    assert '<html lang="he" dir="rtl">' in html
    assert "התושב הבא" in html


def test_the_queue_follows_a_language_the_user_chose(client_as, operator):
    client = client_as(operator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(QUEUE).content.decode()
    assert '<html lang="en" dir="ltr">' in html and "Next citizen" in html


@pytest.mark.parametrize("url", [QUEUE, ADMIN, reverse("web:callcenter_export")])
def test_an_anonymous_visitor_is_sent_to_sign_in(client_as, url):
    response = client_as(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_roles_without_the_call_center_get_403(client_as, caseworker):
    client = client_as(caseworker)
    assert client.get(QUEUE).status_code == 403
    assert client.post(NEXT).status_code == 403


@pytest.mark.parametrize("url", [ADMIN, reverse("web:callcenter_export"), reverse("web:callcenter_clear")])
def test_an_operator_cannot_use_the_admin_tools(client_as, operator, url):
    assert client_as(operator).get(url).status_code == 403


def test_the_nav_shows_the_call_center_by_permission(client_as, operator, admin):
    operator_html = client_as(operator).get(QUEUE).content.decode()
    assert QUEUE in operator_html and ADMIN not in operator_html
    assert ADMIN in client_as(admin).get(QUEUE).content.decode()


# --- the queue and the call form ---


def test_next_citizen_locks_a_record_and_opens_its_call_form(client_as, operator):
    citizen = CitizenFactory(
        first_name="נועה", last_name="כהן", phone1="0501234567", phone2="+972 52 765 4321"
    )
    client = client_as(operator)
    response = client.post(NEXT)
    assert response.status_code == 302 and response["Location"] == call_url(citizen)
    citizen.refresh_from_db()
    assert (citizen.status, citizen.locked_by, citizen.appearance_count) == ("InProgress", operator, 1)
    html = client.get(call_url(citizen)).content.decode()
    assert "נועה כהן" in html
    assert 'href="tel:0501234567"' in html and 'href="tel:+972 52 765 4321"' in html
    for name in (
        "is_answered_the_call",
        "is_lonely",
        "is_address_wrong",
        "has_safe_room",
        "has_private_shelter",
        "has_public_shelter",
        "has_mobility_restriction",
        "is_dead",
        "is_left_the_city",
        "has_temporary_address",
        "is_temporary_abroad",
        "new_street_name",
        "temporary_street_name",
    ):
        assert f'name="{name}"' in html
    assert "ענה לשיחה" in html
    # The queue page offers to continue the held record.
    assert call_url(citizen) in client.get(QUEUE).content.decode()


def test_an_empty_queue_says_so(client_as, operator):
    response = client_as(operator).post(NEXT)
    assert response.status_code == 200
    assert "התור ריק" in response.content.decode()


def test_an_answered_call_is_saved_and_the_operator_returns_to_the_queue(client_as, operator):
    citizen = locked_citizen(operator)
    client = client_as(operator)
    data = unanswered(
        is_answered_the_call="on",
        has_safe_room="on",
        is_address_wrong="on",
        new_street_name="רחוב הרצל",
        new_building_number="12א",
        new_flat_number="4",
    )
    response = client.post(call_url(citizen), data)
    assert response.status_code == 302 and response["Location"] == QUEUE
    citizen.refresh_from_db()
    assert (citizen.status, citizen.has_safe_room, citizen.new_building_number) == ("Updated", True, "12א")
    assert "השיחה עם" in client.get(QUEUE).content.decode()


def test_the_services_field_errors_show_next_to_the_fields_in_hebrew(client_as, operator):
    citizen = locked_citizen(operator)
    response = client_as(operator).post(
        call_url(citizen), unanswered(is_address_wrong="on", new_building_number="12")
    )
    html = response.content.decode()
    assert response.status_code == 422
    errors = html[html.index('id="id_new_street_name_error"') :]
    assert errors.index("זהו שדה חובה.") < errors.index("</ul>")
    response = client_as(operator).post(
        call_url(citizen),
        unanswered(
            has_temporary_address="on", temporary_street_name="Ha'Shalom", temporary_building_number="1ab"
        ),
    )
    assert response.status_code == 422
    assert 'id="id_temporary_building_number_error"' in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.status == "InProgress"


def test_a_record_locked_to_another_operator_is_refused_with_409(client_as, operator, other_operator):
    citizen = handled_by(operator, locked_citizen(other_operator))
    client = client_as(operator)
    response = client.get(call_url(citizen))
    assert response.status_code == 409
    assert "הרשומה נעולה על ידי מוקדן אחר." in response.content.decode()
    assert 'id="call-form"' not in response.content.decode()
    response = client.post(call_url(citizen), unanswered(is_answered_the_call="on"))
    assert response.status_code == 409
    assert "הרשומה נעולה על ידי מוקדן אחר." in response.content.decode()


def test_an_expired_lock_is_refused_with_409(client_as, operator):
    citizen = locked_citizen(operator, minutes_left=-1)
    response = client_as(operator).post(call_url(citizen), unanswered(is_answered_the_call="on"))
    assert response.status_code == 409
    assert "הנעילה שלך על הרשומה פגה" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.is_answered_the_call is False


def test_a_record_no_longer_in_progress_is_refused_with_409(client_as, operator):
    citizen = handled_by(operator, CitizenFactory(status="Updated"))
    assert client_as(operator).get(call_url(citizen)).status_code == 409


def test_a_missing_citizen_is_404(client_as, operator):
    assert client_as(operator).get(reverse("web:callcenter_call", args=[999999])).status_code == 404


# --- three unanswered attempts, then the 106 case ---


def three_unanswered_attempts(client, citizen, operator):
    """Work the queue three times, ten minutes apart by the service's own clock, without an answer (each lock
    still running when the form is submitted)."""
    start = timezone.now() - dt.timedelta(minutes=20)
    for attempt in range(3):
        taken = services.take_next_citizen(operator=operator, now=start + dt.timedelta(minutes=10 * attempt))
        assert taken is not None and taken.pk == citizen.pk
        response = client.post(call_url(citizen), unanswered())
    return response


def test_the_third_unanswered_attempt_leads_to_the_106_page(client_as, operator, settings):
    settings.CALLCENTER_106_URL = "https://106.example.gov/new-ticket"
    citizen = CitizenFactory(first_name="Dana", last_name="Levi", phone1="0521112222")
    client = client_as(operator)
    response = three_unanswered_attempts(client, citizen, operator)
    assert response.status_code == 302 and response["Location"] == case_url(citizen)
    citizen.refresh_from_db()
    html = client.get(case_url(citizen)).content.decode()
    assert '<html lang="he" dir="rtl">' in html
    assert "Dana Levi" in html and citizen.fid in html
    message = html[html.index('id="message-106"') : html.index("</textarea>")]
    assert "0521112222" in message
    for stamp in (citizen.first_appearance_at, citizen.second_appearance_at, citizen.third_appearance_at):
        assert timezone.localtime(stamp).strftime("%H:%M") in message
    assert 'href="https://106.example.gov/new-ticket"' in html
    assert 'name="case_number"' in html
    # and the queue lists the citizen as waiting for a 106 case
    assert case_url(citizen) in client.get(QUEUE).content.decode()


def test_the_106_link_is_hidden_when_no_url_is_configured(client_as, operator, settings):
    settings.CALLCENTER_106_URL = ""
    citizen = CitizenFactory(appearance_count=3)
    html = client_as(operator).get(case_url(citizen)).content.decode()
    assert "פתיחת מערכת 106" not in html


def test_an_earlier_unanswered_attempt_returns_to_the_queue(client_as, operator):
    citizen = locked_citizen(operator)
    response = client_as(operator).post(call_url(citizen), unanswered())
    assert response["Location"] == QUEUE
    citizen.refresh_from_db()
    assert citizen.status == "Pending"


def test_saving_a_106_case_number(client_as, operator):
    citizen = CitizenFactory(appearance_count=3, first_name="Dana", last_name="Levi")
    client = client_as(operator)
    response = client.post(case_url(citizen), {"case_number": "123456"}, follow=True)
    assert CallcenterCase.objects.get(citizen=citizen).callcenter_case_number == "123456"
    assert "פנייה 123456 במוקד 106 נשמרה עבור Dana Levi." in response.content.decode()
    assert "כבר יש פנייה 123456" in client.get(case_url(citizen)).content.decode()


@pytest.mark.parametrize("number", ["12345", "1234567", "abcdef", ""])
def test_a_case_number_that_is_not_six_digits_is_shown_on_the_field(client_as, operator, number):
    citizen = CitizenFactory(appearance_count=3)
    response = client_as(operator).post(case_url(citizen), {"case_number": number})
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_case_number_error"' in html and "מספר הפנייה חייב להיות בן שש ספרות בדיוק." in html
    assert not CallcenterCase.objects.exists()


def test_a_second_106_case_for_a_citizen_is_a_conflict(client_as, operator):
    case = CallcenterCaseFactory(
        callcenter_case_number="111111", citizen=handled_by(operator, CitizenFactory())
    )
    response = client_as(operator).post(case_url(case.citizen), {"case_number": "222222"})
    assert response.status_code == 409
    assert CallcenterCase.objects.get().callcenter_case_number == "111111"


# --- admins: progress, import, export, clear ---


def test_the_admin_page_shows_the_queues_progress(client_as, admin, operator):
    CitizenFactory.create_batch(3)
    locked_citizen(operator)
    CitizenFactory(status="Updated", is_answered_the_call=True)
    CallcenterCaseFactory()
    CitizenFactory(appearance_count=3)
    html = client_as(admin).get(ADMIN).content.decode()
    figures = html[html.index('class="figures"') :]
    for label, number in (
        ("ממתינים", 5),
        ("בטיפול", 1),
        ("עודכנו", 1),
        ("פניות 106", 1),
        ("ממתינים לפנייה במוקד 106", 1),
    ):
        assert f"<dt>{label}</dt><dd>{number}</dd>" in figures


IMPORT = "FID,StreetName,BuildingNumber,FlatNumber,FirstName,LastName,FamilyNumber,Phone1\n"


def test_importing_a_list(client_as, admin):
    upload = SimpleUploadedFile(
        "list.csv", (IMPORT + "A1,הרצל,12,3,נועה,כהן,2,0501234567\n").encode(), "text/csv"
    )
    response = client_as(admin).post(reverse("web:callcenter_import"), {"file": upload}, follow=True)
    assert CitizenRecord.objects.get().first_name == "נועה"
    assert "יובאו 1 תושבים." in response.content.decode()


def test_a_bad_row_rejects_the_whole_file_naming_its_line_and_column(client_as, admin):
    body = IMPORT + "A1,הרצל,12,3,נועה,כהן,2,\nA2,הרצל,12,3,N0a,כהן,2,\n"
    upload = SimpleUploadedFile("list.csv", body.encode(), "text/csv")
    response = client_as(admin).post(reverse("web:callcenter_import"), {"file": upload})
    assert response.status_code == 422
    assert "שורה 3, FirstName: יש להשתמש באותיות, רווחים, גרשים ומקפים בלבד." in response.content.decode()
    assert not CitizenRecord.objects.exists()


def test_importing_over_an_existing_list_is_refused(client_as, admin):
    CitizenFactory()
    upload = SimpleUploadedFile("list.csv", (IMPORT + "A1,הרצל,12,3,נועה,כהן,2,\n").encode(), "text/csv")
    response = client_as(admin).post(reverse("web:callcenter_import"), {"file": upload})
    assert response.status_code == 409
    assert "כבר קיימים תושבים" in response.content.decode()


def test_the_export_streams_the_same_csv_as_the_api(client_as, admin):
    CallcenterCaseFactory(citizen=CitizenFactory(phone1="+972501234567"), callcenter_case_number="654321")
    response = client_as(admin).get(reverse("web:callcenter_export"), {"include": "phones"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="citizens-export-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [h for h, _, _ in EXPORT_COLUMNS] + ["Phone1", "Phone2", "Phone3"]
    assert rows[1][35] == "654321" and rows[1][36] == "'+972501234567"


def test_clearing_asks_for_confirmation_first(client_as, admin):
    CallcenterCaseFactory()
    client = client_as(admin)
    page = client.get(reverse("web:callcenter_clear")).content.decode()
    assert "פעולה זו מוחקת לצמיתות 1 תושבים" in page
    assert client.post(reverse("web:callcenter_clear")).status_code == 422
    assert CitizenRecord.objects.count() == 1
    response = client.post(reverse("web:callcenter_clear"), {"confirm": "on"}, follow=True)
    assert not CitizenRecord.objects.exists() and not CallcenterCase.objects.exists()
    assert "נמחקו 1 תושבים" in response.content.decode()


def test_the_106_case_number_field_states_the_six_digit_rule_and_checks_it_as_typed(client_as, operator):
    citizen = CitizenFactory(appearance_count=3)
    client = client_as(operator)
    html = client.get(case_url(citizen)).content.decode()
    field = html[html.index('name="case_number"') - 200 : html.index('name="case_number"') + 400]
    assert 'pattern="\\d{6}"' in field and 'maxlength="6"' in field and 'inputmode="numeric"' in field
    assert 'aria-describedby="id_case_number_helptext"' in field
    # The message shown under the field as a wrong value is typed (domains.js) is the service's own, in Hebrew.
    assert 'data-mismatch-message="מספר הפנייה חייב להיות בן שש ספרות בדיוק."' in field
    assert "בדיוק שש ספרות, לדוגמה 123456." in html
    # The server still refuses a wrong number with the declared error, named on the field.
    refused = client.post(case_url(citizen), {"case_number": "12345"})
    assert 'id="id_case_number_error"' in refused.content.decode()
    assert not CallcenterCase.objects.filter(citizen=citizen).exists()


def test_the_hebrew_import_help_isolates_each_english_column_name(client_as, admin):
    html = client_as(admin).get(ADMIN).content.decode()
    required = html[html.index("עמודות חובה") : html.index("עמודות רשות")]
    optional = html[html.index("עמודות רשות") :]
    optional = optional[: optional.index("</dd>")]
    for name in ("FID", "StreetName", "BuildingNumber", "FirstName", "LastName", "FamilyNumber"):
        assert f'<code dir="ltr">{name}</code>' in required
    for name in ("FlatNumber", "Phone1", "Phone2", "Phone3", "IsLonely"):
        assert f'<code dir="ltr">{name}</code>' in optional
        assert name not in required


def test_after_an_unanswered_call_the_operator_sees_when_the_citizen_is_offered_again(
    client_as, operator, settings
):
    settings.CALLCENTER_RETRY_DELAY_MINUTES = 45
    citizen = CitizenFactory(first_name="Dana", last_name="Levi")
    client = client_as(operator)
    client.post(NEXT)
    citizen.refresh_from_db()
    expected = timezone.localtime(citizen.first_appearance_at + dt.timedelta(minutes=45)).strftime("%H:%M")
    html = client.post(call_url(citizen), unanswered(), follow=True).content.decode()
    assert f"המועד הבא לניסיון: אחרי {expected}." in html
    retry = html[html.index('id="retry-heading"') :]
    assert "Dana Levi" in retry and expected in retry
    # and the queue does not hand the citizen out again before then
    assert services.take_next_citizen(operator=operator) is None
