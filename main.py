"""Start aqdesk: ``python main.py [--db URL] [COMMAND ...]``."""

import sys

from aqdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
