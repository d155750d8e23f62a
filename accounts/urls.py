"""The admin's sign-in steps. portal/urls.py includes these under the admin's prefix, before the
admin's own URLs: `login/` answers at admin:login's address, instead of Django's login view."""

from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.PasswordStepView.as_view(), name="login"),
    path("login/code/", views.CodeStepView.as_view(), name="code"),
    path("login/enrol/", views.EnrolView.as_view(), name="enrol"),
    path("login/recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("login/cancel/", views.CancelView.as_view(), name="cancel"),
]
