"""A registry of derived stores: data kept from other rows for fast reads (the case tally, the case search rows,
the outcome tags' report columns).

The services keep each store exact as they write. A bulk path that writes rows behind their back (`casework
generate`, `casework demo`, a repair) calls `rebuild_all()` once afterwards, in its transaction, instead of
knowing every store. Each app registers its stores in its `AppConfig.ready()`; Django runs those in
INSTALLED_APPS order, which follows the layers, so the stores are rebuilt in registration order: an app's stores
after those of the apps it builds on. The kernel imports no domain app: the stores come to it.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DerivedStore:
    """One store: `rebuild(only_missing=...)` makes it exact from its source rows (with `only_missing`, the
    caller only inserted rows, so the store may fill in only what they lack); `matches_recount()`, when given,
    says whether the store equals a recount from the source rows (tests, repairs)."""

    name: str
    rebuild: Callable[..., object]
    matches_recount: Callable[[], bool] | None = None


_stores: dict[str, DerivedStore] = {}


def register(
    name: str, *, rebuild: Callable[..., object], matches_recount: Callable[[], bool] | None = None
) -> None:
    """Register (or, under the same name, replace in its place) a derived store."""
    _stores[name] = DerivedStore(name, rebuild, matches_recount)


def stores() -> list[DerivedStore]:
    """The registered stores, in rebuild order."""
    return list(_stores.values())


def rebuild_all(*, only_missing: bool = False) -> dict[str, float]:
    """Rebuild every registered store, in order, in the caller's transaction; returns the seconds each took.

    `only_missing`: the caller only inserted rows (a bulk load), so a store may skip what is already there."""
    seconds: dict[str, float] = {}
    for store in stores():
        started = time.monotonic()
        store.rebuild(only_missing=only_missing)
        seconds[store.name] = time.monotonic() - started
    return seconds
