"""What surveys hold about a person, for "download my data", and how an account deletion forgets it: the
answers stay (they count in the results) without the email addresses (also the one left for news)."""

from participation.surveys.models import SurveyResponse


def survey_responses(user):
    return [
        {"survey": response.survey.title, "answers": response.answers, "email": response.email,
         "email_for_news": response.results_email,
         "channel": response.channel, "language": response.language, "started_at": response.started_at,
         "submitted_at": response.submitted_at}
        for response in SurveyResponse.objects.filter(user=user).select_related("survey").order_by("started_at", "pk")
    ]


def forget(user, now):
    """Inside the deletion's transaction."""
    SurveyResponse.objects.filter(user=user).update(email="", results_email="", results_email_at=None)


def register():
    from core.registry import register_account_eraser, register_personal_data

    register_personal_data("survey_responses", survey_responses)
    register_account_eraser(forget)
