"""The bridge between a framework-qa project and the REFI-QDA exchange model, both ways.

`export_qdpx` / `export_qdc` write a project or its codebook; `import_refi_project` /
`import_refi_codebook` bring an exchange project or codebook into an open project as one undoable
command; `import_project_file` / `import_codebook_file` do the same for files on disk, creating the
project if needed. Every import returns an `ImportOutcome` with the file layer's report, extended with
what the adapter itself adjusted or dropped.
"""

from .descriptions import compose_description, parse_description
from .export import codebook_to_refi, export_qdc, export_qdpx, project_to_refi
from .export_csv import export_codebook_csv, export_codebook_file
from .files import (
    FileImport,
    import_codebook_file,
    import_project_file,
    read_codebook_file,
    read_project_file,
)
from .import_project import UNKNOWN_CODER, ImportOutcome, import_refi_codebook, import_refi_project
from .report import report_text

__all__ = [
    "UNKNOWN_CODER",
    "FileImport",
    "ImportOutcome",
    "codebook_to_refi",
    "compose_description",
    "export_codebook_csv",
    "export_codebook_file",
    "export_qdc",
    "export_qdpx",
    "import_codebook_file",
    "import_project_file",
    "import_refi_codebook",
    "import_refi_project",
    "parse_description",
    "project_to_refi",
    "read_codebook_file",
    "read_project_file",
    "report_text",
]
