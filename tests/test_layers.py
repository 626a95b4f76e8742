"""The packages' layering (ARCHITECTURE.md), checked over every import in the source.

Lower layers never import higher ones; siblings on one layer never import each other;
the shells (pages, CLIs) reach the index only through the application layer; no cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["kb", "ingest", "ui", "app.py"]
SHELLS = ("kb.cli", "kb.__main__", "ingest.cli", "ingest.__main__", "ui", "app")
# Lowest first. Units on one layer are independent of each other.
LAYERS: list[tuple[str, ...]] = [
    ("kb.core",),
    ("kb.index",),
    ("ingest", "kb.answer"),
    ("kb.app",),
    ("kb.eval",),
    ("shell",),
]


def _below_the_app(shell: str, target: str) -> bool:
    """What a shell may not import although it is below it: the index (the pages and
    CLIs never touch a store) and, except for ingest's own CLI, ingest."""
    if _within(target, "kb.index"):
        return True
    return _within(target, "ingest") and not _within(shell, "ingest")


def _module(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def unit(module: str) -> str | None:
    if any(_within(module, shell) for shell in SHELLS):
        return "shell"
    for layer in LAYERS:
        for name in layer:
            if _within(module, name):
                return name
    return None


def rank(name: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if name in layer)


def _top_level(tree: ast.Module) -> list[ast.stmt]:
    """The statements run on import: the body, into ifs and trys, but not functions,
    classes or ``if TYPE_CHECKING`` blocks."""
    todo, found = list(tree.body), []
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, ast.If):
            if "TYPE_CHECKING" not in ast.unparse(node.test):
                todo += node.body + node.orelse
        elif isinstance(node, ast.Try):
            todo += node.body + node.orelse + node.finalbody
            todo += [s for h in node.handlers for s in h.body]
    return found


def imports(root: Path = ROOT, *, top_level: bool = False) -> dict[str, set[str]]:
    """Every project module and the project modules it imports: anywhere in the file,
    or only ``top_level`` (what runs when the module is imported)."""
    files = [
        p for s in SOURCES for p in ([root / s] if s.endswith(".py") else (root / s).rglob("*.py"))
    ]
    found: dict[str, set[str]] = {}
    for path in files:
        module = _module(path, root)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        targets: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in _top_level(tree) if top_level else ast.walk(tree):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets.add(base)
                targets.update(f"{base}.{alias.name}" for alias in node.names)
        found[module] = {t for t in targets if unit(t) is not None}
    known = set(found)
    # "from pkg import name" names a module only when pkg.name is one.
    return {m: {t for t in ts if t in known} for m, ts in found.items()}


def violations(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, targets in graph.items():
        own = unit(module)
        if own is None:
            continue
        for target in sorted(targets):
            other = unit(target)
            if other is None or other == own:
                continue
            if own == "shell" and _below_the_app(module, target):
                wrong.append(f"{module} -> {target}: a page or CLI reaches below kb.app")
            elif rank(other) >= rank(own):
                wrong.append(f"{module} ({own}) -> {target} ({other}): upward or sideways")
    return wrong


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles between modules (a package counts as its __init__ module)."""
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_imports_only_go_down_the_layers():
    assert violations(imports()) == []


def packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graph between packages (a module counts as its package, a shell as itself)."""
    names = {m for m in graph if any(o.startswith(m + ".") for o in graph)}

    def package(module: str) -> str:
        if module in names or unit(module) == "shell":  # a CLI is above its package
            return module
        return module.rpartition(".")[0] or module

    found: dict[str, set[str]] = {}
    for module, targets in graph.items():
        own = package(module)
        found.setdefault(own, set()).update(package(t) for t in targets if package(t) != own)
    return found


def test_no_import_cycle():
    """No cycle between packages; inside one, none among the imports run on import."""
    assert cycles(packages(imports())) == []
    assert cycles(imports(top_level=True)) == []


def test_the_check_catches_an_upward_import(tmp_path):
    (tmp_path / "kb" / "core").mkdir(parents=True)
    (tmp_path / "kb" / "app").mkdir()
    (tmp_path / "ingest").mkdir()
    (tmp_path / "ui").mkdir()
    (tmp_path / "app.py").write_text("")
    (tmp_path / "kb" / "core" / "a.py").write_text("from kb.app import b\n")
    (tmp_path / "kb" / "app" / "b.py").write_text("import kb.core.a\n")
    (tmp_path / "ingest" / "x.py").write_text("from kb.app.b import thing\n")
    (tmp_path / "ui" / "page.py").write_text("from ingest import x\n")
    graph = imports(tmp_path)
    assert graph["kb.core.a"] == {"kb.app.b"}
    found = violations(graph)
    assert any(v.startswith("kb.core.a (kb.core) -> kb.app.b") for v in found)
    assert any(v.startswith("ingest.x (ingest) -> kb.app.b") for v in found)
    assert any(v.startswith("ui.page -> ingest.x") for v in found)
    assert not any(v.startswith("kb.app.b") for v in found)
    assert cycles(graph) == [["kb.app.b", "kb.core.a", "kb.app.b"]]
    assert cycles(packages(graph)) == [["kb.app", "kb.core", "kb.app"]]
