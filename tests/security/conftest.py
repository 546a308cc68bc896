"""Fixtures of the security suite: a world with one of everything, and a throwaway MEDIA_ROOT."""

from pathlib import Path

import pytest

from tests.security.world import World, build_world


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def fast_hashing(settings):
    """Argon2 costs a quarter second per account; the world has seven."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db, fast_hashing) -> World:
    return build_world()
