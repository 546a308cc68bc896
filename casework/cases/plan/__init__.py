"""A case's plan: the links between cases, the services delivered for a case, its milestones.

A sub-domain of cases with the rooms of an app (models, querysets, access, services, schemas, api, admin,
errors). The plan imports `casework.cases`; `casework.cases` never imports the plan (an import-linter contract).
"""
