"""Intake data for demo and generated cases: a value for every required custom field of the case type and for
85 % of the others, drawn from the demo's samples where they still fit the field, and always valid under the
type's current definitions (`clean_values`), as the services would demand."""

import datetime as dt
import random
from typing import Any

from faker import Faker

from casework.cases.models import CaseType
from casework.core.custom_fields import clean_values
from casework.core.errors import DomainError
from casework.devdata.demo import content


def intake_data(case_type: CaseType, day: dt.date, *, rng: random.Random, fake: Faker) -> dict[str, Any]:
    """The intake data of one case of `case_type` taken in on `day`."""
    values: dict[str, Any] = {}
    for definition in case_type.custom_fields or []:
        if definition.get("required") or rng.random() < 0.85:
            values[definition["key"]] = _field_value(definition, day, rng=rng, fake=fake)
    return clean_values(case_type.custom_fields, values, field="intake_data")


def _field_value(definition: dict[str, Any], day: dt.date, *, rng: random.Random, fake: Faker) -> Any:
    key, kind = definition["key"], definition["type"]
    if key in content.FIELD_SAMPLES:
        sample = rng.choice(content.FIELD_SAMPLES[key])
        try:  # an admin may since have redefined the field; then fall back to a generic value
            clean_values([definition], {key: sample}, field="intake_data")
            return sample
        except DomainError:
            pass
    if kind == "date":
        return (day + dt.timedelta(days=rng.randint(7, 90))).isoformat()
    if kind in {"integer", "number"}:
        low = definition.get("min", 0)
        high = definition.get("max", low + (6 if kind == "integer" else 2000))
        return rng.randint(int(low), int(high)) if kind == "integer" else round(rng.uniform(low, high), 2)
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "select":
        return rng.choice(definition["options"])
    if kind == "multiselect":
        return rng.sample(definition["options"], rng.randint(1, min(2, len(definition["options"]))))
    text = fake.paragraph() if kind == "textarea" else fake.sentence(nb_words=6)
    return text[: int(definition.get("max_length", 255))]
