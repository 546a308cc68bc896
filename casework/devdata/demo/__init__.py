"""Demo data for `casework demo`: what it says (content) and how it is built (generator)."""

from casework.core import extras

# Faker writes the names, addresses and texts; it comes with the devdata extra (make run installs it).
extras.require("faker", "devdata", "casework demo and casework generate")
