from django.urls import path

from gongkai.applications import views

staff_urlpatterns = [
    path("<slug:code>/applications/", views.application_list, name="application-list"),
    path("<slug:code>/applications/new/", views.application_new, name="application-new"),
    path("<slug:code>/applications/<int:pk>/", views.application_detail, name="application-detail"),
]

public_urlpatterns = [
    path("apply/<slug:code>/", views.public_apply, name="public-apply"),
    path("status/", views.status_lookup, name="status-lookup"),
    path("status/<str:query_code>/", views.application_status, name="application-status"),
]
