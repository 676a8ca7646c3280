from django.contrib import admin
from django.urls import include, path

from gongkai.annual.urls import public_urlpatterns as report_urlpatterns
from gongkai.annual.urls import rollup_urlpatterns
from gongkai.api import api
from gongkai.applications.urls import public_urlpatterns, staff_urlpatterns, work_urlpatterns
from gongkai.bodies.urls import me_urlpatterns
from gongkai.conversion.urls import staff_urlpatterns as conversion_urlpatterns
from gongkai.portal.urls import staff_urlpatterns as staff_search_urlpatterns
from gongkai.supervision.urls import work_urlpatterns as urging_urlpatterns

urlpatterns = [
    path("", include("gongkai.web.urls")),
    path("", include(me_urlpatterns)),
    path("bodies/", include("gongkai.bodies.urls")),
    path("bodies/", include(staff_urlpatterns)),
    path("bodies/", include(conversion_urlpatterns)),
    path("bodies/", include("gongkai.annual.urls")),
    path("bodies/", include("gongkai.publishing.urls")),
    path("", include(public_urlpatterns)),
    path("work/", include(work_urlpatterns)),
    path("work/", include(rollup_urlpatterns)),
    path("work/", include(urging_urlpatterns)),
    path("", include(report_urlpatterns)),
    path("", include("gongkai.portal.urls")),
    path("work/", include(staff_search_urlpatterns)),
    path("supervision/audits/", include("gongkai.supervision.urls")),
    path("work/jobs/", include("gongkai.jobs.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "gongkai.web.views.bad_request"
handler403 = "gongkai.web.views.permission_denied"
handler404 = "gongkai.web.views.page_not_found"
handler500 = "gongkai.web.views.server_error"
