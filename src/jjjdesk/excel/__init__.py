"""Excel: ledgers, indicator sheets and unit templates out; returns in (no Qt)."""
