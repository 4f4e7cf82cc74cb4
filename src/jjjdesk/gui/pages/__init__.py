"""The pages of the main window: one per kind of record, each a list beside a form."""
