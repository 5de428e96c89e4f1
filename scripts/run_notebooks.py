#!/usr/bin/python3
"""Execute notebooks with the newarch-java kernel; report errors and stderr output; close with 'N passed, N failed'.

Exercises are expected to stop at the first unfinished exercise, so for exercises/ a cell error is the expected
outcome and only a failure *before* the first exercise cell counts.
"""
import os, sys, time
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

KERNEL = os.environ.get("NEWARCH_KERNEL", "newarch-java")
# About one kernel start in four never answers kernel_info (a start-up race in the kernel, SPEC §5): a healthy
# start answers within a few seconds, so give up on a start after 10 s and try a fresh kernel, up to 8 times.
STARTUP_TIMEOUT = 10
# The training cells of the lectures take a minute or two on an idle 2-core machine; allow for a busy one.
CELL_TIMEOUT = int(os.environ.get("NEWARCH_CELL_TIMEOUT", "1800"))
ATTEMPTS = 8


def notebooks(args):
    for a in args:
        if os.path.isdir(a):
            for f in sorted(os.listdir(a)):
                if f.endswith(".ipynb"):
                    yield os.path.join(a, f)
        elif a.endswith(".ipynb"):
            yield a


def execute(path):
    for attempt in range(1, ATTEMPTS + 1):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT, startup_timeout=STARTUP_TIMEOUT,
                                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        try:
            client.execute()
            return nb, None
        except CellExecutionError as e:
            return nb, str(e).strip().splitlines()[-1] if str(e).strip() else "cell error"
        except RuntimeError as e:
            if "didn't respond" in str(e) or "Kernel died" in str(e):
                print(f"     kernel start-up failed ({e}); attempt {attempt} of {ATTEMPTS}", flush=True)
                time.sleep(2)  # let the abandoned kernel's JVM exit before the next one starts
                continue
            raise
    return None, f"the kernel did not start in {ATTEMPTS} attempts"


def stderr_outputs(nb):
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                yield i, "".join(out.get("text", ""))[:300]


def first_exercise_index(nb):
    for i, cell in enumerate(nb.cells):
        if cell.get("metadata", {}).get("newarch", {}).get("exercise"):
            return i
    return len(nb.cells)


def quiet_kernel_logs(log_path):
    """The kernel logs every message to its stderr, which it inherits from us: send that to a file."""
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    sys.stderr.flush()
    os.dup2(os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 2)


def main():
    out_root = os.path.join("build-out", "executed")
    quiet_kernel_logs(os.path.join("build-out", "kernel.log"))
    passed = failed = 0
    total_start = time.time()
    for path in notebooks(sys.argv[1:]):
        start = time.time()
        nb, error = execute(path)
        problems = []
        is_exercise = os.path.basename(os.path.dirname(os.path.abspath(path))) == "exercises"
        if nb is None:
            problems.append(error)
        else:
            if error and not is_exercise:
                problems.append(error)
            if is_exercise:
                limit = first_exercise_index(nb)
                for i, cell in enumerate(nb.cells[:limit]):
                    for out in cell.get("outputs", []):
                        if out.get("output_type") == "error":
                            problems.append(f"cell {i} before the first exercise failed: {out.get('ename')}")
            for i, text in stderr_outputs(nb):
                if not is_exercise or i < first_exercise_index(nb):
                    problems.append(f"cell {i} wrote to stderr: {text.strip()}")
            target = os.path.join(out_root, os.path.relpath(path))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            nbformat.write(nb, target)
        took = time.time() - start
        if problems:
            failed += 1
            print(f"FAIL {path} ({took:.1f} s): {problems[0]}" + (f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""), flush=True)
        else:
            passed += 1
            print(f"ok   {path} ({took:.1f} s)", flush=True)
    print(f"notebooks executed in {time.time() - total_start:.1f} s; copies in {out_root}/")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
