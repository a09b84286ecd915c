"""`python -m databend_etl_gateway --data-dir DIR ...`: see `server`."""

import sys

from .server import main

sys.exit(main(sys.argv[1:]))
