"""The generated tables' columns, in the order the row builders write each tuple (and COPY reads it)."""

USER_COLUMNS = (
    "id", "password", "last_login", "is_superuser", "email", "first_name", "last_name", "is_active", "is_staff",
    "token_version", "date_joined", "role_id",
)  # fmt: skip
CASE_COLUMNS = (
    "id", "created_at", "updated_at", "row_version", "case_number", "contact_id", "case_type_id", "status_id",
    "priority", "title", "description", "source", "referral_source", "intake_date", "opened_date",
    "closed_date", "due_date", "assigned_to_id", "assigned_team_id", "outcome", "outcome_notes",
    "closure_reason", "intake_data", "custom_data", "is_urgent", "requires_followup", "followup_date", "tags",
    "created_by_id", "modified_by_id",
)  # fmt: skip
NOTE_COLUMNS = (
    "id", "created_at", "updated_at", "case_id", "note_type", "subject", "content", "is_internal",
    "is_important", "previous_status_id", "new_status_id", "attachments", "created_by_id", "kind", "params",
)  # fmt: skip
IMPACT_COLUMNS = (
    "id", "created_at", "updated_at", "interaction_id", "outcome_definition_id", "impact", "attribution",
    "intensity", "evidence_note", "created_by_id",
)  # fmt: skip
DOCUMENT_COLUMNS = (
    "id", "created_at", "updated_at", "case_id", "document_name", "document_type", "description", "file",
    "file_size", "mime_type", "access_level", "version", "parent_document_id", "is_latest", "uploaded_by_id",
)  # fmt: skip
CONTACT_COLUMNS = (
    "id", "created_at", "updated_at", "row_version", "first_name", "last_name", "email", "phone",
    "date_of_birth", "street", "city", "postal_code", "country", "notes", "created_by_id",
)  # fmt: skip
FARMER_COLUMNS = ("id", "created_at", "updated_at", "contact_id", "email", "is_active")
FARM_COLUMNS = (
    "id", "created_at", "updated_at", "row_version", "name", "cvr", "street", "postal_code", "city", "country",
    "owner_id",
)  # fmt: skip
NATURECHECK_COLUMNS = (
    "id", "created_at", "updated_at", "row_version", "farm_id", "consultant_id", "assigned_by_id", "status",
    "priority", "notes", "assigned_at",
)  # fmt: skip
CITIZEN_COLUMNS = (
    "id", "fid", "street_name", "building_number", "flat_number", "first_name", "last_name", "family_number",
    "phone1", "phone2", "phone3", "is_answered_the_call", "is_lonely", "is_address_wrong", "new_street_name",
    "new_building_number", "new_flat_number", "has_safe_room", "has_private_shelter", "has_public_shelter",
    "has_mobility_restriction", "is_dead", "is_left_the_city", "has_temporary_address", "is_temporary_abroad",
    "temporary_street_name", "temporary_building_number", "temporary_flat_number", "status", "locked_by_id",
    "locked_until", "last_updated_by_id", "last_updated_at", "created_at", "appearance_count",
    "first_appearance_at", "second_appearance_at", "third_appearance_at",
)  # fmt: skip
CALLCENTER_CASE_COLUMNS = ("id", "citizen_id", "callcenter_case_number", "created_at", "updated_at")
