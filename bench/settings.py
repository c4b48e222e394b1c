"""Settings for the bench's write phase only (comment POSTs, checkouts,
webhooks): production settings with the comment rate limits raised, because
every bench client posts from 127.0.0.1 and the site's limits (6 comments per
IP and per address in 10 minutes) would otherwise turn the figure into a
count of 429s. Nothing else differs: the honeypot, the signed timing token,
CSRF, the duplicate check and the moderation rules all stay on.

Used as DJANGO_SETTINGS_MODULE=bench.settings by the harness for the second
gunicorn it starts; the page figures are measured under
chronicle.settings.production itself."""

from chronicle.settings.production import *  # noqa: F401,F403

BENCH_RATE_LIMIT = (1_000_000, 600)  # comments, seconds
CHRONICLE_COMMENT_RATE_PER_IP = BENCH_RATE_LIMIT
CHRONICLE_COMMENT_RATE_PER_EMAIL = BENCH_RATE_LIMIT
