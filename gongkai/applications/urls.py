from django.urls import path

from gongkai.applications import (
    action_views,
    appeal_views,
    approval_views,
    calendar_views,
    case_file_views,
    letter_settings_views,
    views,
)

staff_urlpatterns = [
    path("<slug:code>/applications/", views.application_list, name="application-list"),
    path("<slug:code>/applications/new/", views.application_new, name="application-new"),
    path("<slug:code>/applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("<slug:code>/applications/<int:pk>/assign/", views.application_assign, name="application-assign"),
    path(
        "<slug:code>/applications/<int:pk>/identity/", views.application_identity, name="application-identity"
    ),
    path(
        "<slug:code>/applications/<int:pk>/do/<slug:action>/",
        action_views.application_action,
        name="application-action",
    ),
    path(
        "<slug:code>/applications/<int:pk>/drafts/<int:draft_pk>/<slug:step>/",
        approval_views.draft_action,
        name="draft-action",
    ),
    path(
        "<slug:code>/applications/<int:pk>/drafts/<int:draft_pk>/preview.<str:fmt>",
        approval_views.draft_preview,
        name="draft-preview",
    ),
    path(
        "<slug:code>/applications/settings/",
        letter_settings_views.answer_settings_page,
        name="answer-settings",
    ),
    path(
        "<slug:code>/applications/settings/letters/<slug:key>/",
        letter_settings_views.letter_template_page,
        name="letter-template",
    ),
    path(
        "<slug:code>/applications/<int:pk>/letters/<int:letter_pk>.<str:fmt>",
        views.letter_download,
        name="letter-download",
    ),
    path(
        "<slug:code>/applications/<int:pk>/case-file/",
        case_file_views.attachment_upload,
        name="case-file-upload",
    ),
    path(
        "<slug:code>/applications/<int:pk>/case-file/<int:attachment_pk>/",
        case_file_views.attachment_download,
        name="case-file-download",
    ),
    path(
        "<slug:code>/applications/<int:pk>/notices/resend/",
        case_file_views.notices_resend_view,
        name="notices-resend",
    ),
    path(
        "<slug:code>/applications/<int:pk>/dossier.<str:fmt>",
        case_file_views.dossier_download,
        name="dossier-download",
    ),
    path("<slug:code>/appeals/", appeal_views.appeal_list, name="appeal-list"),
    path("<slug:code>/appeals/<int:pk>/conclude/", appeal_views.appeal_conclude_view, name="appeal-conclude"),
]

work_urlpatterns = [
    path("calendar/", calendar_views.calendar_years, name="calendar-years"),
]

public_urlpatterns = [
    path("apply/<slug:code>/", views.public_apply, name="public-apply"),
    path("status/", views.status_lookup, name="status-lookup"),
    path("status/<str:query_code>/", views.application_status, name="application-status"),
]
