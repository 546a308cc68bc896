"""The provider's claims: each user's email, `email_verified`, role and `amr` come from users.json, so a test
chooses what the provider says; a user marked `expired` gets ID tokens whose `exp` has passed. Every callback
on this machine is an accepted redirect URI (the tests' live server listens on a port chosen at start)."""

import json
import time
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


def spec(username: str) -> dict[str, Any]:
    users = json.loads((settings.DIR / "users.json").read_text())
    return next((u for u in users if u["username"] == username), {})


class Validator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below, whatever the scopes

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = spec(request.user.username)
        return {"email": user.get("email", ""), **user.get("claims", {})}

    def get_id_token_dictionary(self, token: Any, token_handler: Any, request: Any) -> Any:
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        if spec(request.user.username).get("expired"):
            claims["exp"] = int(time.time()) - 600
        return claims, expiration

    def validate_redirect_uri(
        self, client_id: str, redirect_uri: str, request: Any, *args: Any, **kwargs: Any
    ) -> bool:
        parts = urlsplit(redirect_uri)
        return parts.hostname in {"127.0.0.1", "localhost", "testserver"} and parts.path == "/oidc/callback/"
