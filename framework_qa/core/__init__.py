"""The Qt-free core: model, storage, importers, analysis, exporters and interop."""
