from django.urls import path, re_path

from caching.pagecache import public_page
from feedback import views

app_name = "feedback"

# The captcha's own views live here rather than under an include of captcha.urls at the root: the
# widget asks for these names, and the whole feature stays inside the app.
CAPTCHA_KEY = r"(?P<key>[0-9a-f]{40})"

urlpatterns = [
    path("gop-y/", views.FeedbackCreateView.as_view(), name="create"),
    # The form under an article posts here (under /gop-y/, where nginx limits posts).
    path("gop-y/bai-viet/<slug:slug>/", views.ArticleOpinionView.as_view(), name="article_opinion"),
    # ... and the form on a draft's page while its consultation is open.
    path("gop-y/du-thao/<slug:slug>/", views.ConsultationCommentView.as_view(), name="consultation_comment"),
    path("gop-y/da-gui/<str:token>/", views.ThanksView.as_view(), name="thanks"),
    path("gop-y/tra-cuu/", views.LookupView.as_view(), name="lookup"),
    path("hoi-dap/", public_page(views.AnswersView.as_view()), name="answers"),
    re_path(rf"^gop-y/ma-kiem-tra/{CAPTCHA_KEY}\.png$", views.captcha_image, name="captcha_image"),
    re_path(rf"^gop-y/ma-kiem-tra/{CAPTCHA_KEY}\.wav$", views.captcha_audio, name="captcha_audio"),
    path("gop-y/ma-kiem-tra/moi/", views.captcha_refresh, name="captcha_refresh"),
]
