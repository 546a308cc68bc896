"""The second factor of sign-in: TOTP authenticators with recovery codes (django-otp's devices), the second step
of the API's login, enforcement by role (`MFA_REQUIRED_ROLES`) and an administrator's reset. A sub-package of
accounts with the rooms of an app; its models are django-otp's `TOTPDevice` and `StaticDevice`."""
