"""Use cases of a case's plan, one module per part: `relationships` (links between cases),
`delivered` (services delivered for a case), `milestones`.

Every write records an audit event on the case it concerns (on both cases for a link).
"""
