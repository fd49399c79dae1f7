"""framework-qa: an offline workbench for qualitative framework analysis.

The Python API mirrors the command line: `open_project(path)` and `new_project(path, frameworks=...)`
return a `Project` (see `framework_qa.core.project`). Importing this package never loads Qt, and loads
the project layer only when one of these names is first used, so `framework-qa --help` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framework_qa.core.project import CodingRequest, Project, new_project, open_project

__version__ = "0.1.0"
__all__ = ["CodingRequest", "Project", "__version__", "new_project", "open_project"]


def __getattr__(name: str) -> Any:
    if name in ("CodingRequest", "Project", "new_project", "open_project"):
        from framework_qa.core import project

        return getattr(project, name)
    raise AttributeError(f"module 'framework_qa' has no attribute {name!r}")
