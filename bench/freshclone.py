"""Fresh clone: `make run` until the home page answers (goal < 180 s).

Contract: fresh_clone_make_run(timeout=300) clones the repository's committed
HEAD (uncommitted work is not part of it) into a temporary directory, starts
`make run PORT=<free port>` there in a new process group with an
environment cleaned of the bench's and the caller's Django variables, polls
http://127.0.0.1:PORT/ until it answers 200, and returns
    {"seconds", "clone_seconds", "commit", "pip_cache", "ok", "error", "log"}
The whole process group (make, bin/serve-dev, runserver and its reloader,
db_worker, clock) is terminated in a finally, whatever happened, and the
temporary clone is removed. The log is kept at var/bench/fresh-clone.log.
"""

import os
import shutil
import subprocess
import tempfile
import time

from bench import OUT_DIR, REPO
from bench.server import free_port, stop_group, wait_for_200

# Variables a developer's shell or the bench may carry that would point the
# clone at another database, settings module, var dir or make invocation.
SCRUB = (
    "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "STATIC_ROOT", "MEDIA_ROOT", "CHRONICLE_VAR_DIR", "SECRET_KEY",
    "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "REDIS_URL", "VIRTUAL_ENV", "PYTHONPATH",
    "MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES", "PORT", "PY", "EMAIL_BACKEND", "LOG_LEVEL",
)  # fmt: skip


def pip_cache_state():
    try:
        out = subprocess.run(["python3", "-m", "pip", "cache", "dir"], capture_output=True, text=True, timeout=30)
        path = out.stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    if not path or not os.path.isdir(path):
        return f"empty ({path or 'no cache dir'}; packages come from the index or local wheels)"
    size = sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(path) for name in names)
    return f"{size / 2**20:.0f} MiB at {path}"


def fresh_clone_make_run(timeout=300):
    log_path = OUT_DIR / "fresh-clone.log"
    result = {"seconds": None, "clone_seconds": None, "commit": None, "pip_cache": pip_cache_state(), "ok": False, "error": None, "log": str(log_path)}
    workdir = tempfile.mkdtemp(prefix="chronicle-fresh-clone-")
    clone = os.path.join(workdir, "chronicle")
    proc = None
    try:
        started = time.monotonic()
        subprocess.run(["git", "clone", "--quiet", str(REPO), clone], check=True, capture_output=True, timeout=120)
        result["clone_seconds"] = round(time.monotonic() - started, 2)
        result["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=clone, capture_output=True, text=True).stdout.strip()
        port = free_port()
        env = {key: value for key, value in os.environ.items() if key not in SCRUB}
        with open(log_path, "wb") as log:
            started = time.monotonic()
            proc = subprocess.Popen(
                ["make", "run", f"PORT={port}"], cwd=clone, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
            wait_for_200(f"http://127.0.0.1:{port}/", timeout, proc=proc, interval=0.5)
            result["seconds"] = round(time.monotonic() - started, 1)
            result["ok"] = True
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        result["error"] = str(exc)
    finally:
        stop_group(proc)
        shutil.rmtree(workdir, ignore_errors=True)
    return result
