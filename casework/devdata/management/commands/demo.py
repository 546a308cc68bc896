"""`casework demo`: realistic demo data, so the first screen a new user sees is alive.

Staff in every role (plus a few extra caseworkers, all through `create_user`), then contacts and cases across every
case type and workflow status with their timelines, built by `casework.devdata.demo.generator` with
`bulk_create`, bypassing the services on purpose (see there for the invariants it keeps), then each domain's demo
(`casework.devdata.demo.outcomes`, `.naturecheck`, `.callcenter`), and at the end every derived store is rebuilt
(`casework.core.derived.rebuild_all`). One transaction.

Idempotent: when the demo staff already own contacts or cases, nothing is added and only the logins are printed.
"""

import random
import time
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from casework.accounts.models import Role, User
from casework.accounts.services import create_user
from casework.cases.models import Case
from casework.contacts.models import Contact
from casework.core import derived
from casework.core.errors import DomainError
from casework.devdata.demo import callcenter, content, naturecheck, outcomes
from casework.devdata.demo.generator import DemoGenerator

DEMO_DOMAIN = "casework.local"
DEFAULT_PASSWORD = "casework-demo-2026"
# Each domain's demo (idempotent), by the app it fills, in the order the apps are installed.
DOMAIN_DEMOS: dict[str, Callable[..., None]] = {
    "casework.outcomes": outcomes.load_demo,
    "casework.naturecheck": naturecheck.load_demo,
    "casework.callcenter": callcenter.load_demo,
}


class Command(BaseCommand):
    help = (
        "Load demo data (staff in every role, contacts, cases across all types and statuses, notes) and print "
        "the demo logins. Safe to run again: existing demo data is left as it is. Never use it in production: "
        "the demo password is published."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--contacts", type=int, default=200, help="number of contacts (default: 200)")
        parser.add_argument("--cases", type=int, default=500, help="number of cases (default: 500)")
        parser.add_argument(
            "--seed", type=int, default=2026, help="random seed, for repeatable data (default: 2026)"
        )
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"password of every demo account (default: {DEFAULT_PASSWORD})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        password: str = options["password"]
        if options["contacts"] < 1 and options["cases"] > 0:
            raise CommandError("Cases need contacts: pass --contacts 1 or more")
        if min(options["contacts"], options["cases"]) < 0:
            raise CommandError("--contacts and --cases cannot be negative")
        try:
            validate_password(password)
        except DjangoValidationError as exc:
            raise CommandError(f"--password: {' '.join(exc.messages)}") from exc
        if not settings.DEBUG:
            self.stderr.write(
                self.style.WARNING("CASEWORK_DEBUG is off: do not load demo data into production.")
            )

        with transaction.atomic():
            staff = self._ensure_staff(password)
            demo_present = (
                Case.objects.filter(created_by__in=staff).exists()
                or Contact.objects.filter(created_by__in=staff).exists()
            )
            if demo_present:
                self.stdout.write(f"Demo data already present ({Case.objects.count()} cases); nothing added.")
            else:
                generator = DemoGenerator(staff, seed=options["seed"], now=timezone.now())
                counts = generator.load(contacts=options["contacts"], cases=options["cases"])
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Demo data loaded: {counts['contacts']} contacts, {counts['cases']} cases, "
                        f"{counts['notes']} notes ({time.monotonic() - started:.1f} s)."
                    )
                )
            self._load_domain_demos(options["seed"])
            # The cases, notes and tags were bulk-inserted behind the services' back.
            derived.rebuild_all(only_missing=True)
        self._print_logins(staff, password)

    def _load_domain_demos(self, seed: int) -> None:
        """Let every installed domain add its own demo data (idempotently)."""
        for app_name, load_demo in DOMAIN_DEMOS.items():
            if apps.is_installed(app_name):
                load_demo(rng=random.Random(seed), stdout=self.stdout)

    def _ensure_staff(self, password: str) -> list[User]:
        """One account per role, plus extra caseworkers; existing accounts are kept as they are."""
        wanted: list[tuple[str, str, str, str]] = []
        roles = list(Role.objects.order_by("code"))
        for role in sorted(roles, key=lambda r: (content.ROLE_ORDER.get(r.code, 99), r.code)):
            first, last = content.ROLE_PERSONAS.get(role.code, (role.name, "Demo"))
            wanted.append((f"{role.code}@{DEMO_DOMAIN}", role.code, first, last))
        if any(r.code == "caseworker" for r in roles):
            for first, last in content.EXTRA_CASEWORKERS:
                wanted.append((f"{first}.{last}@{DEMO_DOMAIN}".lower(), "caseworker", first, last))
        existing = {
            u.email: u for u in User.objects.filter(email__in=[w[0] for w in wanted]).select_related("role")
        }
        staff: list[User] = []
        for email, role_code, first, last in wanted:
            user = existing.get(email)
            if user is None:
                try:
                    user = create_user(
                        email=email, password=password, role=role_code, first_name=first, last_name=last
                    )
                except DomainError as exc:
                    raise CommandError(f"{email}: {exc.message}") from exc
            elif not user.check_password(password):
                self.stderr.write(
                    self.style.WARNING(f"{email} already exists with another password; kept as is.")
                )
            staff.append(user)
        return staff

    def _print_logins(self, staff: list[User], password: str) -> None:
        self.stdout.write("")
        self.stdout.write(f"Casework is at {settings.PUBLIC_URL}")
        admin = next((u for u in staff if u.role_id == "admin"), None)
        if admin is not None:
            self.stdout.write(self.style.SUCCESS(f"Admin login: {admin.email} / {password}"))
        self.stdout.write("Other demo logins (same password):")
        width = max(len(u.email) for u in staff)
        for user in staff:
            if user is not admin:
                self.stdout.write(f"  {user.email:<{width}}  {user.role_id:<12} {user.full_name}")
        roles = ", ".join(sorted(settings.MFA_REQUIRED_ROLES))
        if roles and settings.MFA_DEMO_BYPASS:
            self.stdout.write(
                f"Debug mode: these logins work without a second factor; with debug off, {roles} users must set "
                "up an authenticator app at their first sign-in."
            )
        elif roles:
            self.stdout.write(f"{roles} users set up an authenticator app at their first sign-in.")
