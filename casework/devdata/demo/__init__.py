"""Demo data for `casework demo`: what it says (content) and how it is built (generator)."""
