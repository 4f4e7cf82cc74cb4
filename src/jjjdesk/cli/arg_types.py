"""Argument types the commands share: a bad value is one Chinese line from argparse."""

from __future__ import annotations

import argparse
from datetime import date


def day(text: str) -> date:
    """A date as 2024-04-05."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 2024-04-05:“{text}”") from None
