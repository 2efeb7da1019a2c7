"""The package's structure: no import cycle inside shared_future, browser code in files (no
.py holds a string of more than 30 lines of JavaScript or CSS), and `make` alone prints help."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "shared_future"
MAX_CODE_LINES = 30
# a line of JavaScript or CSS: it ends a statement, a block or a rule, or opens a comment
CODE_LINE = re.compile(r"[;{}(,]\s*(//.*|/\*.*\*/)?$|^(//|/\*|\*)")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def top_level_imports(path: Path) -> set[str]:
    """The shared_future modules a module imports when it is itself imported (not in functions)."""
    name, tree = module_name(path), ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("shared_future")}
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = (f"{base}.{node.module}" if node.module else base) if node.level else (node.module or "")
            if target.startswith("shared_future"):
                found.add(target)
                found |= {f"{target}.{a.name}" for a in node.names}
    return found


def test_no_import_cycle_inside_the_package():
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {name: {m for m in top_level_imports(path) if m in modules and m != name} for name, path in modules.items()}
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for imported in sorted(graph[name]):
            assert state.get(imported) != "open", "import cycle: " + " -> ".join(trail + [name, imported])
            if imported not in state:
                visit(imported, trail + [name])
        state[name] = "done"

    for name in sorted(modules):
        if name not in state:
            visit(name, [])


def long_code_strings(source: str, label: str) -> list[str]:
    """Strings in Python source with more than MAX_CODE_LINES lines of JavaScript or CSS."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            lines = node.value.strip("\n").splitlines()
            written = [line.strip() for line in lines if line.strip()]
            is_code = sum(bool(CODE_LINE.search(line)) for line in written) * 2 >= len(written)
            if len(lines) > MAX_CODE_LINES and is_code:
                found.append(f"{label}:{node.lineno}: {len(lines)} lines of code in a string")
    return found


def test_browser_code_lives_in_files():
    found = [
        f
        for path in sorted(PACKAGE.rglob("*.py"))
        for f in long_code_strings(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == [], "move it to shared_future/static/ and read it with paths.static_text:\n" + "\n".join(found)


def test_the_check_finds_a_program_in_a_string():
    def source(lines: int) -> str:
        return 'JS = """\n' + "\n".join(f"var x{i} = {i};" for i in range(lines)) + '\n"""\n'

    assert long_code_strings(source(MAX_CODE_LINES + 1), "bad.py") == [
        f"bad.py:1: {MAX_CODE_LINES + 1} lines of code in a string"
    ]
    assert long_code_strings(source(MAX_CODE_LINES), "ok.py") == []


def test_make_alone_prints_help():
    shown = subprocess.run(["make", "--no-print-directory"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "make book" in shown.stdout and "make test" in shown.stdout
