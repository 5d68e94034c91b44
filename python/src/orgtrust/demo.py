"""The demo fixture's organizations, OAuth clients and users (``fixtures/demo.json``, the data
``orgtrust serve`` starts with when no fixture is given).

Use them with :meth:`orgtrust.Emulator.client` and :meth:`orgtrust.Emulator.user_client`::

    api_client = orgtrust.client(demo.ACME_ADMIN)
    pat_in_acme = orgtrust.user_client(demo.PAT, target=demo.ACME)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OAuthClient:
    """An OAuth client of a fixture: its id and secret (client credentials)."""

    id: str
    secret: str


@dataclass(frozen=True)
class User:
    """A user of a fixture, with the OAuth client of its organization that signs it in."""

    id: str
    email: str
    password: str
    organization: str
    client: OAuthClient


ACME = "a0000000-0000-4000-8000-000000000001"
"""Acme Corp: the trustor of the demo."""
PARTNER = "b0000000-0000-4000-8000-000000000001"
"""Partner Co: a trustee of Acme once Acme trusts it."""
CARE = "c0000000-0000-4000-8000-000000000001"
"""Customer Care: the organization behind every organization's default (Customer Care) trust."""
PLATFORM = "f0000000-0000-4000-8000-000000000001"
"""Platform Operator: the organization of the platform's operator client."""

ACME_HOME_DIVISION = "a0000000-0000-4000-8000-000000000011"
"""Acme's Home division."""
ACME_EMEA_DIVISION = "a0000000-0000-4000-8000-000000000012"
"""Acme's EMEA division."""
ACME_ADMIN_ROLE = "a0000000-0000-4000-8000-000000000021"
"""Acme's admin role."""
ACME_USER_VIEWER_ROLE = "a0000000-0000-4000-8000-000000000022"
"""Acme's User Viewer role."""
PARTNER_SUPPORT_GROUP = "b0000000-0000-4000-8000-000000000041"
"""Partner Co's Partner Support group."""

ACME_ADMIN = OAuthClient("acme-admin", "acme-admin-secret")
"""Acme's admin integration (client credentials, all of Acme's permissions)."""
PARTNER_ADMIN = OAuthClient("partner-admin", "partner-admin-secret")
"""Partner Co's admin integration."""
CARE_ADMIN = OAuthClient("care-admin", "care-admin-secret")
"""Customer Care's admin integration."""
PLATFORM_OPERATOR = OAuthClient("platform-operator", "platform-operator-secret")
"""The platform operator's client."""

ANN = User("a0000000-0000-4000-8000-000000000031", "ann@acme.example", "Acme-admin-1!", ACME, ACME_ADMIN)
"""Ann, Acme's administrator."""
EMIL = User("a0000000-0000-4000-8000-000000000032", "emil@acme.example", "Acme-emea-1!", ACME, ACME_ADMIN)
"""Emil, a User Viewer in Acme's EMEA division."""
PAT = User(
    "b0000000-0000-4000-8000-000000000031", "pat@partner.example", "Partner-pat-1!", PARTNER, PARTNER_ADMIN
)
"""Pat, Partner Co's administrator."""
SAM = User(
    "b0000000-0000-4000-8000-000000000032", "sam@partner.example", "Partner-sam-1!", PARTNER, PARTNER_ADMIN
)
"""Sam, a member of Partner Support with no roles in Partner Co."""
CASEY = User("c0000000-0000-4000-8000-000000000031", "casey@care.example", "Care-casey-1!", CARE, CARE_ADMIN)
"""Casey, a Customer Care agent."""
