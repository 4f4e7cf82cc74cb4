"""Database: engine and sessions from a URL, SQLite pragmas, migrations, backups."""
