from django.urls import path

from gongkai.supervision import urging_views, views

urlpatterns = [
    path("", views.batch_list, name="audit-batches"),
    path("<int:pk>/", views.batch_detail, name="audit-batch"),
    path("<int:pk>/files/<int:file_pk>/", views.file_detail, name="audit-file"),
    path("<int:pk>/export.xlsx", views.batch_export, name="audit-export"),
]

# 督办, under /work/ beside the other staff screens.
work_urlpatterns = [
    path("overdue/", urging_views.overdue_list, name="overdue-list"),
    path("overdue.xlsx", urging_views.overdue_xlsx, name="overdue-xlsx"),
    path("overdue/<int:pk>/urge/", urging_views.urging_new, name="urging-new"),
    path("urgings/<int:pk>/", urging_views.urging_detail, name="urging-detail"),
]
