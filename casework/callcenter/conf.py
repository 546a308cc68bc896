"""The call center's settings, read at call time so tests and deployments can change them.

Each comes from `casework.config.settings` (fed by the CASEWORK_CALLCENTER_* environment variables) and falls
back to the default here when the setting is absent.
"""

import re
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def lock_duration() -> timedelta:
    """How long a record handed out by the queue stays locked to its operator."""
    return timedelta(minutes=int(getattr(settings, "CALLCENTER_LOCK_MINUTES", 30)))


def retry_delay() -> timedelta:
    """How long an unanswered citizen waits after an attempt before the queue offers them again, so the
    attempts before a 106 case are spread out rather than three clicks in a minute. Zero or more minutes: the
    admins' configuration row when there is one, else the CALLCENTER_RETRY_DELAY_MINUTES setting."""
    # By name: importing the model here makes an import cycle (services → conf → models) that stops the mypy
    # Django plugin from resolving CitizenRecord's manager.
    CallcenterConfiguration = apps.get_model("callcenter", "CallcenterConfiguration")

    configured = CallcenterConfiguration.objects.values_list("retry_delay_minutes", flat=True).first()
    minutes = (
        configured if configured is not None else int(getattr(settings, "CALLCENTER_RETRY_DELAY_MINUTES", 30))
    )
    if minutes < 0:
        raise ImproperlyConfigured("CALLCENTER_RETRY_DELAY_MINUTES must be zero or more.")
    return timedelta(minutes=minutes)


def appearance_threshold() -> int:
    """A record handed out this many times leaves the queue (it waits for a 106 case)."""
    return int(getattr(settings, "CALLCENTER_APPEARANCE_THRESHOLD", 3))


def case_number_pattern() -> re.Pattern[str]:
    """What a 106 case number looks like; matched against the whole value, ASCII digits only for \\d."""
    return re.compile(getattr(settings, "CALLCENTER_CASE_NUMBER_PATTERN", r"^\d{6}$"), re.ASCII)


def hotline_url() -> str:
    """The municipality's 106 system, linked from the operator's screen; empty when not configured."""
    return str(getattr(settings, "CALLCENTER_106_URL", ""))
