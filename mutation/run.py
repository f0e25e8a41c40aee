"""Mutation testing of the engine: `make mutate` (all modules) or `make mutate MODULES=...`.

Drives mutmut 3 over the modules listed in mutation/config.toml, one module at a time (so each
gets its own time), and reports per module: killed / survived / equivalent / total and the
score killed / (total - equivalent). Survivors are printed with their diff. Mutants listed in
mutation/equivalent.toml are counted as equivalent and not run (`--run-listed` runs them too,
to check the list); entries that match no mutant are reported as stale. Exits 1 when a module
scores below the threshold.

mutmut picks, for each mutated function, only the tests that call it (recorded in one
instrumented run of the deciding tests before the mutants run), fastest first, and stops at the
first that fails.

    python mutation/run.py [--jobs N] [--keep] [--run-listed] [--summary FILE] [MODULE ...]
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "mutation"
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
SKIPPED = 34  # mutmut's exit code for "skipped": a listed equivalent mutant, not run


@dataclass(frozen=True)
class Equivalent:
    module: str
    function: str
    before: str
    after: str
    reason: str


@dataclass
class Tally:
    module: str
    seconds: float = 0.0
    killed: int = 0
    equivalent: int = 0
    survivors: list[tuple[str, str, str]] = field(default_factory=list)  # name, status, diff

    @property
    def total(self) -> int:
        return self.killed + self.equivalent + len(self.survivors)

    @property
    def score(self) -> float:
        decided = self.total - self.equivalent
        return self.killed / decided if decided else 1.0


def read_config() -> dict:
    return tomllib.loads((HERE / "config.toml").read_text(encoding="utf-8"))


def read_equivalents() -> list[Equivalent]:
    data = tomllib.loads((HERE / "equivalent.toml").read_text(encoding="utf-8"))
    return [Equivalent(**entry) for entry in data.get("equivalent", [])]


def engine_modules(cfg: dict) -> list[str]:
    """Every module the config lists, in its order."""
    return list(cfg["modules"])


def deciding_tests(cfg: dict, modules: list[str]) -> list[str]:
    """The test files that decide these modules' mutants (the instrumented run's selection)."""
    out: list[str] = []
    for module in modules:
        out += [f for f in cfg["modules"][module] if f not in out]
    return out


def dotted(module: str) -> str:
    return module.removesuffix(".py").replace("/", ".").removesuffix(".__init__")


# --- inside the mutmut process -----------------------------------------------------------------


def configure_mutmut(cfg: dict, modules: list[str]) -> None:
    """mutmut reads [tool.mutmut] from pyproject.toml; the module and test lists come from here.

    Only the selected modules are mutated and only their deciding tests are instrumented, so a
    run of one module does not pay for the whole engine's setup.
    """
    from mutmut.configuration import config

    c = config()
    c.only_mutate = modules
    c.pytest_add_cli_args_test_selection = deciding_tests(cfg, modules)


def mutmut_prepare(cfg: dict, jobs: int, modules: list[str]) -> None:
    """Generate the mutants and record which tests call which function (one instrumented run)."""
    configure_mutmut(cfg, modules)
    import mutmut.__main__ as mm

    Path("mutants").mkdir(exist_ok=True)
    mm.set_mutant_under_test("mutant_generation")
    mm.copy_src_dir()
    mm.copy_also_copy_files()
    mm.setup_source_paths()
    mm.store_lines_covered_by_tests()
    mm.create_mutants(jobs)
    mm.collect_or_load_stats(mm.get_mutant_runner(jobs), apply_config_invalidation=True)


def listed_mutants(module: str, names: list[str]) -> set[str]:
    """The mutants of `module` that mutation/equivalent.toml lists as equivalent.

    Only the diffs of functions with a listed entry are read: reading every mutant's diff would
    cost more than some modules' runs.
    """
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    listed = {(e.function, e.before, e.after) for e in read_equivalents() if e.module == module}
    functions = {function for function, _, _ in listed}
    out = set()
    for name in names:
        function = function_of(name)
        if function in functions:
            before, after = changed_lines(get_diff_for_mutant(name, path=module))
            if (function, before, after) in listed:
                out.add(name)
    return out


def function_of(name: str) -> str:
    """`Class.method` or `function`: how equivalent.toml names the function of a mutant."""
    from mutmut.utils.format_utils import orig_function_and_class_names_from_key

    func, cls = orig_function_and_class_names_from_key(name)
    return f"{cls}.{func}" if cls else func


def mutmut_run(
    cfg: dict, jobs: int, module: str, modules: list[str], keep: bool, run_listed: bool
) -> None:
    """Run one module's mutants against the tests of its own test files only, fastest first.

    Mutants listed as equivalent are recorded as skipped, not run (unless `run_listed`): they
    cannot be killed, and each would run every test that calls its function, the slowest part
    of a run. With `keep`, mutants with a verdict from the last run keep it.
    """
    configure_mutmut(cfg, modules)
    import mutmut.__main__ as mm
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.state import state

    data = SourceFileMutationData(path=module)
    data.load()
    names = [n for n, code in data.exit_code_by_key.items() if not keep or code in (None, SKIPPED)]
    if not run_listed:
        skipped = listed_mutants(module, names)
        for name in skipped:
            data.exit_code_by_key[name] = SKIPPED
        data.save()
        names = [n for n in names if n not in skipped]
    if not names:
        return

    allowed = tuple(f"{f}::" for f in cfg["modules"][module])
    collect, make_runner = mm.collect_or_load_stats, mm.get_mutant_runner

    def collect_then_narrow(*args, **kwargs):
        collect(*args, **kwargs)
        for tests in state().tests_by_mangled_function_name.values():
            tests.intersection_update({t for t in tests if t.startswith(allowed)})

    def fastest_first(max_children):
        runner = make_runner(max_children)
        submit = runner.submit

        def submit_sorted(name, tests, *rest):
            durations = state().duration_by_test
            return submit(name, sorted(tests, key=lambda t: (durations.get(t, 0), t)), *rest)

        runner.submit = submit_sorted
        # The prepare step ran these same tests on the same code (and stopped if one failed):
        # running them clean again for every module would only cost time.
        runner.run_clean_tests = lambda tests: 0
        return runner

    mm.collect_or_load_stats = collect_then_narrow
    mm.get_mutant_runner = fastest_first
    # The tests were copied once, by the prepare step: every module of a run is decided by the
    # same tests even if the working tree changes meanwhile.
    mm.copy_also_copy_files = lambda: None
    mm._run(names, jobs)


# --- reporting ---------------------------------------------------------------------------------


def changed_lines(diff: str) -> tuple[str, str]:
    """The mutated line before and after, as the diff shows them (stripped, joined if several)."""
    lines = diff.splitlines()[2:]
    before = " / ".join(x[1:].strip() for x in lines if x.startswith("-") and x[1:].strip())
    after = " / ".join(x[1:].strip() for x in lines if x.startswith("+") and x[1:].strip())
    return before, after


def collect(module: str, equivalents: list[Equivalent], used: set[Equivalent]) -> Tally:
    """Read mutmut's results for one module and sort them into killed, equivalent, survivors."""
    from mutmut.configuration import config
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    config()  # mutmut's helpers expect the configuration loaded
    tally = Tally(module)
    data = SourceFileMutationData(path=module)
    data.load()
    for name, code in sorted(data.exit_code_by_key.items(), key=lambda kv: _natural(kv[0])):
        status = status_by_exit_code[code]
        if status in KILLED:
            tally.killed += 1
            continue
        diff = get_diff_for_mutant(name, path=module)
        function = function_of(name)
        before, after = changed_lines(diff)
        match = next(
            (
                e
                for e in equivalents
                if (e.module, e.function, e.before, e.after) == (module, function, before, after)
            ),
            None,
        )
        if match is not None and status in ("survived", "skipped"):
            used.add(match)
            tally.equivalent += 1
        else:
            tally.survivors.append((name, status, diff))
    return tally


