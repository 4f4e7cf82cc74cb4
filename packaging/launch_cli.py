"""Frozen entry point of the console `jjjdesk-cli` executable."""

import sys

from jjjdesk.cli.main import main

sys.exit(main())
