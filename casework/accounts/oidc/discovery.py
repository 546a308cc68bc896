"""The identity provider's endpoints, read from its discovery document (`<issuer>/.well-known/openid-configuration`)
and kept in the cache, so a sign-in does not fetch it again; an unreachable provider is PROVIDER_UNAVAILABLE (the
password sign-in keeps working)."""

from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache

from casework.accounts.oidc import errors

CACHE_SECONDS = 3600
# The endpoints a sign-in needs; a document without them is refused like an unreachable provider.
REQUIRED = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str


def enabled() -> bool:
    """Single sign-on is on when an issuer is configured (CASEWORK_OIDC_ISSUER)."""
    return bool(settings.OIDC_ISSUER)


def _cache_key() -> str:
    return f"casework:oidc:discovery:{settings.OIDC_ISSUER}"


def provider() -> Provider:
    """The configured provider's endpoints, from the cache or its discovery document."""
    document = cache.get(_cache_key())
    if document is None:
        document = _fetch(settings.OIDC_ISSUER)
        cache.set(_cache_key(), document, CACHE_SECONDS)
    return Provider(
        issuer=document["issuer"],
        authorization_endpoint=document["authorization_endpoint"],
        token_endpoint=document["token_endpoint"],
        jwks_uri=document["jwks_uri"],
        userinfo_endpoint=document.get("userinfo_endpoint") or "",
    )


def _fetch(issuer: str) -> dict[str, str]:
    url = f"{issuer.rstrip('/')}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise errors.PROVIDER_UNAVAILABLE() from exc
    if not isinstance(document, dict) or any(not isinstance(document.get(k), str) for k in REQUIRED):
        raise errors.PROVIDER_UNAVAILABLE()
    # OpenID Connect Discovery 4.3: the document's issuer must be the one configured.
    if document["issuer"].rstrip("/") != issuer.rstrip("/"):
        raise errors.PROVIDER_UNAVAILABLE()
    return {k: v for k, v in document.items() if isinstance(v, str)}


def forget() -> None:
    """Drop the cached document (the tests start a provider per session; an operator can call it after a move)."""
    cache.delete(_cache_key())
