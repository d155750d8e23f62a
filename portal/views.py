from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import ListView
from django.views.static import serve

from portal.models import Video
from portal.storage import media_content_type


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tim-kiem/",
        "Disallow: /i18n/",
        "Disallow: /gop-y/",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def media(request, path):
    """Uploads in development and tests (nginx serves them in production, with the same headers).

    Only the types portal.storage allows, under the type its fixed map gives, never sniffed, and in
    a sandbox: even a file that somehow held HTML would run nothing if opened directly.
    """
    content_type = media_content_type(path)
    if content_type is None:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to."""
    return HttpResponsePermanentRedirect(static("portal/icons/favicon.svg"))


class VideoListView(ListView):
    """Every published video, newest first, each playable in place."""

    template_name = "portal/video_list.html"
    context_object_name = "videos"
    paginate_by = 12

    def get_queryset(self):
        return Video.objects.published()
