from django.urls import path

from . import views

app_name = "frameworks"

urlpatterns = [
    path("", views.home, name="home"),
    path("frameworks/", views.framework_list, name="framework_list"),
    path("frameworks/<str:slug>/", views.framework_detail, name="framework_detail"),
    path("features/<str:slug>/", views.feature_detail, name="feature_detail"),
    path("use-cases/<str:slug>/", views.use_case_detail, name="use_case_detail"),
    path("healthz", views.healthz, name="healthz"),
]
