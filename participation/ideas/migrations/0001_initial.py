"""State only: the models of participation move to this app with their tables, rows, content types and permissions (participation 0017 hands them over). Nothing changes in the database."""

import core.files
import core.publishing
import django.db.models.deletion
import modelcluster.fields
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('participation', '0016_district_in_core'),
        ('core', '0010_district'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='IdeaCategory',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                    ('slug', models.SlugField(unique=True, verbose_name='slug')),
                ],
                options={
                    'verbose_name': 'idea category',
                    'verbose_name_plural': 'idea categories',
                    'db_table': 'participation_ideacategory',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='Idea',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('reference', models.CharField(editable=False, max_length=20, unique=True, verbose_name='receipt number')),
                    ('title', models.CharField(max_length=150, verbose_name='title')),
                    ('description', models.TextField(max_length=5000, verbose_name='description')),
                    ('location_text', models.CharField(blank=True, help_text='An address or a description of the place, for example “bus stop at the Holstentor”.', max_length=300, verbose_name='place')),
                    ('latitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True, verbose_name='latitude')),
                    ('longitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True, verbose_name='longitude')),
                    ('channel', models.CharField(choices=[('online', 'Online'), ('paper', 'Paper'), ('event', 'Event'), ('desk', "Citizens' desk")], default='online', max_length=10, verbose_name='channel')),
                    ('author_name', models.CharField(blank=True, max_length=80, verbose_name='name shown')),
                    ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='email for updates')),
                    ('language', models.CharField(default='de', max_length=10, verbose_name='language')),
                    ('consent_at', models.DateTimeField(verbose_name='privacy consent given')),
                    ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='email confirmed')),
                    ('notify', models.BooleanField(default=True, verbose_name='send updates by email')),
                    ('status', models.CharField(choices=[('received', 'Received'), ('in_review', 'In review'), ('accepted', 'Accepted'), ('rejected', 'Rejected'), ('in_progress', 'In progress'), ('done', 'Done')], default='received', max_length=20, verbose_name='status')),
                    ('published', models.BooleanField(default=False, verbose_name='published')),
                    ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                    ('hidden', models.BooleanField(default=False, verbose_name='hidden')),
                    ('rejection_reason', models.TextField(blank=True, verbose_name='reason for rejection')),
                    ('official_answer', models.TextField(blank=True, verbose_name='official answer')),
                    ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='answered at')),
                    ('internal_notes', models.TextField(blank=True, help_text='Only staff see these.', verbose_name='internal notes')),
                    ('support_count', models.PositiveIntegerField(default=0, verbose_name='supports')),
                    ('comment_count', models.PositiveIntegerField(default=0, help_text='Published comments.', verbose_name='comments')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='submitted')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ideas', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                    ('district', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='ideas', to='core.district', verbose_name='district')),
                    ('duplicate_of', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='duplicates', to='ideas.idea', verbose_name='duplicate of')),
                    ('entered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='entered by')),
                    ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ideas', to='ideas.ideacategory', verbose_name='category')),
                ],
                options={
                    'verbose_name': 'idea',
                    'verbose_name_plural': 'ideas',
                    'db_table': 'participation_idea',
                    'ordering': ['-created_at'],
                },
            ),
            migrations.CreateModel(
                name='Comment',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('author_name', models.CharField(blank=True, max_length=80, verbose_name='name shown')),
                    ('text', models.TextField(max_length=2000, verbose_name='comment')),
                    ('language', models.CharField(blank=True, default='', help_text='The language of the page the comment was written on.', max_length=10, verbose_name='language')),
                    ('published', models.BooleanField(default=False, verbose_name='published')),
                    ('hidden', models.BooleanField(default=False, help_text='Hidden after reports or by a moderator.', verbose_name='hidden')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='written')),
                    ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='idea_comments', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                    ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='replies', to='ideas.comment', verbose_name='reply to')),
                    ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='ideas.idea')),
                ],
                options={
                    'verbose_name': 'comment',
                    'verbose_name_plural': 'comments',
                    'db_table': 'participation_comment',
                    'ordering': ['created_at', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='IdeaImage',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('file', models.ImageField(storage=core.files.private_storage, upload_to='ideas/%Y/%m/', verbose_name='image')),
                    ('width', models.PositiveIntegerField(default=0, editable=False)),
                    ('height', models.PositiveIntegerField(default=0, editable=False)),
                    ('alt_text', models.CharField(blank=True, help_text='A short description for people who cannot see the image.', max_length=250, verbose_name='what the image shows')),
                    ('sort_order', models.PositiveSmallIntegerField(default=0)),
                    ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='images', to='ideas.idea')),
                ],
                options={
                    'verbose_name': 'idea image',
                    'db_table': 'participation_ideaimage',
                    'ordering': ['sort_order', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='ModerationLogEntry',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('action', models.CharField(max_length=50, verbose_name='action')),
                    ('detail', models.TextField(blank=True, verbose_name='detail')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='moderation_log', to='ideas.idea')),
                    ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'moderation log entry',
                    'verbose_name_plural': 'moderation log',
                    'db_table': 'participation_moderationlogentry',
                    'ordering': ['-created_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='ParticipationProcessPage',
                fields=[
                    ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                    ('intro', models.TextField(blank=True, verbose_name='introduction')),
                    ('description', wagtail.fields.RichTextField(blank=True, verbose_name='description')),
                    ('ideas_enabled', models.BooleanField(default=True, verbose_name='collect ideas')),
                    ('moderation', models.CharField(choices=[('pre', 'Pre-moderation: ideas appear after a moderator publishes them'), ('post', 'Post-moderation: ideas appear at once, moderators can hide them')], default='pre', max_length=10, verbose_name='moderation')),
                    ('contact_name', models.CharField(blank=True, max_length=150, verbose_name='contact person')),
                    ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='contact email')),
                    ('contact_phone', models.CharField(blank=True, max_length=50, verbose_name='contact phone')),
                    ('paper_hint', models.TextField(blank=True, help_text="For example the citizens' offices and their opening hours.", verbose_name='where to hand in paper forms')),
                    ('categories', modelcluster.fields.ParentalManyToManyField(blank=True, help_text='Leave empty to allow every category.', to='ideas.ideacategory', verbose_name='allowed categories')),
                ],
                options={
                    'verbose_name': 'participation process',
                    'verbose_name_plural': 'participation processes',
                    'db_table': 'participation_participationprocesspage',
                },
                bases=(core.publishing.PublishThroughWorkflowMixin, wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
            ),
            migrations.AddField(
                model_name='idea',
                name='process',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ideas', to='ideas.participationprocesspage', verbose_name='participation process'),
            ),
            migrations.CreateModel(
                name='Phase',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                    ('kind', models.CharField(choices=[('collect', 'Collect ideas'), ('support', 'Support'), ('review', 'Review'), ('result', 'Result')], max_length=10, verbose_name='phase')),
                    ('starts_at', models.DateTimeField(verbose_name='starts')),
                    ('ends_at', models.DateTimeField(verbose_name='ends')),
                    ('description', models.CharField(blank=True, max_length=300, verbose_name='what happens')),
                    ('process', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='phases', to='ideas.participationprocesspage')),
                ],
                options={
                    'verbose_name': 'phase',
                    'verbose_name_plural': 'phases',
                    'db_table': 'participation_phase',
                    'ordering': ['sort_order'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='ReceiptCounter',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('prefix', models.CharField(max_length=10)),
                    ('year', models.PositiveSmallIntegerField()),
                    ('last', models.PositiveIntegerField(default=0)),
                ],
                options={
                    'db_table': 'participation_receiptcounter',
                    'constraints': [models.UniqueConstraint(fields=('prefix', 'year'), name='unique_receipt_counter')],
                },
            ),
            migrations.CreateModel(
                name='Report',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('reporter', models.CharField(help_text='An account id or a hash of the address, never the address.', max_length=80)),
                    ('reason', models.CharField(blank=True, max_length=300, verbose_name='reason')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='reported')),
                    ('resolved', models.BooleanField(default=False, verbose_name='resolved')),
                    ('comment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='ideas.comment')),
                    ('idea', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='ideas.idea')),
                ],
                options={
                    'verbose_name': 'report',
                    'verbose_name_plural': 'reports',
                    'db_table': 'participation_report',
                },
            ),
            migrations.CreateModel(
                name='StatusChange',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('status', models.CharField(choices=[('received', 'Received'), ('in_review', 'In review'), ('accepted', 'Accepted'), ('rejected', 'Rejected'), ('in_progress', 'In progress'), ('done', 'Done')], max_length=20, verbose_name='status')),
                    ('note', models.TextField(blank=True, verbose_name='public note')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='ideas.idea')),
                ],
                options={
                    'verbose_name': 'status change',
                    'db_table': 'participation_statuschange',
                    'ordering': ['created_at', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='Support',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('email', models.EmailField(blank=True, max_length=254, verbose_name='confirmed email')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='supports', to='ideas.idea')),
                    ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='idea_supports', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'support',
                    'db_table': 'participation_support',
                },
            ),
            migrations.AddIndex(
                model_name='idea',
                index=models.Index(fields=['process', 'published', 'hidden', '-created_at'], name='participati_process_717723_idx'),
            ),
            migrations.AddIndex(
                model_name='idea',
                index=models.Index(fields=['process', '-support_count'], name='participati_process_e5869e_idx'),
            ),
            migrations.AddIndex(
                model_name='idea',
                index=models.Index(condition=models.Q(('confirmed_at__isnull', False), ('hidden', False), ('published', True)), fields=['process', '-created_at', '-id'], name='idea_public_newest'),
            ),
            migrations.AddIndex(
                model_name='idea',
                index=models.Index(condition=models.Q(('confirmed_at__isnull', False), ('hidden', False), ('published', True)), fields=['process', '-support_count', '-id'], name='idea_public_supported'),
            ),
            migrations.AddIndex(
                model_name='idea',
                index=models.Index(condition=models.Q(('confirmed_at__isnull', False), ('hidden', False), ('published', True)), fields=['process', '-comment_count', '-id'], name='idea_public_discussed'),
            ),
            migrations.AddIndex(
                model_name='idea',
                index=models.Index(condition=models.Q(('confirmed_at__isnull', False), ('hidden', False), ('published', True)), fields=['process', 'channel'], name='idea_public_channel'),
            ),
            migrations.AddConstraint(
                model_name='idea',
                constraint=models.CheckConstraint(condition=models.Q(('author__isnull', False), models.Q(('contact_email', ''), _negated=True), ('entered_by__isnull', False), _connector='OR'), name='idea_has_an_author_an_email_or_staff_entry'),
            ),
            migrations.AddConstraint(
                model_name='report',
                constraint=models.UniqueConstraint(condition=models.Q(('comment__isnull', True)), fields=('idea', 'reporter'), name='one_report_per_person_and_idea'),
            ),
            migrations.AddConstraint(
                model_name='report',
                constraint=models.UniqueConstraint(condition=models.Q(('comment__isnull', False)), fields=('comment', 'reporter'), name='one_report_per_person_and_comment'),
            ),
            migrations.AddConstraint(
                model_name='support',
                constraint=models.UniqueConstraint(condition=models.Q(('user__isnull', False)), fields=('idea', 'user'), name='one_support_per_person'),
            ),
            migrations.AddConstraint(
                model_name='support',
                constraint=models.UniqueConstraint(condition=models.Q(('email', ''), _negated=True), fields=('idea', 'email'), name='one_support_per_email'),
            ),
            migrations.AddConstraint(
                model_name='support',
                constraint=models.CheckConstraint(condition=models.Q(('user__isnull', False), models.Q(('email', ''), _negated=True), _connector='OR'), name='support_has_a_person'),
            ),
        ], database_operations=[]),
    ]
