"""What every hook's command line shares."""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from typing import (
    Callable,
    FrozenSet,
    Iterator,
    List,
    NoReturn,
    Optional,
    Pattern,
    Sequence,
    Tuple,
    Union,
)

from . import __version__
from .reading.documents import (
    MAX_DESCRIPTOR_BYTES,
    CannotOpen,
    Loaded,
    NotParsed,
    Template,
    Unreadable,
    load_descriptor,
    read_text,
)
from .reading.problems import NOTE_TEMPLATE
from .reading.source_scan import is_template
from .reporting.findings import Finding, printable
from .repository.pairing import DEFAULT_DESCRIPTOR_PATTERN, Pairing, descriptors_to_check
from .repository.run import Run
from .rules.products import is_connect_descriptor, product_ids

# The names reporting.formats knows; listed here so that a hook's start-up
# imports no formatter until one is used.
FORMATS = ("text", "json", "sarif", "github", "gitlab", "code-insights")


class ArgumentsRefused(Exception):
    """A hook's parser refused arguments that it was told to raise on."""


class _HookParser(argparse.ArgumentParser):
    """argparse, but a path is never an option.

    pre-commit passes file names without ``--``, so a folder named ``-x`` or
    ``--manifest=.`` would otherwise be read as an option. Every argument
    that names an existing path is a file; only an option this parser knows,
    spelt in full, is an option, and the value it takes is its value; any
    other argument that starts with ``-`` is a usage error.
    """

    def parse_args(  # type: ignore[override]
        self, args: Optional[Sequence[str]] = None, namespace: None = None
    ) -> argparse.Namespace:
        options, files = self._split(list(sys.argv[1:] if args is None else args))
        return super().parse_args([*options, "--", *files], namespace)

    def _split(self, argv: List[str]) -> Tuple[List[str], List[str]]:
        takes_value = {
            name: action.nargs != 0 for action in self._actions for name in action.option_strings
        }
        options: List[str] = []
        files: List[str] = []
        index = 0
        while index < len(argv):
            argument = argv[index]
            index += 1
            if argument == "--":
                files.extend(argv[index:])
                break
            if not argument.startswith("-") or os.path.lexists(argument):
                files.append(argument)
                continue
            options.append(argument)  # known, or a usage error
            name = argument.split("=", 1)[0] if argument.startswith("--") else argument
            if takes_value.get(name) and "=" not in argument and index < len(argv):
                options.append(argv[index])
                index += 1
        return options, files

    # Set where the arguments come from a file (a config's ``args``): a
    # refused argument is then the caller's to report, in one line.
    raise_errors = False

    def error(self, message: str) -> NoReturn:
        if self.raise_errors:
            raise ArgumentsRefused(message)
        # An argument may hold control characters: never send them to a terminal.
        self.print_usage(sys.stderr)
        self.exit(2, printable(f"{self.prog}: error: {message}") + "\n")


def parse_strictly(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace:
    """``argv`` parsed; ArgumentsRefused, never an exit, when they are wrong."""
    if isinstance(parser, _HookParser):
        parser.raise_errors = True
    try:
        return parser.parse_args(argv)
    except SystemExit:  # --help or --version among them: not arguments for a run
        raise ArgumentsRefused("--help and --version do not run a check") from None


def _formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's help formatter, at the width the terminal has.

    argparse makes one for every option it adds; finding the width here
    spares each hook's start-up the import of shutil."""
    return argparse.HelpFormatter(prog, width=_terminal_width() - 2)


def _terminal_width() -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stdout = sys.__stdout__
    try:
        return (os.get_terminal_size(stdout.fileno()).columns if stdout else 0) or 80
    except (AttributeError, ValueError, OSError):
        return 80


def parser(
    prog: str, description: str, paths: Tuple[str, str] = ("FILE", "files to check")
) -> argparse.ArgumentParser:
    """The options every hook and ``check`` share; ``paths`` names the
    positional arguments and says what they are."""
    result = _HookParser(
        prog=prog, description=description, allow_abbrev=False, formatter_class=_formatter
    )
    result.add_argument("--version", action="version", version=f"{prog} {__version__}")
    result.add_argument("filenames", nargs="*", metavar=paths[0], help=paths[1])
    result.add_argument(
        "-v", "--verbose", action="store_true", help="also print notes (codes FC9xx)"
    )
    result.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="how findings are printed (default: text, one path:line:col: CODE message each)",
    )
    result.add_argument(
        "--ignore",
        metavar="CODE[,CODE...]",
        type=_codes,
        action="append",
        default=[],
        help="codes not to report (for example --ignore FC405,FC908); may be repeated",
    )
    # What "before" means for hand edits and a manifest's earlier app.id (None:
    # the last commit, or pre-commit's from-ref), and the repository's files
    # when several hooks run in one process: the check command sets both.
    result.set_defaults(base=None, repository=None)
    return result


