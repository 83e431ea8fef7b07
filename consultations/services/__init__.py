"""What consultations do, apart from the requests that ask for it (the views and the admin only call
these):

- answering.py: who may answer and when, saving an answer with its section comments, participation
  codes, the receipt e-mail.
- versions.py: a version of the draft each time a changed draft is published, and what changed since.
- report.py: the report back after a consultation."""
