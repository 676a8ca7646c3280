from django.urls import path

from gongkai.conversion import views

staff_urlpatterns = [
    path(
        "<slug:code>/applications/<int:pk>/proactive/",
        views.proactive_turn,
        name="application-proactive",
    ),
    path(
        "<slug:code>/applications/<int:pk>/proactive/join/",
        views.proactive_join,
        name="application-proactive-join",
    ),
    path(
        "<slug:code>/applications/<int:pk>/proactive/suggestion/",
        views.proactive_suggestion,
        name="application-proactive-suggestion",
    ),
]
