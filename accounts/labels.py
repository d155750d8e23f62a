"""Django's permissions as staff read them in Vietnamese: "Bài viết | bài viết | Được thêm bài viết".

Django stores each permission's name in English, once, when it makes it ("Can add article"), and the
group and user forms list those names: English on an administrator's page. The names of the four
default permissions are made again here from the model's verbose name, in the reader's language;
the permissions models declare (Meta.permissions) have translated names, looked up in the catalogue.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DEFAULT_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission):
    """ "App | model | what it allows", in the active language (Permission.__str__, see apps.py).

    Libraries' names that are plain strings (django-otp's "TOTP device") are looked up too: the
    portal's vendor catalogue translates them."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:
        return f"{content_type} | {gettext(permission.name)}"
    action, _separator, model_name = permission.codename.partition("_")
    verbose_name = gettext(str(model._meta.verbose_name))
    if action in DEFAULT_ACTIONS and model_name == model._meta.model_name:
        name = DEFAULT_ACTIONS[action] % {"model": verbose_name}
    else:
        name = gettext(permission.name)
    return f"{gettext(str(model._meta.app_config.verbose_name))} | {verbose_name} | {name}"
