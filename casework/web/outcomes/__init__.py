"""Outcomes in the UI: tags on the timeline's notes, and the outcomes report with its CSV export."""
