"""Excel out: ledgers, indicator sheets, unit templates (returns come in by importing)."""
