"""framework-qa: an offline workbench for qualitative framework analysis.

The Python API mirrors the command line: `open_project(path)` and `new_project(path, frameworks=...)`
return a `Project` (see `framework_qa.core.project`). Importing this package never loads Qt.
"""

from framework_qa.core.project import CodingRequest, Project, new_project, open_project

__version__ = "0.1.0"
__all__ = ["CodingRequest", "Project", "__version__", "new_project", "open_project"]
