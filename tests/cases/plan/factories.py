"""Factories and builders for a case's plan: delivered services and milestones inserted directly, links made
through the service (so that both halves exist), a valid body for recording a service."""

import factory
from django.utils import timezone

from casework.cases.plan.models import CaseMilestone, DeliveredService
from casework.cases.plan.services import relationships
from tests.cases.factories import CaseFactory


class DeliveredServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveredService

    case = factory.SubFactory(CaseFactory)
    service_name = factory.Sequence(lambda n: f"Counseling session {n}")
    service_type = "counseling"
    service_date = factory.LazyFunction(timezone.localdate)


class CaseMilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseMilestone

    case = factory.SubFactory(CaseFactory)
    milestone_name = factory.Sequence(lambda n: f"Milestone {n}")
    sort_order = factory.Sequence(lambda n: n)


def link(case, other, kind="related", actor=None):
    return relationships.add_relationship(
        actor=actor, case_id=case.pk, related_case_id=other.pk, relationship_type=kind
    )


def service_body(**overrides):
    body = {
        "service_name": "Tenancy law advice",
        "service_type": "legal",
        "service_provider": "Legal Aid Society",
        "service_date": "2026-02-10",
        "start_time": "09:00",
        "end_time": "10:30",
        "status": "completed",
        "outcome": "Eviction postponed",
        "cost": "125.50",
        "currency": "USD",
    }
    body.update(overrides)
    return body
