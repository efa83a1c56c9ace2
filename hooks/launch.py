"""The console scripts: each slows the garbage collector, then imports its hook.

A hook runs for a fraction of a second and builds many small objects that
it keeps. At its default pace the cyclic collector walks them again and
again, from the first import on: about three milliseconds of a hook's
hundred-millisecond start. The pace is set here, before anything heavy is
imported; :func:`.cli.guarded` keeps it for the run.
"""

from __future__ import annotations

import gc


def _collect_rarely() -> None:
    gc.set_threshold(100_000, 50, 1000)


def check_connect_descriptor() -> int:
    _collect_rarely()
    from .check_connect_descriptor import main

    return main()


def check_forge_manifest() -> int:
    _collect_rarely()
    from .check_forge_manifest import main

    return main()


def check_forge_app() -> int:
    _collect_rarely()
    from .check_forge_app import main

    return main()


def check_forge_app_link() -> int:
    _collect_rarely()
    from .check_forge_app_link import main

    return main()


def sync_forge_app_id() -> int:
    _collect_rarely()
    from .sync_forge_app_id import main

    return main()


def forge_connect_hooks() -> int:
    _collect_rarely()
    from .main import main

    return main()
