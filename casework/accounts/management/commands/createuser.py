"""`casework createuser`: create a staff account from the command line, without prompts."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casework.accounts.services import create_user
from casework.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Create a staff account. The password must pass the password policy; "
        "exits non-zero when the email is taken or the role is unknown."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="sign-in email, unique (case-insensitive)")
        parser.add_argument("--password", required=True, help="password, checked against the password policy")
        parser.add_argument(
            "--role", required=True, help="role code, e.g. admin, manager, caseworker, viewer"
        )
        parser.add_argument("--first-name", default="", help="given name")
        parser.add_argument("--last-name", default="", help="family name")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = create_user(
                email=options["email"],
                password=options["password"],
                role=options["role"],
                first_name=options["first_name"],
                last_name=options["last_name"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"Created {user.email} with role {user.role_id}"))
