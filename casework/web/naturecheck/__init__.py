"""The Nature Check screens: farms, their cases, the consultant's inbox."""
