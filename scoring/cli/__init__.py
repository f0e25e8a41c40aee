"""`shortlist ...` / `python -m scoring ...`: every feature from the command line.

Exit codes: 0 ok; 2 invalid input or arguments (with a message naming what to fix);
1 only for a bug in Shortlist itself. A user never sees a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from scoring.cli.common import EXIT_BUG, EXIT_INPUT, UsageError
from scoring.errors import CaseError, ScenarioError

# One module per command; each has `add_parser(subparsers)` which sets `func` on its parser.
# Only the invoked command's module is imported (reports pull in WeasyPrint, sensitivity SciPy):
# `shortlist rank` must not pay for them, and a broken module cannot break the other commands.
COMMANDS = {
    "validate": "scoring.cli.validate",
    "rank": "scoring.cli.rank",
    "link": "scoring.cli.link",
    "sensitivity": "scoring.cli.sensitivity",
    "report": "scoring.cli.report",
    "schema": "scoring.cli.schema",
    "brief": "scoring.cli.brief",
    "scenarios": "scoring.cli.scenarios",
    "convert": "scoring.cli.convert",
    "export-scores": "scoring.cli.export",
    "weights": "scoring.cli.weights",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: {message}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or (with `only`) one holding just that command, for a fast start."""
    parser = _Parser(
        prog="shortlist",
        description="Rank vendors against evidence-backed criteria; explain, stress-test, report.",
    )
    from scoring import __version__

    parser.add_argument("--version", action="version", version=f"shortlist {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, module in COMMANDS.items():
        if only is None or name == only:
            importlib.import_module(module).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        command = next((a for a in argv if not a.startswith("-")), None)
        args = build_parser(command if command in COMMANDS else None).parse_args(argv)
        return int(args.func(args) or 0)
    except UsageError as exc:
        text = str(exc)  # argparse's own messages already start with the program's name
        print(text if text.startswith("shortlist") else f"shortlist: {text}", file=sys.stderr)
        return EXIT_INPUT
    except CaseError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        n = len(exc.problems)
        print(
            f"{n} problem{'s' if n != 1 else ''} in {exc.subject}; fix {'them' if n != 1 else 'it'}"
            " and run again.",
            file=sys.stderr,
        )
        return EXIT_INPUT
    except ScenarioError as exc:
        print(f"shortlist: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so plainly; the traceback only on request
        if os.environ.get("SHORTLIST_DEBUG"):
            raise
        print(
            f"shortlist: internal error ({type(exc).__name__}: {exc}). This is a bug in "
            "Shortlist; rerun with SHORTLIST_DEBUG=1 for details and please report it.",
            file=sys.stderr,
        )
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
