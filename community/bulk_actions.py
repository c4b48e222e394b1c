"""Bulk actions that move the chosen items of an admin listing to one status
(comments: approve / spam / trash; inbox messages: read / archive / spam)."""

from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction


class StatusBulkAction(SnippetBulkAction):
    """A button on the listing, a page that lists the chosen items and asks
    to confirm, then `set_status` and a message saying how many changed.

    Subclasses name the model (`models`), the status to set
    (`target_status`, one of the model's `Status` choices), what an item is
    called (`noun`, `plural`), and implement `set_status(objects, status)`
    (returns how many changed) and `describe(obj)` (a line of the list)."""

    template_name = "community/admin/confirm_bulk_status.html"
    target_status = None
    noun, plural = "item", "items"
    header_icon = "tasks"

    @classmethod
    def set_status(cls, objects, status):
        raise NotImplementedError

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return cls.set_status(objects, cls.target_status), 0

    def describe(self, obj):
        return str(obj)

    def edit_url(self, obj):
        return None

    def status_label(self):
        return self.models[0].Status(self.target_status).label.lower()

    def object_context(self, obj):
        return {"item": obj, "description": self.describe(obj), "edit_url": self.edit_url(obj)}

    def get_success_message(self, num_parent_objects, num_child_objects):
        noun = self.noun if num_parent_objects == 1 else self.plural
        return f"{num_parent_objects} {noun} marked {self.status_label()}."

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_label": self.display_name,
            "status_label": self.status_label(),
            "noun": self.noun,
            "plural": self.plural,
            "header_icon": self.header_icon,
        }
