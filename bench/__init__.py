"""`make bench`: Chronicle's speed and scale figures, each beside a baseline
measured in the same run (issue 9).

The harness (`python -m bench`, see __main__.py) never imports Django itself.
Everything that touches the site runs in a child process with the bench
environment (production settings, a throwaway database, files under
var/bench/), so the harness holds no database connection and can always
clean up:

    data.py       build the data set                 (python -m bench.data)
    shop.py       the store's products, the Stripe stand-in, webhook events
                                                     (python -m bench.shop)
    comments.py   articles with 0/20/200/500 comments (python -m bench.comments)
    queries.py    SQL queries per request, in-process (python -m bench.queries)
    server.py     gunicorn lifecycle on a free loopback port
    load.py       wrk, or the Python load generator pyload.py as a fallback
    writes.py     comment POSTs, checkouts and webhooks, driven by postload.py
    settings.py   the write phase's settings: production, comment rate limits raised
    freshclone.py `make run` from a fresh clone until the home page answers
    report.py     the table: stdout, var/bench/report.json, var/bench/report.md
"""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "var" / "bench"


def bench_env(database_url, static_root=None, extra=None):
    """The environment every child process of the bench runs with: production
    settings, DEBUG off, a throwaway database, files under var/bench/.

    Variables that would point a child at another database or settings
    module are replaced, never inherited. The cache is the file cache under
    var/bench/cache/, as on one machine without Redis, unless
    BENCH_REDIS_URL names a Redis server."""
    env = dict(os.environ)
    for name in ("REDIS_URL", "DEBUG", "BEHIND_TLS_PROXY", "SITE_URL"):
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "chronicle.settings.production",
            "SECRET_KEY": "bench-not-secret-only-for-loopback-benchmarks",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": database_url,
            "CHRONICLE_VAR_DIR": str(OUT_DIR),
            "STATIC_ROOT": str(static_root or OUT_DIR / "static"),
            "MEDIA_ROOT": str(OUT_DIR / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    if os.environ.get("BENCH_REDIS_URL"):
        # The cache as a multi-machine production site has it; a key prefix
        # of its own per run, so nothing of an earlier run is reused.
        env.update({"REDIS_URL": os.environ["BENCH_REDIS_URL"], "CACHE_KEY_PREFIX": f"chronicle-bench-{os.getpid()}"})
    env.update(extra or {})
    return env
