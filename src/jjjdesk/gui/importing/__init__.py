"""Excel in from the GUI: drop or choose returns, preview, column mapping, commit, undo."""
