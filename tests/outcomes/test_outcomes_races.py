"""Several admins or caseworkers at once: each request is applied whole, never interleaved with another.

Real concurrent connections (threads), on SQLite and on PostgreSQL.
"""

import random
from collections import Counter

import pytest

from casework.outcomes.models import InteractionOutcomeImpact, OutcomeDefinition
from tests.accounts.factories import UserFactory
from tests.cases.factories import CaseNoteFactory
from tests.cases.test_races import run_at_once
from tests.conftest import ApiClient
from tests.outcomes.factories import OutcomeDefinitionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_reorders_end_in_one_of_the_complete_orders_never_a_mix():
    admin = UserFactory(role_id="admin")
    ids = [str(d.pk) for d in OutcomeDefinitionFactory.create_batch(12)]
    rng = random.Random(7)
    orders = [list(reversed(ids)), ids[6:] + ids[:6], rng.sample(ids, len(ids)), rng.sample(ids, len(ids))]

    def reorder(i):
        return ApiClient(admin).post("/admin/outcomes/reorder", {"orderedIds": orders[i]}).status_code

    for _round in range(3):  # a mix needs unlucky timing; a few rounds make a missing lock show reliably
        assert run_at_once(len(orders), reorder) == [200] * len(orders)
        final = [str(pk) for pk in OutcomeDefinition.objects.in_display_order().values_list("pk", flat=True)]
        assert final in orders
        assert sorted(OutcomeDefinition.objects.values_list("sort_order", flat=True)) == list(range(12))


def test_simultaneous_replaces_of_one_interactions_tags_leave_one_complete_set_not_their_union():
    worker = UserFactory(role_id="caseworker")
    note = CaseNoteFactory()
    definitions = OutcomeDefinitionFactory.create_batch(6)
    sets = [definitions[:3], definitions[2:]]  # overlapping on one outcome
    url = f"/cases/{note.case_id}/interactions/{note.pk}/outcomes"

    def replace(i):
        body = {"impacts": [{"outcomeDefinitionId": str(d.pk), "intensity": i + 1} for d in sets[i]]}
        return ApiClient(worker).put(url, body).status_code

    assert run_at_once(2, replace) == [200, 200]
    final = set(
        InteractionOutcomeImpact.objects.filter(interaction=note).values_list("outcome_definition", flat=True)
    )
    assert final in ({d.pk for d in sets[0]}, {d.pk for d in sets[1]})


def test_simultaneous_merges_of_the_same_outcome_keep_one_tag_and_no_request_fails():
    worker = UserFactory(role_id="caseworker")
    note = CaseNoteFactory()
    housing = OutcomeDefinitionFactory()
    url = f"/cases/{note.case_id}/interactions/{note.pk}/outcomes"

    def merge(i):
        body = {"impacts": [{"outcomeDefinitionId": str(housing.pk), "intensity": i + 1}], "mode": "merge"}
        return ApiClient(worker).put(url, body).status_code

    assert Counter(run_at_once(4, merge)) == Counter({200: 4})
    assert InteractionOutcomeImpact.objects.filter(interaction=note).count() == 1
