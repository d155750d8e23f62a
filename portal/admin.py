"""The back office's titles (each app registers its own models)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Provincial portal — administration")
admin.site.site_title = _("Portal administration")
admin.site.index_title = _("Content administration")
