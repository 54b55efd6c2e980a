from django.urls import path

from participation.ideas import views

# Included by participation/urls.py under the namespace "participation". The idea pages themselves are routes of
# the participation process page (participation.ideas.models.process).
urlpatterns = [
    # An image kept for an idea form, for its uploader's session only (participation.ideas.uploads.PendingImages).
    path("idee-bild/<str:token>/", views.pending_image, name="pending_image"),
]
