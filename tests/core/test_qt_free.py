"""The core must never load Qt: it runs headless, in scripts and on servers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_every_core_module_does_not_load_pyside6() -> None:
    script = (
        "import pkgutil, sys, importlib, framework_qa, framework_qa.core as core\n"
        "import framework_qa.cli.main\n"
        "for m in pkgutil.walk_packages(core.__path__, 'framework_qa.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "loaded = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(len(list(pkgutil.walk_packages(core.__path__))), loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert int(result.stdout.split()[0]) > 10  # really walked the package
