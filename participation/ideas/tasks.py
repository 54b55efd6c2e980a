"""The ideas app's periodic work: news for the followers of a process (participation.ideas.following)."""

from celery import shared_task


@shared_task
def send_process_news(news_id):
    """Safe to run twice: the news row is locked and `sent_at` set in the transaction that stores the mails."""
    from participation.ideas.following import send_news

    return send_news(news_id)


@shared_task
def collect_process_news():
    """Safe to run twice: each phase or batch of answers has its own key (ProcessNews is unique per key), and a
    piece of news not yet sent (the worker was down) is sent now."""
    from participation.ideas.following import collect_news, send_news
    from participation.ideas.models import ProcessNews

    collect_news()
    for news_id in ProcessNews.objects.filter(sent_at__isnull=True).values_list("pk", flat=True):
        send_news(news_id)
