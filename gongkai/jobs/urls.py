from django.urls import path

from gongkai.jobs import views

urlpatterns = [
    path("", views.job_list, name="jobs"),
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/status.json", views.job_status, name="job-status"),
    path("<int:pk>/retry/", views.job_retry, name="job-retry"),
]
