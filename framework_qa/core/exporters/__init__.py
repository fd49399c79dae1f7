"""Writers of project results to files others open: spreadsheets, Word documents, CSV.

Exporters read plain report objects (e.g. `MatrixReport`) and never a project, so they are pure writers.
"""
