from django.urls import path

from gongkai.annual import import_views, ledger_views, views

rollup_urlpatterns = [
    path("rollup/<int:year>/", views.annual_rollup, name="annual-rollup"),
    path("rollup/<int:year>.xlsx", views.annual_rollup_xlsx, name="annual-rollup-xlsx"),
]

urlpatterns = [
    path("<slug:code>/annual/<int:year>/", views.annual_report, name="annual-report"),
    path("<slug:code>/annual/<int:year>/figures/", views.annual_figures, name="annual-figures"),
    path(
        "<slug:code>/annual/<int:year>/figures/import/",
        import_views.figures_upload,
        name="annual-figures-import",
    ),
    path(
        "<slug:code>/annual/<int:year>/figures/template.csv",
        import_views.figures_template,
        name="annual-figures-template",
    ),
    path(
        "<slug:code>/annual/<int:year>/cell/<slug:table>/<slug:row>/<str:column>/",
        views.annual_cell,
        name="annual-cell",
    ),
    path("<slug:code>/annual/<int:year>/ledger/", ledger_views.ledger_page, name="annual-ledger"),
    path(
        "<slug:code>/annual/<int:year>/ledger/<int:entry>/remove/",
        ledger_views.ledger_remove,
        name="annual-ledger-remove",
    ),
    path(
        "<slug:code>/annual/<int:year>/ledger/files/<int:file>/",
        ledger_views.ledger_file,
        name="annual-ledger-file",
    ),
    path("<slug:code>/annual/<int:year>.<str:fmt>", views.annual_download, name="annual-download"),
    path("<slug:code>/annual/<int:year>/<slug:step>/", views.annual_step, name="annual-step"),
]

public_urlpatterns = [
    path("reports/<slug:code>/<int:year>/", views.public_report, name="public-report"),
    path("reports/<slug:code>/<int:year>/v<int:number>/", views.public_report, name="public-report-version"),
    path(
        "reports/<slug:code>/<int:year>/v<int:number>.<slug:fmt>",
        views.public_report_file,
        name="public-report-file",
    ),
]
