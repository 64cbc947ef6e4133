from django.urls import path

from . import views

app_name = "translations"

urlpatterns = [path("<str:language>/", views.switch, name="switch")]
