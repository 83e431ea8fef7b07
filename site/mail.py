"""Outgoing e-mail goes through the task queue (django-tasks), so a slow or failing mail server never
holds up or breaks a person's request. Each message gets a delivery record (citysite.mailqueue), and
the worker delivers it with EMAIL_DELIVERY_BACKEND: at most once, retried with backoff while the mail
server is away (see citysite.mailqueue.delivery)."""

import base64

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import task

from citysite.mailqueue import delivery


class TaskQueueEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        # Records and tasks are written in the caller's transaction: an e-mail leaves only if what it
        # announces is saved.
        for message in email_messages:
            delivery.queue(serialise_message(message))
        return len(email_messages)


@task()
def deliver_email(email_id: str) -> str:
    if isinstance(email_id, dict):
        # Queued by a release without delivery records: the argument is the message itself.
        email_id = str(delivery.record(email_id).pk)
    return delivery.deliver(email_id)


def serialise_message(message) -> dict:
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {key: str(value) for key, value in message.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_serialise_attachment(attachment) for attachment in message.attachments],
    }


def deserialise_message(data: dict, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        connection=connection,
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def _serialise_attachment(attachment):
    filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return [filename, base64.b64encode(content).decode("ascii"), mimetype]
