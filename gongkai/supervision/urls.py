from django.urls import path

from gongkai.supervision import views

urlpatterns = [
    path("", views.batch_list, name="audit-batches"),
    path("<int:pk>/", views.batch_detail, name="audit-batch"),
    path("<int:pk>/files/<int:file_pk>/", views.file_detail, name="audit-file"),
    path("<int:pk>/export.xlsx", views.batch_export, name="audit-export"),
]
