from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from frame.models import Page, PageAttachment, Video
from frame.sitemaps import site_sitemaps
from portal.lib.attachments import download_response
from portal.lib.languages import ENGLISH, vietnamese_redirect


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tim-kiem/",
        "Disallow: /i18n/",
        "Disallow: /gop-y/",
        "Disallow: /en/tim-kiem/",
        "Disallow: /en/gop-y/",
        f"Sitemap: {request.build_absolute_uri(reverse('frame:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to."""
    return HttpResponsePermanentRedirect(static("portal/icons/favicon.svg"))


def site_sitemap(request):
    """/sitemap.xml: every app's public pages (frame.sitemaps)."""
    return sitemap(request, sitemaps=site_sitemaps())


class VideoListView(ListView):
    """Every published video, newest first, each playable in place."""

    template_name = "frame/video_list.html"
    context_object_name = "videos"
    paginate_by = 12

    def get_queryset(self):
        return Video.objects.published()


class PageDetailView(DetailView):
    """A static page, at /en/ in its English version when it has one."""

    template_name = "frame/page.html"
    context_object_name = "page"

    def get_queryset(self):
        return Page.objects.visible_to(self.request.user)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if get_language() == ENGLISH and not self.object.has_english:
            # No English version: the English address leads to the Vietnamese page (docs/languages.md).
            return vietnamese_redirect(request)
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not self.object.is_published:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        language = get_language()
        title, body, text_language = self.object.content_in(language)
        return super().get_context_data(
            page_title=title,
            page_body=body,
            # Set on the text only when it differs from the page's language (no English version yet).
            text_language="" if text_language == language else text_language,
            preview=not self.object.is_published,
            page_languages=None if self.object.has_english else [settings.LANGUAGE_CODE],
            **kwargs,
        )


def attachment_download(request, pk):
    """A file attached to a static page readers may see, under its own name (portal.lib.attachments)."""
    attachment = get_object_or_404(
        PageAttachment.objects.filter(page__in=Page.objects.visible_to(request.user)), pk=pk
    )
    return download_response(attachment.file, attachment.name)
