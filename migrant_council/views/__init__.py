"""The council's pages outside the Wagtail admin: the public council page (public.py) and the members'
space, one module per screen (dashboard, drafts, comments, votes, meetings) on the shared machinery of
space.py."""
