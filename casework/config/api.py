"""The one NinjaAPI: every app's router mounted under /api, JWT auth by default."""

from ninja import NinjaAPI

from casework import __version__
from casework.accounts.api import router as auth_router
from casework.accounts.auth import JWTAuth
from casework.cases.api import router as cases_router
from casework.contacts.api import router as contacts_router
from casework.core.api import install_error_handlers
from casework.notifications.api import router as notifications_router

api = NinjaAPI(
    title="Casework API",
    version=__version__,
    description="Case management for nonprofits, municipalities and advisory firms. "
    "Authenticate with POST /api/auth/login and send `Authorization: Bearer <token>`. "
    "Errors are JSON objects with `code`, `message` and, where one field is at fault, `field`. "
    "Unknown body fields are ignored.",
    auth=JWTAuth(),
    docs_url="/docs",
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/auth", auth_router)
api.add_router("/contacts", contacts_router)
api.add_router("/cases", cases_router)
api.add_router("/notifications", notifications_router)
