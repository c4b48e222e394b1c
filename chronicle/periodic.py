"""What runs on a timer, and how often. `manage.py clock` enqueues each task
when it is due; the task worker runs it. Run exactly one clock per site."""

PERIODIC_TASKS = [
    # (dotted path of a django-tasks task, interval in seconds)
    ("blog.tasks.publish_scheduled_pages", 60),
    ("community.tasks.clear_old_personal_data", 6 * 60 * 60),
    # Contact inbox: re-enqueue overdue email retries (or lost first tasks); retention.
    ("community.inbox.tasks.retry_due_email", 300),
    ("community.inbox.tasks.apply_retention", 60 * 60),
    ("accounts.tasks.clear_old_sign_in_records", 6 * 60 * 60),
    ("newsletter.tasks.send_weekly_digests", 60 * 60),
    ("newsletter.tasks.resume_editions", 300),
    # Store: catch what lost Stripe webhooks would have said.
    ("store.tasks.reconcile_with_stripe", 60 * 60),
]
