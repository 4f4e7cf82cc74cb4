"""Frozen entry point of the windowed `jjjdesk` executable."""

import sys

from jjjdesk.gui.app import main

sys.exit(main())
