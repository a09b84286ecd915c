"""The local server's entry point, where the SDK runs it: `python gateway.py --data-dir DIR ...`.

The code is the package `databend_etl_gateway` beside this file; `server.py` there documents the command line.
"""

import sys
from pathlib import Path

# Python puts this folder on the path itself, except under -P or PYTHONSAFEPATH (which a user's environment may set).
sys.path.insert(0, str(Path(__file__).resolve().parent))

from databend_etl_gateway.server import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
