"""What the user can do from the workbench window: coding gestures, undo/redo, importing."""
