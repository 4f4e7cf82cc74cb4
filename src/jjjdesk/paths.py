"""All on-disk locations of the app in one object, overridable for tests and --data-dir."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "jjjdesk"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path

    @classmethod
    def default(cls) -> AppPaths:
        override = os.environ.get("JJJDESK_DATA_DIR")
        if override:
            root = Path(override)
            return cls(data_dir=root, log_dir=root / "logs")
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    @property
    def default_database(self) -> Path:
        return self.data_dir / "jjjdesk.sqlite3"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def temp_journal(self) -> Path:
        """Notes of temporary files being written (see `files.clean_leftovers`)."""
        return self.data_dir / "pending-writes"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "jjjdesk.log"
