"""`shortlist ...` / `python -m scoring ...`: every feature from the command line.

Exit codes: 0 ok; 2 invalid input or arguments (with a message naming what to fix);
1 only for a bug in Shortlist itself. A user never sees a traceback.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from collections.abc import Sequence

from scoring.cli.common import EXIT_BUG, EXIT_INPUT, UsageError
from scoring.errors import CaseError, ScenarioError
from scoring.messages import capped
from scoring.safeio import OutputError, terminate_as_interrupt
from scoring.textsafe import terminal_text

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
    "view": "scoring.cli.view",
    "group": "scoring.cli.group",
    "round": "scoring.cli.round",
    "init": "scoring.cli.init",
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
        with terminate_as_interrupt():  # `kill` runs the clean-up of temporary files too
            code = int(args.func(args) or 0)
        sys.stdout.flush()  # a full disk shows here, inside the try, not at interpreter exit
        return code
    except UsageError as exc:
        text = terminal_text(exc)  # argparse's own messages already start with the program's name
        print(text if text.startswith("shortlist") else f"shortlist: {text}", file=sys.stderr)
        return EXIT_INPUT
    except CaseError as exc:
        for line in capped(exc.problems):  # at most MAX_PER_KIND of a kind, the rest counted
            print(terminal_text(line), file=sys.stderr)
        n = len(exc.problems)
        print(
            f"{n} problem{'s' if n != 1 else ''} in {exc.subject}; fix {'them' if n != 1 else 'it'}"
            " and run again.",
            file=sys.stderr,
        )
        return EXIT_INPUT
    except ScenarioError as exc:
        print(f"shortlist: {terminal_text(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except OutputError as exc:
        print(f"shortlist: -o: {terminal_text(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # the reader left (`| head`): stop quietly, as other tools do
        _silence_stdout()
        return 0
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRORS:
            return _internal_error(exc)
        _silence_stdout()
        print(f"shortlist: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so plainly; the traceback only on request
        return _internal_error(exc)


# Errors writing the output (disk full, quota, device gone): the user's to fix, not a bug.
OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE}


def _internal_error(exc: Exception) -> int:
    if os.environ.get("SHORTLIST_DEBUG"):
        raise exc
    print(
        f"shortlist: internal error ({type(exc).__name__}: {terminal_text(exc)}). This is a bug "
        "in Shortlist; rerun with SHORTLIST_DEBUG=1 for details and please report it.",
        file=sys.stderr,
    )
    return EXIT_BUG


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of what is still buffered
    cannot fail again (and print a traceback) on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests, pipes)
        pass


if __name__ == "__main__":
    sys.exit(main())
