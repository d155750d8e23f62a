from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from portal.models import Video


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
