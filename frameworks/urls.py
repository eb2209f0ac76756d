from django.urls import path, re_path

from .api import health
from .api import views as api
from .web import about_views, catalog_views, compare_views, wizard_views
from .web.feeds import CatalogChanges, FrameworkChanges
from .web.methods import read_only

app_name = "frameworks"

urlpatterns = [
    path("", catalog_views.home, name="home"),
    path("frameworks/", catalog_views.framework_list, name="framework_list"),
    path("frameworks/<str:slug>/", catalog_views.framework_detail, name="framework_detail"),
    path("features/", catalog_views.feature_list, name="feature_list"),
    path("features/<str:slug>/", catalog_views.feature_detail, name="feature_detail"),
    path("use-cases/", catalog_views.use_case_list, name="use_case_list"),
    path("use-cases/<str:slug>/", catalog_views.use_case_detail, name="use_case_detail"),
    path("search/", catalog_views.site_search, name="search"),
    path("benchmarks/", catalog_views.benchmarks_page, name="benchmarks"),
    re_path(r"^benchmarks/results\.(?P<fmt>json|csv)$", catalog_views.benchmarks_data, name="benchmarks_data"),
    path("samples/<str:task>/", catalog_views.task_samples, name="samples"),
    path("wizard/", wizard_views.wizard, name="wizard"),
    path("wizard/results/", wizard_views.results, name="wizard_results"),
    path("wizard/results/record/", wizard_views.decision_record_download, name="wizard_record"),
    path("wizard/how-we-rank/", wizard_views.how_we_rank, name="how_we_rank"),
    path("compare/", compare_views.compare_picker, name="compare_picker"),
    re_path(r"^compare/(?P<path>[^/]+)/$", compare_views.compare_page, name="compare"),
    path("about/methodology/", about_views.methodology, name="methodology"),
    path("about/report/", about_views.report_fact, name="report_fact"),
    path("about/api/", about_views.api_docs, name="api_docs"),
    path("about/report/thanks/", about_views.report_thanks, name="report_thanks"),
    path("api/v1/openapi.json", api.openapi, name="api_openapi"),
    path("api/v1/frameworks/", api.frameworks, name="api_frameworks"),
    path("api/v1/frameworks/<str:slug>/", api.framework_detail, name="api_framework_detail"),
    path("api/v1/compare/", api.compare_frameworks, name="api_compare"),
    path("api/v1/recommend/", api.recommend_frameworks, name="api_recommend"),
    path("api/v1/recommend/record/", api.decision_record, name="api_decision_record"),
    path("api/v1/export/catalog.json", api.export_catalog, name="api_export_catalog"),
    path("api/v1/export/support.csv", api.export_support, name="api_export_support"),
    path("feeds/changes/", read_only(CatalogChanges()), name="feed_changes"),
    path("feeds/frameworks/<str:slug>/", read_only(FrameworkChanges()), name="feed_framework"),
    path("healthz", health.healthz, name="healthz"),
]
