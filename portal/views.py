import functools
import logging

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.static import serve
from django_ckeditor_5.fields import CKEditor5Field

from portal.lib.images import save_upload, validate_image
from portal.lib.languages import address_in
from portal.lib.storage import STORAGE_ERRORS, media_content_type, media_headers

logger = logging.getLogger(__name__)


@require_GET
def media(request, path):
    """Uploads in development and tests (nginx serves them in production, with the same headers).

    Only the types portal.lib.storage allows, under the type its fixed map gives, never sniffed, and
    in a sandbox: even a file that somehow held HTML would run nothing if opened directly.
    """
    content_type = media_content_type(path)
    if content_type is None:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = content_type
    for header, value in media_headers(path).items():
        response[header] = value
    return response


@csrf_exempt
def set_language(request):
    """Where the old language switch (a POST to Django's set_language) and links to it still lead:
    to `next` at its address in the chosen language ("/bai-viet/x/" with "en": "/en/bai-viet/x/").

    It changes nothing and sets no cookie (the address alone decides the language), so it needs no
    CSRF token: a form on a page stored before English had its addresses still works.
    """
    data = request.POST if request.method == "POST" else request.GET
    next_url = data.get("next") or request.META.get("HTTP_REFERER") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    language = data.get("language")
    if language in dict(settings.LANGUAGES):
        next_url = address_in(next_url, language)
    return HttpResponseRedirect(next_url)


class EditorUploadForm(forms.Form):
    """The image a writer drops into the editor; validated, then re-encoded by the view."""

    upload = forms.FileField(label=gettext_lazy("Image"), validators=[validate_image])


@functools.cache
def _rich_text_permissions():
    """("app.add_model", "app.change_model") of every model that has the editor (a CKEditor5Field):
    articles and static pages today, whatever app adds one later."""
    needed = []
    for model in apps.get_models():
        if any(isinstance(field, CKEditor5Field) for field in model._meta.fields):
            opts = model._meta
            needed += [
                f"{opts.app_label}.{get_permission_codename(action, opts)}" for action in ("add", "change")
            ]
    return tuple(needed)


def may_use_the_editor(user):
    """Whoever may add or change something written in the editor may upload images into it."""
    return user.is_active and user.is_staff and any(user.has_perm(name) for name in _rich_text_permissions())


@require_POST
def editor_upload(request):
    """CKEditor 5's image upload: for who may write with the editor, images only, re-encoded under
    a random name (the library's own upload view is not mounted)."""
    if not may_use_the_editor(request.user):
        message = _("You may not upload images: only staff who may add or change articles or pages can.")
        return JsonResponse({"error": {"message": message}}, status=403)
    form = EditorUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = form.errors.get("upload") or [_("Choose an image to upload.")]
        return JsonResponse({"error": {"message": errors[0]}}, status=400)
    try:
        name = save_upload(form.cleaned_data["upload"], folder=timezone.now().strftime("uploads/%Y/%m"))
    except ValidationError as error:
        return JsonResponse({"error": {"message": error.messages[0]}}, status=400)
    except STORAGE_ERRORS:
        # A full disk, an unwritable media folder or an unreachable bucket: the storage left nothing
        # behind (portal.lib.storage), the writer keeps the text open in the editor.
        logger.error("Editor upload not stored", exc_info=True)
        message = _("The image could not be saved: the server's storage is full or cannot be written to.")
        return JsonResponse({"error": {"message": message}}, status=503)
    return JsonResponse({"url": default_storage.url(name)})
