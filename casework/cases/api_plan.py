"""Relationships, services and milestones of a case."""

from ninja import Router

router = Router(tags=["case plan"])
