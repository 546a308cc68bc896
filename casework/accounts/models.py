"""Staff accounts and the roles that decide what they may do."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class Role(models.Model):
    """A named set of permission codes (`cases.view`, `cases.change`, ... or `*` for everything).

    Roles are configuration: seeded by a data migration, editable by admins, checked only through
    `casework.core.permissions`.
    """

    code = models.SlugField(max_length=40, primary_key=True, verbose_name=_("Code"))
    name = models.CharField(max_length=80, verbose_name=_("Name"))
    description = models.TextField(blank=True, verbose_name=_("Description"))
    permissions = models.JSONField(default=list, blank=True, verbose_name=_("Permissions"))

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def allows(self, permission: str) -> bool:
        granted = self.permissions or []
        if "*" in granted or permission in granted:
            return True
        domain = permission.split(".", 1)[0]
        return f"{domain}.*" in granted


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("role_id", "admin")
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: staff of the organisation, identified by email.

    `token_version` is embedded in every API token; raising it (password change, deactivation) revokes
    all tokens issued before.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False, verbose_name=_("ID"))
    email = models.EmailField(unique=True, verbose_name=_("Email"))
    first_name = models.CharField(max_length=100, blank=True, verbose_name=_("First name"))
    last_name = models.CharField(max_length=100, blank=True, verbose_name=_("Last name"))
    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, related_name="users", default="viewer", verbose_name=_("Role")
    )
    is_active = models.BooleanField(default=True, verbose_name=_("Active"))
    is_staff = models.BooleanField(
        default=False,
        help_text=_("May sign in to the configuration screens"),
        verbose_name=_("Configuration access"),
    )
    token_version = models.PositiveIntegerField(default=1, verbose_name=_("Token version"))
    date_joined = models.DateTimeField(default=timezone.now, verbose_name=_("Date joined"))

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def has_role_permission(self, permission: str) -> bool:
        return self.is_active and self.role.allows(permission)

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """The hash a web session keeps of its user (Django's `get_session_auth_hash` and its fallbacks): it covers
        the password and `token_version`, so whatever revokes the API tokens (a password change, a deactivation,
        an administrator's reset of the second factor) also signs out every web session of the user at its next
        request, in Django's own AuthenticationMiddleware, with no query of its own. (Introducing this signed
        every session out once.)"""
        return salted_hmac(
            "casework.accounts.models.User.get_session_auth_hash",
            f"{self.password}\x00{self.token_version}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class Team(models.Model):
    """A group of staff a case can be assigned to (Housing Team, Intake Desk ...)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False, verbose_name=_("ID"))
    name = models.CharField(max_length=100, unique=True, verbose_name=_("Name"))
    description = models.TextField(blank=True, verbose_name=_("Description"))
    is_active = models.BooleanField(default=True, verbose_name=_("Active"))
    members = models.ManyToManyField(User, blank=True, related_name="teams", verbose_name=_("Members"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Created"))

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
