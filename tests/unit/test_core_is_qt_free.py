import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "evidence_kit"


def test_nothing_outside_gui_imports_qt():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "PyQt6", "PyQt5")]
    assert offenders == []
    assert len(list(PACKAGE.rglob("*.py"))) > 10  # the walk really saw the package
