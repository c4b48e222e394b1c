"""The reader's reading preferences, for base.html (settings: TEMPLATES
context_processors += "accounts.context_processors.preferences").

`prefs.text_size` is normal, large or larger; `prefs.theme` is auto, light
or dark. Anonymous readers get the defaults without a query (their pages
are shared through the page cache, so they cannot differ per reader); a
signed-in reader's profile is read once per request, and only if a
template asks."""

from django.utils.functional import SimpleLazyObject

from .models import Profile


class Preferences:
    __slots__ = ("text_size", "theme")

    def __init__(self, text_size=Profile.TextSize.NORMAL, theme=Profile.Theme.AUTO):
        self.text_size = text_size
        self.theme = theme

    def __repr__(self):
        return f"Preferences(text_size={self.text_size!r}, theme={self.theme!r})"


DEFAULTS = Preferences()


def preferences_for(request):
    cached = getattr(request, "_chronicle_prefs", None)
    if cached is not None:
        return cached
    prefs = DEFAULTS
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        row = Profile.objects.filter(user=user).values_list("text_size", "theme").first()
        if row:
            prefs = Preferences(*row)
    request._chronicle_prefs = prefs
    return prefs


def preferences(request):
    return {"prefs": SimpleLazyObject(lambda: preferences_for(request))}
