"""The call center screens: the operators' queue and calls, the 106 page, the admins' list tools."""
