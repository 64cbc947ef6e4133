from django.urls import path

from . import views

app_name = "incidents"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident_detail"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("cities/<slug:slug>/", views.city_detail, name="city_detail"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
]
