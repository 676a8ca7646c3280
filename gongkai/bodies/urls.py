from django.urls import path

from gongkai.bodies import views

urlpatterns = [
    path("", views.body_list, name="body-list"),
    path("<slug:code>/", views.body_detail, name="body-detail"),
    path("<slug:code>/edit/", views.body_edit, name="body-edit"),
    path("<slug:code>/roles/", views.body_roles, name="body-roles"),
    path("<slug:code>/roles/<int:pk>/end/", views.role_end, name="role-end"),
    path("<slug:code>/roles/<int:pk>/backup/", views.role_backup, name="role-backup"),
    path("<slug:code>/users/new/", views.user_new, name="user-new"),
    path("<slug:code>/audit/", views.body_audit, name="body-audit"),
]

# Outside /bodies/: a user's own absences (gongkai/urls.py mounts these at the root).
me_urlpatterns = [
    path("me/absences/new/", views.absence_new, name="absence-new"),
]
