"""The secretariat's screens in the Wagtail admin: members and invitations, meetings (agenda,
attendance, minutes), opinions to publish and the voting rules."""
