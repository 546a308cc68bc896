"""The code's layout rules (docs/architecture.md), checked on the source tree itself.

- no import cycles between modules of `casework` (function-level imports count, `TYPE_CHECKING` blocks do not);
- no module named after a room or a sub-domain with a prefix or suffix (`plan_services`, `forms_x`, `x_errors`):
  a sub-domain is a sub-package with the same rooms;
- no source file over 500 lines outside migrations.
"""

import re
from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parents[2] / "casework"
MAX_LINES = 500
ROOMS = "models|querysets|access|services|schemas|api|admin|errors|forms|reads|views|urls|tasks"
PREFIXED = re.compile(rf"^(plan|forms|reads|api|admin)_\w+$|^\w+_({ROOMS})$")


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _source_files() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]


def test_no_module_of_casework_imports_itself_through_others():
    graph = grimp.build_graph("casework", exclude_type_checking_imports=True, cache_dir=None)
    cycles = _cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join(" ⇄ ".join(c) for c in cycles)


def test_no_module_is_named_with_a_room_or_sub_domain_prefix():
    named = sorted(
        str(p.relative_to(PACKAGE.parent))
        for p in _source_files()
        if PREFIXED.match(p.stem) and p.stem not in {"test_settings"}
    )
    assert not named, "use a sub-package with the same rooms instead of: " + ", ".join(named)


def test_no_source_file_is_longer_than_500_lines():
    long = sorted(
        f"{p.relative_to(PACKAGE.parent)} ({n})"
        for p in _source_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    )
    assert not long, "split these: " + ", ".join(long)
