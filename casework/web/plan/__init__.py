"""The case plan's panels on the case detail page: milestones, services delivered, related cases."""