def _natural(name: str) -> tuple[str, int]:
    head, _, num = name.rpartition("_")
    return head, int(num) if num.isdigit() else 0


def table(tallies: list[Tally], threshold: float) -> str:
    rows = [
        "| module | killed | survived | equivalent | total | score | time |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for t in tallies:
        flag = "" if t.score >= threshold else " (below)"
        rows.append(
            f"| {t.module} | {t.killed} | {len(t.survivors)} | {t.equivalent} | {t.total} "
            f"| {t.score:.1%}{flag} | {t.seconds:.0f} s |"
        )
    k = sum(t.killed for t in tallies)
    s = sum(len(t.survivors) for t in tallies)
    e = sum(t.equivalent for t in tallies)
    n = k + s + e
    score = k / (n - e) if n - e else 1.0
    secs = sum(t.seconds for t in tallies)
    rows.append(f"| **all** | {k} | {s} | {e} | {n} | {score:.1%} | {secs:.0f} s |")
    return "\n".join(rows)


def run_logged(cmd: list[str], log: Path) -> None:
    """Run one mutmut step with its (spinner-heavy) output in a log; show the log if it fails."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        print(log.read_text(encoding="utf-8", errors="replace")[-5000:], file=sys.stderr)
        raise SystemExit(f"mutmut failed (exit {done.returncode}); full log: {log}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("modules", nargs="*", help="files from mutation/config.toml (default: all)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="parallel mutants")
    p.add_argument("--keep", action="store_true", help="reuse mutants/ from the last run")
    p.add_argument("--summary", type=Path, help="also write the table (markdown) to this file")
    p.add_argument(
        "--run-listed",
        action="store_true",
        help="run the mutants listed as equivalent too (to check the list: one that is killed "
        "is reported as a stale entry)",
    )
    p.add_argument("--stage", help=argparse.SUPPRESS)  # internal: one mutmut step per process
    p.add_argument("--module", help=argparse.SUPPRESS)
    p.add_argument("--selected", help=argparse.SUPPRESS)  # the run's modules, comma-separated
    args = p.parse_args(argv)
    cfg = read_config()
    os.chdir(ROOT)

    if args.stage == "prepare":
        mutmut_prepare(cfg, args.jobs, args.selected.split(","))
        return 0
    if args.stage == "run":
        mutmut_run(
            cfg, args.jobs, args.module, args.selected.split(","), args.keep, args.run_listed
        )
        return 0

    known = engine_modules(cfg)
    wanted = [m.strip("/") for arg in args.modules for m in arg.replace(",", " ").split()]
    selected = [m for w in wanted for m in known if fnmatch.fnmatch(m, w)] if wanted else known
    selected = list(dict.fromkeys(selected))  # in the order asked for
    unknown = [w for w in wanted if not any(fnmatch.fnmatch(m, w) for m in known)]
    if unknown:
        print(f"not in mutation/config.toml: {', '.join(unknown)}", file=sys.stderr)
        return 2
    equivalents = read_equivalents()
    if not args.keep:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)  # fresh: no verdict from stale code

    me = [sys.executable, str(Path(__file__).resolve()), "--jobs", str(args.jobs)]
    me += ["--selected", ",".join(selected)]
    me += ["--keep"] * args.keep + ["--run-listed"] * args.run_listed
    start = time.monotonic()
    print("== generating mutants and recording which tests call which function", flush=True)
    logs = ROOT / "mutants" / "logs"
    run_logged([*me, "--stage", "prepare"], logs / "prepare.log")
    prepared = time.monotonic() - start
    tallies, used = [], set()
    for module in selected:
        print(f"\n== {module}", flush=True)
        t0 = time.monotonic()
        run_logged([*me, "--stage", "run", "--module", module], logs / f"{dotted(module)}.log")
        tally = collect(module, equivalents, used)
        tally.seconds = time.monotonic() - t0
        tallies.append(tally)
        print(
            f"   {tally.killed} killed, {len(tally.survivors)} survived, {tally.equivalent} "
            f"equivalent of {tally.total}: {tally.score:.1%} in {tally.seconds:.0f} s",
            flush=True,
        )

    threshold = float(cfg["settings"]["threshold"])
    print("\n== survivors")
    for t in tallies:
        for name, status, diff in t.survivors:
            print(f"\n-- {name} ({status})\n{diff}")
    stale = [e for e in equivalents if e.module in selected and e not in used]
    for e in stale:
        print(
            f"\nwarning: stale entry in mutation/equivalent.toml (no surviving mutant matches): "
            f"{e.module} {e.function}: {e.before!r} -> {e.after!r}",
            file=sys.stderr,
        )
    summary = table(tallies, threshold)
    elapsed = time.monotonic() - start
    print(f"\n== mutation score per module (threshold {threshold:.0%})\n{summary}")
    print(f"\nsetup {prepared:.0f} s, total {elapsed:.0f} s, {args.jobs} jobs")
    if args.summary:
        args.summary.write_text(summary + "\n", encoding="utf-8")
    return 0 if all(t.score >= threshold for t in tallies) else 1


if __name__ == "__main__":
    sys.exit(main())
