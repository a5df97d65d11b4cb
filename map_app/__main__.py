"""`python -m map_app ...`: see map_app.cli."""
import sys

from map_app.cli import main

sys.exit(main())
