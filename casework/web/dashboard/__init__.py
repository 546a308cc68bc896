"""The home page: the dashboard with its inbox of notifications, or a module's own start page."""
