"""Frozen entry point of `jjjdesk`; started as `jjjdesk-cli` (the Linux symlink) it is the CLI."""

import os
import sys

if os.path.basename(sys.argv[0]).lower().startswith("jjjdesk-cli"):
    from jjjdesk.cli.main import main
else:
    from jjjdesk.gui.app import main

sys.exit(main())
