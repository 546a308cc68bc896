"""One of everything the API serves, for the security tests: personas of every role and the objects their
requests name (a case with a note, a document, a farm with a Nature Check case, a citizen with a 106 case...)."""

import uuid
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from casework.accounts.models import Role, Team, User
from casework.callcenter.models import CallcenterCase, CitizenRecord
from casework.cases.models import Case, CaseNote
from casework.cases.plan.models import CaseMilestone, CaseRelationship, DeliveredService
from casework.contacts.models import Contact
from casework.documents.models import CaseDocument
from casework.naturecheck.models import Farm, NatureCheckCase
from casework.notifications.models import Notification
from casework.outcomes.models import OutcomeDefinition
from tests.accounts.factories import UserFactory
from tests.callcenter.factories import CallcenterCaseFactory, CitizenFactory, handled_by, locked_citizen
from tests.cases.factories import CaseFactory, CaseNoteFactory
from tests.contacts.factories import ContactFactory
from tests.naturecheck.factories import FarmFactory, NatureCheckCaseFactory
from tests.outcomes.factories import OutcomeDefinitionFactory

# Every role the migrations seed, plus the caller without a token. The matrix test checks this list against
# the Role rows, so a new role without a column fails.
ROLES = ["admin", "manager", "caseworker", "viewer", "consultant", "employee", "operator"]
ANONYMOUS = "anonymous"
CALLERS = [*ROLES, ANONYMOUS]


@dataclass
class World:
    users: dict[str, User]
    team: Team
    contact: Contact
    lonely_contact: Contact
    case: Case
    other_case: Case
    note: CaseNote
    internal_note: CaseNote
    outcome: OutcomeDefinition
    relationship: CaseRelationship
    service: DeliveredService
    milestone: CaseMilestone
    document: CaseDocument
    farm: Farm
    empty_farm: Farm
    nc_case: NatureCheckCase
    other_nc_case: NatureCheckCase
    citizens: dict[str, CitizenRecord]
    callcenter_case: CallcenterCase
    notifications: dict[str, Notification] = field(default_factory=dict)

    def user(self, caller: str) -> User | None:
        return None if caller == ANONYMOUS else self.users[caller]


def store_document(case: Case, *, uploaded_by: User, content: bytes = b"Met the client.\n") -> CaseDocument:
    name = default_storage.save(f"case-documents/{case.pk}/{uuid.uuid4().hex}.txt", ContentFile(content))
    return CaseDocument.objects.create(
        case=case,
        uploaded_by=uploaded_by,
        file=name,
        document_name="notes.txt",
        mime_type="text/plain",
        file_size=len(content),
        document_type="other",
        access_level="standard",
    )


def build_world() -> World:
    assert set(Role.objects.values_list("code", flat=True)) == set(ROLES)
    users = {
        role: UserFactory(
            email=f"{role}@example.org", role_id=role, first_name=role.title(), last_name="Persona"
        )
        for role in ROLES
    }
    # The admin persona has the configuration screens, as create_user gives an admin.
    User.objects.filter(pk=users["admin"].pk).update(is_staff=True, is_superuser=True)
    users["admin"].refresh_from_db()
    team = Team.objects.create(name="Housing team")
    team.members.set([users["caseworker"], users["manager"]])
    contact = ContactFactory(first_name="Dana", last_name="Subject")
    lonely_contact = ContactFactory()
    case = CaseFactory(contact=contact, assigned_to=users["caseworker"], title="Housing support")
    other_case = CaseFactory(contact=contact, title="Benefits appeal")
    note = CaseNoteFactory(case=case, content="Called the landlord.", created_by=users["caseworker"])
    internal_note = CaseNoteFactory(
        case=case, content="INTERNAL: staff-only remark.", is_internal=True, created_by=users["manager"]
    )
    outcome = OutcomeDefinitionFactory()
    relationship = CaseRelationship.objects.create(
        case=case, related_case=other_case, relationship_type="related", created_by=users["manager"]
    )
    service = DeliveredService.objects.create(
        case=case, service_name="Legal advice", service_date=timezone.localdate(), created_by=users["manager"]
    )
    milestone = CaseMilestone.objects.create(
        case=case, milestone_name="Sign lease", created_by=users["manager"]
    )
    document = store_document(case, uploaded_by=users["caseworker"])
    farm = FarmFactory()
    empty_farm = FarmFactory()
    nc_case = NatureCheckCaseFactory(farm=farm, consultant=users["consultant"], assigned_by=users["employee"])
    other_nc_case = NatureCheckCaseFactory()  # another consultant's case, on another farm
    # Each caller's own citizen, locked to them as the queue hands one out (anonymous: the admin's).
    citizens = {caller: locked_citizen(users.get(caller, users["admin"])) for caller in CALLERS}
    # A 106 case on a citizen the operator handled (operators read only those); admins read every one.
    callcenter_case = CallcenterCaseFactory(citizen=handled_by(users["operator"], CitizenFactory()))
    notifications = {
        role: Notification.objects.create(recipient=user, kind="case.assigned", title=f"For {role}")
        for role, user in users.items()
    }
    return World(
        users=users,
        team=team,
        contact=contact,
        lonely_contact=lonely_contact,
        case=case,
        other_case=other_case,
        note=note,
        internal_note=internal_note,
        outcome=outcome,
        relationship=relationship,
        service=service,
        milestone=milestone,
        document=document,
        farm=farm,
        empty_farm=empty_farm,
        nc_case=nc_case,
        other_nc_case=other_nc_case,
        citizens=citizens,
        callcenter_case=callcenter_case,
        notifications=notifications,
    )
