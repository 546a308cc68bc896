"""Possible duplicates of a contact about to be registered: the same email or phone once normalised, the same
name and date of birth, or a close spelling of the name.

The database narrows the candidates with plain lookups that work on SQLite and PostgreSQL alike; the rules are
then decided here in Python (`difflib` for spellings), so both databases find the same matches.
"""

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from casework.contacts.models import Contact

# How alike two full names must be (difflib's ratio, 0..1) to count as a close spelling: "Jensen" / "Jenssen".
CLOSE_SPELLING = 0.85
# Digits compared from the end, so "+45 12 34 56 78", "0045 12345678" and "12 34 56 78" are one number.
PHONE_DIGITS = 8
# The candidates a close-spelling search reads at most (they share the start of the last name).
MAX_CANDIDATES = 500
MAX_MATCHES = 10


def normal_email(email: str | None) -> str:
    return (email or "").strip().lower()


def normal_phone(phone: str | None) -> str:
    """The number's last digits, without spaces, punctuation or a country prefix ("" for too short a number)."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-PHONE_DIGITS:] if len(digits) >= PHONE_DIGITS else ""


def _full_name(first_name: str, last_name: str) -> str:
    return " ".join(f"{first_name} {last_name}".lower().split())


@dataclass
class Match:
    contact: Contact
    # Why it may be the same person: "email", "phone", "name_and_birth_date", "similar_name".
    reasons: list[str] = field(default_factory=list)


def possible_matches(
    *,
    first_name: str = "",
    last_name: str = "",
    email: str | None = "",
    phone: str | None = "",
    date_of_birth: date | None = None,
    limit: int = MAX_MATCHES,
) -> list[Match]:
    """The contacts that may be the person described, strongest reasons first (email and phone before names)."""
    wanted_email, wanted_phone = normal_email(email), normal_phone(phone)
    wanted_name = _full_name(first_name, last_name)
    narrowing = Q(pk__in=[])
    if wanted_email:
        narrowing |= Q(email__iexact=wanted_email)
    if wanted_phone:
        # The number's last digits, with anything but digits between them, at the end (Django's regex lookup
        # runs on SQLite and PostgreSQL alike); the full rule is checked below.
        narrowing |= Q(phone__regex=r"\D*".join(wanted_phone) + r"\D*$")
    if last_name.strip():
        narrowing |= Q(last_name__istartswith=last_name.strip()[:2])
    candidates = Contact.objects.filter(narrowing).order_by("last_name", "first_name", "id")[:MAX_CANDIDATES]
    matches = []
    for contact in candidates:
        reasons = []
        if wanted_email and normal_email(contact.email) == wanted_email:
            reasons.append("email")
        if wanted_phone and normal_phone(contact.phone) == wanted_phone:
            reasons.append("phone")
        name = _full_name(contact.first_name, contact.last_name)
        if wanted_name and date_of_birth and contact.date_of_birth == date_of_birth and name == wanted_name:
            reasons.append("name_and_birth_date")
        elif wanted_name and difflib.SequenceMatcher(None, name, wanted_name).ratio() >= CLOSE_SPELLING:
            reasons.append("similar_name")
        if reasons:
            matches.append(Match(contact=contact, reasons=reasons))
    strength = {"email": 0, "phone": 0, "name_and_birth_date": 1, "similar_name": 2}
    matches.sort(key=lambda match: min(strength[reason] for reason in match.reasons))
    return matches[:limit]
