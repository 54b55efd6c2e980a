"""State only: the models of participation move to this app with their tables, rows, content types and permissions (participation 0017 hands them over). Nothing changes in the database."""

import core.publishing
import django.db.models.deletion
import uuid
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('participation', '0016_district_in_core'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='SurveyPage',
                fields=[
                    ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                    ('intro', models.TextField(blank=True, verbose_name='introduction')),
                    ('opens_at', models.DateTimeField(verbose_name='opens')),
                    ('closes_at', models.DateTimeField(verbose_name='closes')),
                    ('audience', models.CharField(choices=[('anyone', 'Anyone (anonymous, no limit per person)'), ('residents', 'Signed-in residents (one answer per account)'), ('code', 'Holders of an access code (one answer per code)'), ('email', 'Anyone with a confirmed email address (one answer per address)')], default='anyone', max_length=20, verbose_name='who may answer')),
                    ('questions', wagtail.fields.StreamField([('section', 38)], block_lookup={0: ('participation.surveys.question_blocks.ConditionTextBlock', (), {'help_text': 'The key of an earlier question. Leave empty to always show this.', 'label': 'Show only if question', 'max_length': 60, 'required': False}), 1: ('participation.surveys.question_blocks.ConditionTextBlock', (), {'help_text': 'The exact text of one of its answer options (or “yes”/“no”).', 'label': '… was answered with', 'max_length': 200, 'required': False}), 2: ('wagtail.blocks.CharBlock', (), {'label': 'Section title', 'max_length': 200}), 3: ('wagtail.blocks.TextBlock', (), {'label': 'Introduction', 'required': False}), 4: ('wagtail.blocks.CharBlock', (), {'label': 'Question', 'max_length': 300}), 5: ('wagtail.blocks.RegexBlock', (), {'error_messages': {'invalid': 'Use lower-case letters, digits, - and _ only.'}, 'help_text': 'A short name (letters, digits, - and _) for conditions and exports, e.g. “mobility”.', 'label': 'Key', 'max_length': 60, 'regex': '^[a-z0-9_-]*$', 'required': False}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'Help text', 'max_length': 300, 'required': False}), 7: ('wagtail.blocks.BooleanBlock', (), {'default': False, 'label': 'Answer required', 'required': False}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'Answer option', 'max_length': 200}), 9: ('wagtail.blocks.StructBlock', [[('label', 8)]], {}), 10: ('wagtail.blocks.ListBlock', (9,), {'label': 'Answer options', 'min_num': 2}), 11: ('wagtail.blocks.BooleanBlock', (), {'label': 'Offer “other, please specify”', 'required': False}), 12: ('wagtail.blocks.StructBlock', [[('show_if_question', 0), ('show_if_answer', 1), ('text', 4), ('key', 5), ('help_text', 6), ('required', 7), ('options', 10), ('allow_other', 11)]], {}), 13: ('wagtail.blocks.IntegerBlock', (), {'label': 'At least', 'min_value': 0, 'required': False}), 14: ('wagtail.blocks.IntegerBlock', (), {'label': 'At most', 'min_value': 1, 'required': False}), 15: ('wagtail.blocks.StructBlock', [[('show_if_question', 0), ('show_if_answer', 1), ('text', 4), ('key', 5), ('help_text', 6), ('required', 7), ('options', 10), ('allow_other', 11), ('min_choices', 13), ('max_choices', 14)]], {}), 16: ('wagtail.blocks.StructBlock', [[('show_if_question', 0), ('show_if_answer', 1), ('text', 4), ('key', 5), ('help_text', 6), ('required', 7), ('options', 10)]], {}), 17: ('wagtail.blocks.StructBlock', [[('show_if_question', 0), ('show_if_answer', 1), ('text', 4), ('key', 5), ('help_text', 6), ('required', 7)]], {}), 18: ('wagtail.blocks.IntegerBlock', (), {'default': 1, 'label': 'From'}), 19: ('wagtail.blocks.IntegerBlock', (), {'default': 5, 'label': 'To'}), 20: ('wagtail.blocks.CharBlock', (), {'label': 'Label of the lowest value', 'max_length': 80, 'required': False}), 21: ('wagtail.blocks.CharBlock', (), {'label': 'Label of the highest value', 'max_length': 80, 'required': False}), 22: ('wagtail.blocks.BooleanBlock', (), {'default': True, 'label': 'Offer “no answer”', 'required': False}), 23: ('wagtail.blocks.StructBlock', [[('show_if_question', 0), ('show_if_answer', 1), ('text', 4), ('key', 5), ('help_text', 6), ('required', 7), ('minimum', 18), ('maximum', 19), ('min_label', 20), ('max_label', 21), ('allow_no_answer', 22)]], {}), 24: ('wagtail.blocks.CharBlock', (), {'label': 'Row', 'max_length': 200}), 25: ('wagtail.blocks.StructBlock', [[('label', 24)]], {}), 26: ('wagtail.blocks.ListBlock', (25,), {'label': 'Rows', 'min_num': 1}), 27: ('wagtail.blocks.StructBlock', [[('show_if_question', 0), ('show_if_answer', 1), ('text', 4), ('key', 5), ('help_text', 6), ('required', 7), ('minimum', 18), ('maximum', 19), ('min_label', 20), ('max_label', 21), ('allow_no_answer', 22), ('rows', 26)]], {}), 28: ('wagtail.blocks.ListBlock', (9,), {'label': 'Items to rank', 'min_num': 2}), 29: ('wagtail.blocks.StructBlock', [[('show_if_question', 0), ('show_if_answer', 1), ('text', 4), ('key', 5), ('help_text', 6), ('required', 7), ('options', 28)]], {}), 30: ('wagtail.blocks.IntegerBlock', (), {'default': 200, 'label': 'Maximum length', 'max_value': 500, 'min_value': 1}), 31: ('wagtail.blocks.StructBlock', [[('show_if_question', 0), ('show_if_answer', 1), ('text', 4), ('key', 5), ('help_text', 6), ('required', 7), ('max_length', 30)]], {}), 32: ('wagtail.blocks.IntegerBlock', (), {'default': 2000, 'label': 'Maximum length', 'max_value': 10000, 'min_value': 1}), 33: ('wagtail.blocks.StructBlock', [[('show_if_question', 0), ('show_if_answer', 1), ('text', 4), ('key', 5), ('help_text', 6), ('required', 7), ('max_length', 32)]], {}), 34: ('wagtail.blocks.DecimalBlock', (), {'label': 'Smallest allowed', 'required': False}), 35: ('wagtail.blocks.DecimalBlock', (), {'label': 'Largest allowed', 'required': False}), 36: ('wagtail.blocks.StructBlock', [[('show_if_question', 0), ('show_if_answer', 1), ('text', 4), ('key', 5), ('help_text', 6), ('required', 7), ('minimum', 34), ('maximum', 35)]], {}), 37: ('wagtail.blocks.StreamBlock', [[('single', 12), ('multiple', 15), ('dropdown', 16), ('yesno', 17), ('scale', 23), ('matrix', 27), ('ranking', 29), ('short_text', 31), ('long_text', 33), ('number', 36), ('date', 17), ('district', 17)]], {'label': 'Questions'}), 38: ('wagtail.blocks.StructBlock', [[('show_if_question', 0), ('show_if_answer', 1), ('title', 2), ('intro', 3), ('questions', 37)]], {})}, verbose_name='questions')),
                    ('thank_you', models.TextField(blank=True, verbose_name='text after answering')),
                    ('public_results', models.BooleanField(default=False, verbose_name='show results publicly after closing')),
                    ('paper_hint', models.TextField(blank=True, help_text="Printed on the paper form, for example the citizens' offices and their opening hours.", verbose_name='where to hand in paper forms')),
                ],
                options={
                    'verbose_name': 'survey',
                    'verbose_name_plural': 'surveys',
                    'db_table': 'participation_surveypage',
                },
                bases=(core.publishing.PublishThroughWorkflowMixin, wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
            ),
            migrations.CreateModel(
                name='AccessCode',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('code', models.CharField(max_length=20, unique=True, verbose_name='code')),
                    ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='used')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='access_codes', to='surveys.surveypage')),
                ],
                options={
                    'verbose_name': 'access code',
                    'verbose_name_plural': 'access codes',
                    'db_table': 'participation_accesscode',
                },
            ),
            migrations.CreateModel(
                name='SurveyResponse',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('token', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                    ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                    ('email_confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='email confirmed')),
                    ('channel', models.CharField(choices=[('online', 'Online'), ('paper', 'Paper'), ('event', 'Event'), ('desk', "Citizens' desk")], default='online', max_length=10, verbose_name='channel')),
                    ('paper_sheet', models.CharField(blank=True, help_text='Serial of the returned paper form (filled by paper entry).', max_length=40, verbose_name='paper sheet')),
                    ('answers', models.JSONField(default=dict, verbose_name='answers')),
                    ('language', models.CharField(blank=True, default='', help_text='The language the survey was answered in (online page or paper form).', max_length=10, verbose_name='language')),
                    ('started_at', models.DateTimeField(auto_now_add=True)),
                    ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                    ('entered_at', models.DateTimeField(blank=True, help_text='When staff finished entering a paper or desk response.', null=True, verbose_name='entered')),
                    ('capture_method', models.CharField(blank=True, choices=[('', 'Typed by the person answering'), ('manual', 'Entered by hand from paper'), ('scan_auto', 'Read from a scan automatically'), ('scan_verified', 'Read from a scan, checked by a person')], default='', max_length=14, verbose_name='capture method')),
                    ('access_code', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='response', to='surveys.accesscode')),
                    ('entered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('revision', models.ForeignKey(blank=True, help_text='The survey version this response answered.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision')),
                    ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='surveys.surveypage')),
                    ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='survey_responses', to=settings.AUTH_USER_MODEL)),
                    ('verified_by', models.ForeignKey(blank=True, help_text='Who checked what the scanner read.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'survey response',
                    'verbose_name_plural': 'survey responses',
                    'db_table': 'participation_surveyresponse',
                    'indexes': [models.Index(fields=['survey', 'submitted_at'], name='participati_survey__88ac55_idx')],
                    'constraints': [models.UniqueConstraint(condition=models.Q(('user__isnull', False)), fields=('survey', 'user'), name='one_response_per_account'), models.UniqueConstraint(condition=models.Q(('email', ''), _negated=True), fields=('survey', 'email'), name='one_response_per_email')],
                },
            ),
        ], database_operations=[]),
    ]
