"""mozilla-django-oidc's authentication backend, configured from the provider's discovery document: it checks
state, nonce and PKCE (in its views), the ID token's signature against the provider's keys and its expiry; this
subclass adds the issuer and audience checks (the library leaves the audience unchecked) and hands the claims to
`services.sign_in`, which decides the account. A refusal is raised as the service's error, for the view to show."""

from typing import Any

import jwt
from django.conf import settings
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from casework.accounts.models import User
from casework.accounts.oidc import discovery, errors, services

# The request attribute the backend leaves the identity on, for the view (the second factor's decision).
IDENTITY_ATTRIBUTE = "casework_oidc_identity"


class OIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The endpoints come from the discovery document when a sign-in needs them, not from settings at start.
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = User

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback view calls with a nonce; a password sign-in passes by.
        if request is None or "nonce" not in kwargs or not discovery.enabled():
            return None
        found = discovery.provider()
        self.OIDC_OP_TOKEN_ENDPOINT = found.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = found.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = found.jwks_uri
        self.issuer = found.issuer
        return super().authenticate(request, **kwargs)

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload = super().verify_token(token, **kwargs)  # signature, expiry (when present), nonce
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise jwt.InvalidAudienceError("the ID token was issued for another client")
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise jwt.InvalidAudienceError("the ID token was issued to another authorized party")
        if str(payload.get("iss", "")).rstrip("/") != self.issuer.rstrip("/"):
            raise jwt.InvalidIssuerError("the ID token names another issuer")
        if not isinstance(payload.get("exp"), int | float):
            raise jwt.MissingRequiredClaimError("exp")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):  # OpenID Connect Core 5.3.2
                raise errors.SIGN_IN_FAILED()
            claims.update(
                {k: v for k, v in userinfo.items() if k not in {"iss", "aud", "exp", "iat", "nonce"}}
            )
        identity = identity_from_claims(claims, amr=payload.get("amr"))
        user = services.sign_in(identity)
        setattr(self.request, IDENTITY_ATTRIBUTE, identity)
        return user

    def get_user(self, user_id: Any) -> User | None:
        # As ModelBackend: a session of a deactivated user signs in no one.
        user = User.objects.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


def _values(claim: Any) -> tuple[str, ...]:
    if isinstance(claim, str):
        return (claim,)
    if isinstance(claim, list | tuple):
        return tuple(str(value) for value in claim)
    return ()


def identity_from_claims(claims: dict[str, Any], *, amr: Any) -> services.Identity:
    role_claim = settings.OIDC_ROLE_CLAIM
    verified = claims.get(settings.OIDC_EMAIL_VERIFIED_CLAIM)
    return services.Identity(
        email=str(claims.get("email") or ""),
        # Only a JSON true counts (some providers send the string "true": that is also accepted, nothing else).
        email_verified=verified is True or verified == "true",
        first_name=str(claims.get("given_name") or ""),
        last_name=str(claims.get("family_name") or ""),
        role_values=_values(claims.get(role_claim)) if role_claim and role_claim in claims else None,
        methods=_values(amr),
    )
