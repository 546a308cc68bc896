"""The case screens: the case list, intake, the case detail page with its own forms, the contact pages."""
