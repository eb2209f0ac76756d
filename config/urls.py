from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("frameworks.urls")),
]

handler404 = "frameworks.web.errors.page_not_found"
handler500 = "frameworks.web.errors.server_error"
