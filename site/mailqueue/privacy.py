"""E-mail addresses masked for staff who may see that an e-mail failed but not to whom it went."""

import re

ADDRESS = re.compile(r"([^\s<>'\"(),;:@]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")


def mask_address(match: re.Match) -> str:
    local, domain = match.groups()
    return f"{local[0]}…@{domain}"


def mask_addresses(text: str) -> str:
    """`olena.k@example.org` becomes `o…@example.org`, wherever it stands in the text (error messages
    from the mail server quote the refused addresses)."""
    return ADDRESS.sub(mask_address, text)
