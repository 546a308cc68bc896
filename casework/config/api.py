"""The one NinjaAPI: every app's router mounted under /api, JWT auth by default."""

from ninja import NinjaAPI
from ninja.operation import Operation

from casework import __version__
from casework.accounts.api import router as auth_router
from casework.accounts.api import staff_router
from casework.accounts.auth import JWTAuth
from casework.accounts.mfa.api import admin_router as mfa_admin_router
from casework.accounts.mfa.api import document_second_factor_refusals
from casework.accounts.mfa.api import router as mfa_router
from casework.callcenter.api import router as callcenter_router
from casework.cases.api import router as cases_router
from casework.cases.plan.api import milestones_router, services_router
from casework.cases.plan.api import router as case_plan_router
from casework.contacts.api import router as contacts_router
from casework.core.api import (
    JSONBodyParser,
    document_request_errors,
    install_error_handlers,
    validate_json_bodies_strictly,
)
from casework.documents.api import router as documents_router
from casework.naturecheck.api import router as naturecheck_router
from casework.notifications.api import router as notifications_router
from casework.outcomes.api import router as outcomes_router
from casework.reports.api import router as reports_router
from casework.reports.subject_access.api import router as subject_access_router


class CaseworkAPI(NinjaAPI):
    """The NinjaAPI whose operation ids are the handlers' names (`list_cases`), so that a client generated from
    the schema has readable method names that do not change when a module moves; tests/core/test_openapi.py checks
    that they are unique."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__


api = CaseworkAPI(
    title="Casework API",
    version=__version__,
    description="Case management for nonprofits, municipalities and advisory firms. "
    "Authenticate with POST /api/auth/login and send `Authorization: Bearer <token>`. "
    "Errors are JSON objects with `code`, `message` and, where one field is at fault, `field`. "
    "Unknown body fields are ignored. No text may contain the NUL character (U+0000): 422 `nul_character`.",
    auth=JWTAuth(),
    docs_url="/docs",
    urls_namespace="api",
    parser=JSONBodyParser(),
)
install_error_handlers(api)
validate_json_bodies_strictly()
document_request_errors(api)
document_second_factor_refusals(api)
api.add_router("/auth", auth_router)
api.add_router("/auth", mfa_router)  # /auth/login/mfa, /auth/mfa...
api.add_router("", mfa_admin_router)  # /users/{user_id}/mfa
api.add_router("", staff_router)  # /users, /teams
api.add_router("/contacts", contacts_router)
# Routers whose paths start with /cases/<fixed word>/... are mounted before the /cases router's /{case_id}.
api.add_router("", outcomes_router)  # /admin/outcomes, /cases/outcomes/..., /reports/outcomes
api.add_router("/cases", cases_router)
api.add_router("/cases", case_plan_router)  # /cases/{id}/relationships|services|milestones
api.add_router("", services_router)  # /services/{service_id}
api.add_router("", milestones_router)  # /milestones/{milestone_id}
api.add_router("", documents_router)  # /cases/{id}/documents, /documents/{id}/...
api.add_router("/notifications", notifications_router)
api.add_router("/naturecheck", naturecheck_router)
api.add_router("", subject_access_router)  # /contacts/{id}/export|erase (data protection)
api.add_router("", reports_router)  # /reports/cases.csv|xlsx
api.add_router("", callcenter_router)  # /citizens/..., /admin/citizens
