"""Parts of the main window: its panels and its menus."""
