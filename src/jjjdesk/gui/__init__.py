"""The PySide6 desktop GUI: main window, list pages, record forms, start-up and errors."""
