from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_GET
from django.views.static import serve

from portal.lib.storage import media_content_type


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
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
