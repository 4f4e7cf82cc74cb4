"""Excel out from the GUI: ledgers, unit templates, meeting packs, "export this list"."""
