"""Demo outcomes for `casework demo`: a handful of definitions, and about 30% of the case notes tagged.

Written with bulk_create, bypassing the services on purpose (thousands of rows); it keeps their invariants:
only active definitions, one tag per (note, outcome), attribution and intensity within their ranges.
Idempotent: missing definitions are added by key, and notes are tagged only while no tag exists at all.
"""

import random
from typing import Any

from django.db import transaction

from casework.cases.models import CaseNote, NoteType
from casework.outcomes.models import Attribution, InteractionOutcomeImpact, OutcomeDefinition

TAGGED_SHARE = 0.3

# key, name, description, category
DEFINITIONS = [
    ("housing_stabilized", "Housing stabilized", "The client moved into or kept stable housing", "housing"),
    ("eviction_prevented", "Eviction prevented", "An eviction was stopped or postponed", "housing"),
    ("employment_obtained", "Employment obtained", "The client started a job", "employment"),
    ("employment_maintained", "Employment maintained", "The client kept a job at risk", "employment"),
    ("benefits_secured", "Benefits secured", "A benefit or allowance was granted", "financial"),
    ("crisis_resolved", "Crisis resolved", "An acute crisis was de-escalated and resolved", "crisis"),
    ("health_care_connected", "Connected to health care", "The client was linked to a provider", "health"),
    (
        "legal_issue_resolved",
        "Legal issue resolved",
        "A legal matter was settled in the client's favour",
        "legal",
    ),
]

# Case types whose notes most plausibly move which outcomes; other types draw from all definitions.
LIKELY_BY_CASE_TYPE = {
    "Housing": ["housing_stabilized", "eviction_prevented"],
    "Employment": ["employment_obtained", "employment_maintained"],
    "Financial Assistance": ["benefits_secured"],
    "Crisis Intervention": ["crisis_resolved"],
    "Healthcare": ["health_care_connected"],
    "Legal Assistance": ["legal_issue_resolved"],
}

EVIDENCE = [
    "Confirmed by the client on the call.",
    "Letter received and filed.",
    "Verified with the provider.",
    "",
    "",
]


@transaction.atomic
def load_demo(*, rng: random.Random, stdout: Any) -> None:
    """Add the demo outcome definitions that are missing, then tag about 30% of the notes once."""
    existing = set(OutcomeDefinition.objects.values_list("key", flat=True))
    new = [
        OutcomeDefinition(key=key, name=name, description=description, category=category, sort_order=position)
        for position, (key, name, description, category) in enumerate(DEFINITIONS)
        if key not in existing
    ]
    OutcomeDefinition.objects.bulk_create(new)
    if InteractionOutcomeImpact.objects.exists():
        stdout.write(f"Outcomes: {len(new)} definitions added; notes already tagged, none added.")
        return

    definitions = {d.key: d for d in OutcomeDefinition.objects.active()}
    if not definitions:
        stdout.write("Outcomes: no active definitions, no notes tagged.")
        return
    notes = (
        CaseNote.objects.exclude(note_type=NoteType.STATUS_CHANGE)
        .order_by("created_at", "id")
        .values_list("pk", "created_by_id", "case__case_type__name")
    )
    tags = []
    for note_id, author_id, case_type_name in notes.iterator(chunk_size=2000):
        if rng.random() >= TAGGED_SHARE:
            continue
        likely = [definitions[k] for k in LIKELY_BY_CASE_TYPE.get(case_type_name, ()) if k in definitions]
        pool = likely or list(definitions.values())
        for definition in rng.sample(pool, k=min(len(pool), rng.choice((1, 1, 1, 2)))):
            tags.append(
                InteractionOutcomeImpact(
                    interaction_id=note_id,
                    outcome_definition=definition,
                    attribution=rng.choices(Attribution.values, weights=(5, 3, 2))[0],
                    intensity=rng.choice((None, 2, 3, 3, 4, 5)),
                    evidence_note=rng.choice(EVIDENCE),
                    created_by_id=author_id,
                )
            )
    # Their report columns (copies of the note) are filled by `casework demo`'s rebuild of the derived stores.
    InteractionOutcomeImpact.objects.bulk_create(tags, batch_size=1000)
    stdout.write(f"Outcomes: {len(new)} definitions added, {len(tags)} outcome tags on notes.")
