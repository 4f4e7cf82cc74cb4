"""The progress routine in the GUI: rounds, entry form, unit grid, review, lights, problems."""
