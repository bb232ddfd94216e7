"""The package layout the README promises: `core/` imports no domain, and no two packages
import each other (directly or round a longer cycle)."""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"


def _imports(package: Path) -> set[str]:
    found: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            found |= {n.split(".")[1] for n in names if n.startswith("app.") and n.count(".")}
    return found - {package.name}


def _graph() -> dict[str, set[str]]:
    return {p.name: _imports(p) for p in APP.iterdir() if p.is_dir() and any(p.glob("*.py"))}


def test_core_imports_no_domain_package() -> None:
    assert _graph()["core"] <= {"models"}


def test_no_import_cycle_between_packages() -> None:
    graph = _graph()
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from exc
