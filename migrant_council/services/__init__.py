"""The council's operations, one module per subject: drafts (versions, statuses), meetings (agenda,
attendance, minutes), membership (invitations, roles, terms, removal: the only way seats and the
"Council members" group change), opinions (publishing an adopted draft), voting (opening, ballots,
recording results) and secretariat_appointments (the only way in or out of the "Council secretariat"
group). Views, the admin and commands call these; they check the rules themselves."""