def run_of(args: argparse.Namespace) -> Run:
    """The run a hook's arguments describe."""
    return Run(base=args.base, files=args.repository)


def finish(findings: List[Finding], args: argparse.Namespace) -> int:
    """Print the findings in the format asked for; return the exit status."""
    from .registry import rules
    from .reporting.formats import emit

    return emit(findings, args.format, verbose=args.verbose, ignore=ignored(args), rules=rules)


def ignored(args: argparse.Namespace) -> FrozenSet[str]:
    """Every code that ``--ignore`` names."""
    return frozenset(code for group in args.ignore for code in group)


def _codes(text: str) -> FrozenSet[str]:
    # A mistyped code would silence nothing and look as if it did.
    named = frozenset(part.strip().upper() for part in text.split(",") if part.strip())
    from .registry import rules  # only when codes are named

    unknown = sorted(code for code in named if code not in rules())
    if not named or unknown:
        raise argparse.ArgumentTypeError(
            f"not a code of this tool: {', '.join(unknown) or repr(text)} "
            "(`forge-connect-hooks explain` lists them)"
        )
    return named


def add_pairing(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--manifest",
        metavar="PATH",
        type=_existing_file,
        help="the Forge manifest to pair every descriptor with (default: the nearest "
        "manifest.yml, else the repository's only one)",
    )
    parser.add_argument(
        "--descriptor-pattern",
        metavar="REGEX",
        default=DEFAULT_DESCRIPTOR_PATTERN,
        type=_regex,
        help="which tracked files are descriptors when a manifest pulls them in "
        f"(default: {DEFAULT_DESCRIPTOR_PATTERN})",
    )


def _existing_file(text: str) -> str:
    # A mistyped --manifest must not silently turn the cross-check off.
    if not os.path.isfile(text):
        raise argparse.ArgumentTypeError(f"no such file: {text!r}")
    return text


def _regex(text: str) -> Pattern[str]:
    try:
        return re.compile(text)
    except re.error as error:
        raise argparse.ArgumentTypeError(f"not a regular expression: {error}") from None


def guarded(
    main: Callable[[Optional[Sequence[str]]], int], prog: str, argv: Optional[Sequence[str]]
) -> int:
    """Run ``main``; an unexpected error is one line on stderr, never a traceback.

    The cyclic garbage collector runs rarely meanwhile: a run builds many
    small trees and keeps them, and collecting at the default pace walks them
    again and again (a third of the time at ten thousand files). What is
    loaded before (modules, schemas) is frozen out of its walks altogether.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    try:
        return main(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
    except Exception as error:  # noqa: BLE001 - the promise is: no traceback, ever
        first_line = (str(error).splitlines() or [""])[0][:200]
        print(
            printable(
                f"{prog}: internal error: {type(error).__name__}: {first_line} "
                "(please report this with the file that caused it)"
            ),
            file=sys.stderr,
        )
        return 3
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def add_product(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--product",
        choices=product_ids(),
        help="the product of every descriptor (default: told from each descriptor's content; "
        "one with no sign of another product is a Bitbucket one)",
    )


def add_json5(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json5",
        action="store_true",
        help="accept comments and trailing commas in descriptors (automatic when the nearest "
        "package.json depends on atlassian-connect-express)",
    )


def paired_descriptors(
    args: argparse.Namespace, pairing: Pairing
) -> Iterator[Union[Loaded, Unreadable, Template]]:
    """Each descriptor a pairing hook works on, read: the files given, and
    those a given manifest pulls in.

    A file named as descriptors are is one; a JSON file of another name is one
    when its content says so, and is passed over silently otherwise (it is
    someone else's JSON). A descriptor-named template (a Go ``{{define}}``, ERB)
    is not broken JSON: a note says what was not checked.
    """
    for path in descriptors_to_check(pairing, args.filenames, args.descriptor_pattern):
        read = load_descriptor(path, json5=args.json5)
        if args.descriptor_pattern.search(path) is None:
            if isinstance(read, Unreadable):
                if isinstance(read.reason, CannotOpen):
                    yield read
            elif is_connect_descriptor(read.document.root):
                yield read
            continue
        if (
            isinstance(read, Unreadable)
            and isinstance(read.reason, NotParsed)
            and _is_template(path)
        ):
            note = (
                "a template of a descriptor, not JSON: only its literal install links and "
                "app ids are checked (by check-forge-app-link), not its schema"
            )
            yield Template(Finding(path, 1, 1, NOTE_TEMPLATE, note))
        else:
            yield read


def _is_template(path: str) -> bool:
    text = read_text(path, MAX_DESCRIPTOR_BYTES)
    return not isinstance(text, Finding) and is_template(text.text)
