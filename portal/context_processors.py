from django.conf import settings


def site(request):
    """What every template may show of the site itself."""
    return {"site_name": settings.PORTAL_SITE_NAME}
