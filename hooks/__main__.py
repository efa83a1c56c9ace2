"""python -m forge_connect_hooks: the same as forge-connect-hooks."""

from .main import main

raise SystemExit(main())
