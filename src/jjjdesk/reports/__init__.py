"""Meeting packs (季调度会材料): the ledger, chart images and a PDF brief, in one folder."""
