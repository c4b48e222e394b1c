from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("post/<int:page_id>/", views.post, name="post"),
    path("<int:comment_id>/edit/", views.edit, name="edit"),
    path("<int:comment_id>/delete/", views.delete, name="delete"),
    path("stop-replies/<str:token>/", views.stop_replies, name="stop_replies"),
]
