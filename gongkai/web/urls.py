from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.web import views

urlpatterns = [
    path("", views.front_page, name="front-page"),
    path("work/", views.work_home, name="work-home"),
    path("guide/<slug:code>/", views.body_guide, name="body-guide"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
