"""Domain: SQLModel tables, enumerations, Period, validation rules — no Qt, no I/O."""
