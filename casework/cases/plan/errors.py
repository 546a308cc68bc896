"""The error codes of a case's plan: stable strings that clients and the web UI branch on.

Raised, with their English message, as the core domain errors (`ValidationFailed`, `Conflict`); the codes the
plan shares with other domains (`blank`, `required`, `not_found`, `concurrent_modification`) are not listed.
"""

from enum import StrEnum


class PlanErrorCode(StrEnum):
    # links between cases
    SELF_LINK = "self_link"
    UNKNOWN_CASE = "unknown_case"
    RELATIONSHIP_EXISTS = "relationship_exists"
    RELATIONSHIP_CONTRADICTS = "relationship_contradicts"
    # services delivered
    END_BEFORE_START = "end_before_start"
    DURATION_EXCEEDS_SPAN = "duration_exceeds_span"
    NEGATIVE_COST = "negative_cost"
    # milestones
    NOT_COMPLETED = "not_completed"
    DATE_IN_FUTURE = "date_in_future"
    DUPLICATE_ID = "duplicate_id"
    UNKNOWN_ID = "unknown_id"
    INCOMPLETE_ORDER = "incomplete_order"
