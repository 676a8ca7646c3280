from django.urls import path

from gongkai.publishing import views

P = "<slug:code>/publishing/"

urlpatterns = [
    path(P, views.publishing_list, name="publishing-list"),
    path(P + "catalogue/", views.catalogue, name="publishing-catalogue"),
    path(P + "catalogue/install/", views.catalogue_install, name="publishing-catalogue-install"),
    path(P + "catalogue/new/", views.column_edit, name="publishing-column-new"),
    path(P + "catalogue/<int:node>/edit/", views.column_edit, name="publishing-column-edit"),
    path(P + "index-rule/", views.index_rule, name="publishing-index-rule"),
    path(P + "new/", views.item_new, name="publishing-new"),
    path(P + "<int:pk>/", views.item_detail, name="publishing-detail"),
    path(P + "<int:pk>/edit/", views.item_edit, name="publishing-edit"),
    path(P + "<int:pk>/do/<slug:step>/", views.item_step, name="publishing-step"),
    path(P + "<int:pk>/attachments/", views.attachment_add, name="publishing-attachment-add"),
    path(
        P + "<int:pk>/attachments/<int:attachment>/remove/",
        views.attachment_remove,
        name="publishing-attachment-remove",
    ),
    path(
        P + "<int:pk>/attachments/<int:attachment>/<slug:which>/",
        views.attachment_download,
        name="publishing-attachment-download",
    ),
    path(P + "<int:pk>/hits/<int:hit>/", views.hit_resolve, name="publishing-hit"),
    path(P + "<int:pk>/hits/<int:hit>/reopen/", views.hit_reopen, name="publishing-hit-reopen"),
]
