"""The house: dependencies between the app's packages run one way, so there is no import cycle.

Each package under `parking/` (auth, lots, reservations, ...) is a node; an import of another
package, anywhere in its files (function bodies too), is an edge. Shared modules directly under
`parking/` (db, errors, cache, queue, ...) sit below every package and are not nodes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import parking

ROOT = Path(parking.__file__).parent


def _package_imports() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2 or parts[0] == "migrations":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                target = name.split(".")
                other_package = len(target) > 1 and target[1] != parts[0]
                if target[0] == "parking" and other_package and (ROOT / target[1]).is_dir():
                    edges.setdefault(parts[0], set()).add(target[1])
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle among the packages, as a path, or None."""
    visiting: list[str] = []
    done: set[str] = set()

    def visit(package: str) -> list[str] | None:
        if package in visiting:
            return visiting[visiting.index(package) :] + [package]
        if package in done:
            return None
        visiting.append(package)
        for target in sorted(edges.get(package, ())):
            if found := visit(target):
                return found
        visiting.pop()
        done.add(package)
        return None

    for package in sorted(edges):
        if found := visit(package):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}}) is None


def test_no_package_imports_one_that_imports_it_back():
    edges = _package_imports()
    assert edges, "no imports between packages found: is the walk looking in the right place?"
    assert _cycle(edges) is None


def test_the_booking_core_depends_on_nothing_above_it():
    edges = _package_imports()
    assert edges.get("auth", set()) == set()
    assert edges.get("reservations", set()) <= {"auth"}
    assert edges.get("notifications", set()) <= {"auth"}  # delivery only
