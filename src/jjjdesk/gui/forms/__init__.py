"""Record forms: create, edit and delete one record, errors shown next to their field."""
