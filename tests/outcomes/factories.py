"""factory-boy factories for outcome definitions and tags."""

import factory

from casework.outcomes.models import InteractionOutcomeImpact, OutcomeDefinition
from casework.outcomes.services import rebuild_report_columns
from tests.cases.factories import CaseNoteFactory


class OutcomeDefinitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeDefinition

    key = factory.Sequence(lambda n: f"outcome_{n}")
    name = factory.Sequence(lambda n: f"Outcome {n}")
    sort_order = factory.Sequence(lambda n: n)


class ImpactFactory(factory.django.DjangoModelFactory):
    """A tag inserted directly (bypassing services) for tests that need existing tags."""

    class Meta:
        model = InteractionOutcomeImpact

    interaction = factory.SubFactory(CaseNoteFactory)
    outcome_definition = factory.SubFactory(OutcomeDefinitionFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        tag = super()._create(model_class, *args, **kwargs)
        # Inserted behind the services' back: the report's copies of the note are filled as after a bulk load.
        rebuild_report_columns(only_missing=True)
        tag.refresh_from_db()
        return tag
