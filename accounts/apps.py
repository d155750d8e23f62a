from django.apps import AppConfig
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from django.apps import apps
        from django.contrib.auth import get_user_model

        from accounts.names import full_name

        # One name, one order, everywhere a person is printed: Django's User says "Như Thuỷ Lê"
        # (get_full_name) or "phongvien" (str, in every admin choice, list and history), where a
        # Vietnamese reader expects "Lê Như Thuỷ" (accounts.names). Django's User is not swapped for a
        # model of our own (a migration of every foreign key for two methods): they are replaced here.
        User = get_user_model()
        User.get_full_name = full_name
        User.__str__ = full_name
        # Permissions are stored with English names; the forms that list them read these instead.
        from django.contrib.auth.models import Permission

        from accounts.labels import permission_label

        Permission.__str__ = permission_label
        # django-axes names its admin section after its label ("AXES"): the lockout, in Vietnamese.
        if apps.is_installed("axes"):
            apps.get_app_config("axes").verbose_name = _("Login lockout")
        # django-otp names its models in plain English ("TOTP device"), which a deletion's summary
        # prints as they are: names the portal's vendor catalogue translates, looked up when read.
        for label in ("otp_totp", "otp_static"):
            if apps.is_installed(f"django_otp.plugins.{label}"):
                for model in apps.get_app_config(label).get_models():
                    model._meta.verbose_name = gettext_lazy(str(model._meta.verbose_name))
                    model._meta.verbose_name_plural = gettext_lazy(str(model._meta.verbose_name_plural))
