"""Wagtail's "Moderators" group (who may publish pages) may also moderate and
answer comments, out of the box; administrators can change that under
Settings -> Groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_comment", "change_comment", "delete_comment", "view_comment"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations ran: make them now.
    # (create_permissions skips an app whose models_module is unset, as it
    # is on the migration state's app configs.)
    config = apps.get_app_config("community")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.add(*Permission.objects.filter(content_type__app_label="community", content_type__model="comment", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.remove(*Permission.objects.filter(content_type__app_label="community", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
