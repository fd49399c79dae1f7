"""Architecture contract: no two modules of framework_qa import each other at run time, directly or
through others (e.g. the window importing the lifecycle module that builds windows).

Every import counts, at module level or inside a function (a deferred import is still a run-time
dependency, only a later one); imports under `if TYPE_CHECKING:` do not, since they never run. Checked
over the syntax tree of every module, so a new file that closes a loop fails CI at once and names it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "framework_qa"


def _module_names(root: Path, package: str) -> dict[str, Path]:
    names: dict[str, Path] = {}
    for path in (root / package).rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imported(name: str, path: Path, modules: dict[str, Path], package: str) -> set[str]:
    """The package's modules `name` imports when it runs (a name imported from a package counts as its
    submodule if there is one, else as the package)."""
    found: set[str] = set()
    here = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def nearest(dotted: str) -> str | None:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child.test):
                for stmt in child.orelse:
                    visit_one(stmt)
            else:
                visit_one(child)

    def visit_one(node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == package and (target := nearest(alias.name)):
                    found.add(target)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.split(".")[0] != package:
                return
            for alias in node.names:
                target = f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else nearest(source)
                if target:
                    found.add(target)
        else:
            visit(node)

    visit(ast.parse(path.read_text("utf-8")))
    found.discard(name)
    return found


def import_cycles(root: Path, package: str) -> list[list[str]]:
    """Groups of modules that import each other at run time (strongly connected, more than one)."""
    modules = _module_names(root, package)
    graph = {name: _imported(name, path, modules, package) for name, path in modules.items()}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []
    for start in sorted(graph):  # Tarjan's algorithm, iteratively (no recursion limit to meet)
        if start in order:
            continue
        work = [(start, iter(sorted(graph[start])))]
        order[start] = low[start] = len(order)
        stack.append(start)
        while work:
            node, edges = work[-1]
            step = next(edges, None)
            if step is not None:
                if step not in order:
                    order[step] = low[step] = len(order)
                    stack.append(step)
                    work.append((step, iter(sorted(graph[step]))))
                elif step in stack:
                    low[node] = min(low[node], order[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == order[node]:
                group = []
                while True:
                    member = stack.pop()
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    cycles.append(sorted(group))
    return cycles


def test_no_module_of_the_package_takes_part_in_a_run_time_import_cycle() -> None:
    assert import_cycles(ROOT, PACKAGE) == []


def test_the_contract_sees_deferred_imports_and_ignores_type_checking_ones(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "window").mkdir(parents=True)
    for init in (pkg / "__init__.py", pkg / "window" / "__init__.py"):
        init.write_text("")
    (pkg / "main.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                 "    from pkg.window.projects import open_it\n")
    (pkg / "window" / "projects.py").write_text("def open_it():\n    from pkg.main import Window\n")
    assert import_cycles(tmp_path, "pkg") == []  # only a type annotation points back: no cycle
    (pkg / "main.py").write_text("class Window:\n    def new(self):\n        from .window import projects\n")
    assert import_cycles(tmp_path, "pkg") == [["pkg.main", "pkg.window.projects"]]
    assert len(_module_names(ROOT, PACKAGE)) > 100  # the real package was scanned, not an empty folder
