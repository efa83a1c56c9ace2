"""forge-connect-hooks: the commands for CI and people, beside the four hooks."""

from __future__ import annotations

import sys
from typing import Callable, Dict, Optional, Sequence

from . import __version__

USAGE = """\
usage: forge-connect-hooks COMMAND [OPTIONS]

commands:
  check                 run every check over the repository's tracked files
  explain [CODE]        what a finding code means, why, an example, the fix
  migration [PATH...]   does each Forge app replace its Connect app? one row a capability
  upload-code-insights  send a code-insights report to Bitbucket (in Pipelines)

`forge-connect-hooks COMMAND --help` tells more.
"""


def _commands() -> Dict[str, Callable[[Optional[Sequence[str]]], int]]:
    # Each command's module is imported only when it runs.
    def check(argv: Optional[Sequence[str]]) -> int:
        from .check import main

        return main(argv)

    def explain(argv: Optional[Sequence[str]]) -> int:
        from .explain import main

        return main(argv)

    def migration(argv: Optional[Sequence[str]]) -> int:
        from .migration import main

        return main(argv)

    def upload(argv: Optional[Sequence[str]]) -> int:
        from .upload_code_insights import main

        return main(argv)

    return {
        "check": check,
        "explain": explain,
        "migration": migration,
        "upload-code-insights": upload,
    }


def main(argv: Optional[Sequence[str]] = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] in ("-h", "--help"):
        sys.stdout.write(USAGE)
        return 0 if arguments else 2
    if arguments[0] == "--version":
        print(f"forge-connect-hooks {__version__}")
        return 0
    command = _commands().get(arguments[0])
    if command is None:
        sys.stderr.write(USAGE)
        from .reporting.findings import printable

        print(printable(f"forge-connect-hooks: no command {arguments[0]!r}"), file=sys.stderr)
        return 2
    return command(arguments[1:])


if __name__ == "__main__":
    raise SystemExit(main())
