import time

from community.forms import CommentForm


def comment_data(**overrides):
    """What the comment form posts, with a timing token issued 10 s ago."""
    data = {
        "text": "Heat helps me too, especially in the evening.",
        "name": "Robin",
        "email": "robin@example.org",
        "url": "",
        "homepage": "",
        "form_token": CommentForm(now=time.time() - 10).make_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_comment(client, page, **overrides):
    """Post as a browser with script on would: with a fresh CSRF token."""
    token = client.get("/csrf/").json()["token"]
    return client.post(f"/comments/post/{page.pk}/", {**comment_data(**overrides), "csrfmiddlewaretoken": token})


def set_rules(**values):
    """Change the default site's comment settings, as an editor saving them would."""
    from wagtail.models import Site

    from community.models import CommentSettings

    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    for key, value in values.items():
        setattr(rules, key, value)
    rules.save()
    return rules
