"""Single sign-on with OpenID Connect (issue 15): staff sign in to the web UI with their organisation's identity
provider (Entra ID, Google Workspace, Keycloak ...), through mozilla-django-oidc. A sub-package with the rooms it
needs: `discovery` (the provider's endpoints), `services` (which account a sign-in is, and its role), `backend`
(mozilla-django-oidc's backend, mapping the provider's claims to the service), `errors`."""
