from django.urls import path

from gongkai.portal import feeds, views

urlpatterns = [
    path("open/search/", views.portal_search, name="portal-search"),
    path("open/<slug:code>/", views.portal_home, name="portal-home"),
    path("open/<slug:code>/columns/<slug:column>/", views.portal_column, name="portal-column"),
    path(
        "open/<slug:code>/columns/<slug:column>/rss/",
        views.public_page(feeds.ColumnRssFeed()),
        name="portal-column-rss",
    ),
    path(
        "open/<slug:code>/columns/<slug:column>/atom/",
        views.public_page(feeds.ColumnAtomFeed()),
        name="portal-column-atom",
    ),
    path("open/<slug:code>/items/<int:pk>/", views.portal_item, name="portal-item"),
    path(
        "open/<slug:code>/items/<int:pk>/attachments/<int:attachment>/",
        views.portal_attachment,
        name="portal-attachment",
    ),
    path("kiosk/<slug:code>/", views.kiosk_start, name="portal-kiosk"),
]

staff_urlpatterns = [
    path("search/", views.staff_search, name="staff-search"),
]
