
import django.db.models.deletion
import django.utils.timezone
import newsletter.models
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('blog', '0002_email_subscribers'),
    ]

    operations = [
        migrations.CreateModel(
            name='Edition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('post', 'New post'), ('digest', 'Weekly digest')], default='post', max_length=10)),
                ('digest_key', models.CharField(blank=True, max_length=20, null=True, unique=True)),
                ('subject', models.CharField(max_length=255)),
                ('intro', models.TextField(blank=True)),
                ('url', models.URLField(blank=True, max_length=500)),
                ('site_name', models.CharField(blank=True, max_length=255)),
                ('base_url', models.URLField(blank=True, max_length=255)),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('sending', 'Sending'), ('done', 'Done'), ('skipped', 'Not sent')], default='queued', max_length=10)),
                ('note', models.CharField(blank=True, max_length=200)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('total', models.PositiveIntegerField(default=0)),
                ('page', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='newsletter_edition', to='blog.articlepage')),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Subscriber',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, unique=True)),
                ('status', models.CharField(choices=[('pending', 'Waiting for confirmation'), ('confirmed', 'Confirmed'), ('unsubscribed', 'Unsubscribed'), ('bounced', 'Bounced'), ('complained', 'Marked as spam')], db_index=True, default='pending', max_length=20)),
                ('frequency', models.CharField(choices=[('every', 'Every new post'), ('weekly', 'A weekly digest')], default='every', max_length=10)),
                ('paused_until', models.DateTimeField(blank=True, null=True)),
                ('source', models.CharField(choices=[('footer', 'Subscribe box (footer)'), ('article', 'Subscribe box (end of article)'), ('home', 'Subscribe box (home page)'), ('page', 'Subscribe page'), ('import', 'Imported'), ('admin', 'Added by an editor')], default='page', max_length=10)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('consent_text', models.TextField(blank=True, help_text='What the reader agreed to, as shown to them.')),
                ('consented_at', models.DateTimeField(blank=True, help_text='When they confirmed (or, for imports, their original consent date).', null=True)),
                ('confirmation_sent_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('confirmed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('suppressed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('suppression_reason', models.CharField(blank=True, editable=False, max_length=300)),
                ('last_digest_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('nonce', models.CharField(default=newsletter.models.new_nonce, editable=False, max_length=32)),
                ('categories', models.ManyToManyField(blank=True, help_text='Only posts in these categories (none: all posts).', related_name='+', to='blog.category')),
                ('series', models.ManyToManyField(blank=True, help_text='Also every part of these series.', related_name='+', to='blog.series')),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Delivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed'), ('skipped', 'Skipped (no longer subscribed)')], default='queued', max_length=10)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('sending_since', models.DateTimeField(blank=True, null=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('last_error', models.CharField(blank=True, max_length=500)),
                ('article_ids', models.JSONField(blank=True, default=list)),
                ('edition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='newsletter.edition')),
                ('subscriber', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='newsletter.subscriber')),
            ],
            options={
                'verbose_name_plural': 'deliveries',
                'indexes': [models.Index(fields=['edition', 'status', 'id'], name='newsletter_delivery_claim'), models.Index(fields=['status', 'sending_since'], name='newsletter_delivery_stale')],
                'constraints': [models.UniqueConstraint(fields=('edition', 'subscriber'), name='newsletter_one_delivery_per_recipient')],
            },
        ),
    ]
