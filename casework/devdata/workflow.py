"""The configured case workflow as the data builders walk it: the transition graph and shortest paths in it."""

import random
from collections import deque
from typing import Any

from casework.cases.models import CaseStatus


def transition_graph(statuses: list[CaseStatus]) -> dict[Any, list[Any]]:
    """The allowed transitions between `statuses` (status id → the ids it may move to), in workflow order.

    Workflow order, not row order: the M2M rows were written in set (hash) order, which differs per database,
    and the same seed must give the same data everywhere."""
    active = {s.pk for s in statuses}
    position = {s.pk: i for i, s in enumerate(statuses)}
    graph: dict[Any, list[Any]] = {}
    for source, target in CaseStatus.can_transition_to.through.objects.order_by("pk").values_list(
        "from_casestatus_id", "to_casestatus_id"
    ):
        if source in active and target in active:
            graph.setdefault(source, []).append(target)
    for targets in graph.values():
        targets.sort(key=position.__getitem__)
    return graph


def shortest_path(
    graph: dict[Any, list[Any]], source: Any, target: Any, rng: random.Random
) -> list[Any] | None:
    """A shortest path in the transition graph (ties broken at random), or None when unreachable."""
    came_from: dict[Any, Any] = {source: None}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        if node == target:
            path = [node]
            while came_from[path[-1]] is not None:
                path.append(came_from[path[-1]])
            return path[::-1]
        neighbours = list(graph.get(node, []))
        rng.shuffle(neighbours)
        for nxt in neighbours:
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return None
