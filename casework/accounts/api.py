"""The accounts' endpoints: signing in (`router`, /auth) and the staff and teams for assignment pickers and team
administration (`staff_router`, /users and /teams)."""

from uuid import UUID

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Status

from casework.accounts import errors, services
from casework.accounts.auth import JWTAuth, current_user
from casework.accounts.mfa.schemas import MfaChallengeOut
from casework.accounts.mfa.services import Challenge, enrolment_pending
from casework.accounts.models import Team, User
from casework.accounts.schemas import (
    LoginIn,
    LoginOut,
    StaffFilters,
    StaffOut,
    TeamIn,
    TeamOut,
    TeamUpdateIn,
    UserOut,
)
from casework.core.api import ErrorOut
from casework.core.permissions import require

router = Router(tags=["auth"])
staff_router = Router(tags=["staff"])


@router.post(
    "/login", auth=None, response={200: LoginOut, 202: MfaChallengeOut, 401: ErrorOut, 429: ErrorOut}
)
def login(request: HttpRequest, payload: LoginIn):
    """Exchange email and password for a bearer token. A user with a second factor gets 202 and a short-lived
    challenge instead, to exchange with a code at POST /api/auth/login/mfa."""
    user, issued = services.login(request, email=payload.email, password=payload.password)
    if isinstance(issued, Challenge):
        return Status(
            202,
            {
                "challenge": issued.token,
                "expires_at": issued.expires_at,
                "methods": ["totp", "recovery_code"],
            },
        )
    return {
        "token": issued.token,
        "token_type": "Bearer",
        "expires_at": issued.expires_at,
        "user": user,
        "amr": list(issued.amr),
        "mfa_enrolment_required": enrolment_pending(user),
    }


@router.get("/me", auth=JWTAuth(second_factor_optional=True), response={200: UserOut, 401: ErrorOut})
def me(request: HttpRequest):
    """The signed-in user."""
    return current_user(request)


ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@staff_router.get("/users", response={200: list[StaffOut], **ERRORS})
def list_staff(request: HttpRequest, filters: Query[StaffFilters]):
    """Staff accounts (active ones unless asked), filtered by role or searched by name/email."""
    require(current_user(request), "cases.view")
    staff = User.objects.all() if filters.include_inactive else User.objects.filter(is_active=True)
    if filters.role:
        staff = staff.filter(role_id=filters.role)
    for word in (filters.search or "").split():
        staff = staff.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return staff.order_by("first_name", "last_name", "id")[:500]


@staff_router.get("/teams", response={200: list[TeamOut], **ERRORS})
def list_teams(request: HttpRequest):
    """Teams with their members."""
    require(current_user(request), "cases.view")
    return Team.objects.prefetch_related("members").order_by("name")


@staff_router.post("/teams", response={201: TeamOut, **ERRORS})
def create_team(request: HttpRequest, payload: TeamIn):
    """Create a team (admins)."""
    user = current_user(request)
    require(user, "config.manage")
    return Status(201, services.create_team(actor=user, **payload.dict()))


@staff_router.get("/teams/{team_id}", response={200: TeamOut, **ERRORS})
def get_team(request: HttpRequest, team_id: UUID):
    require(current_user(request), "cases.view")
    team = Team.objects.prefetch_related("members").filter(pk=team_id).first()
    if team is None:
        raise errors.TEAM_NOT_FOUND()
    return team


@staff_router.put("/teams/{team_id}", response={200: TeamOut, **ERRORS})
def update_team(request: HttpRequest, team_id: UUID, payload: TeamUpdateIn):
    """Rename, (de)activate, or replace the members of a team (admins)."""
    user = current_user(request)
    require(user, "config.manage")
    return services.update_team(team_id, actor=user, changes=payload.dict(exclude_unset=True))
