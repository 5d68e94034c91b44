"""Managing a Genesys Cloud trust with the official Python SDK: the script these examples test.

Partner Co pairs its support people; Acme Corp trusts Partner Co from that pairing with User Viewer,
lists whom it trusts (retrying a busy service), grants Customer Care its default 30-day access, and
removes a trust. Run it against any Genesys-compatible server (the real cloud, or orgtrust)::

    orgtrust serve --emulator &
    python manage_trust.py http://127.0.0.1:8080
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2.rest import ApiException

RETRIED_STATUSES = (429, 502, 503, 504)


class TrusteeListingError(RuntimeError):
    """The trustee listing kept failing after every retry."""


@dataclass(frozen=True)
class Trustee:
    """An organization the caller's organization trusts."""

    id: str
    name: str
    enabled: bool


def _model(cls: type, **fields: object) -> object:
    obj = cls()
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


def pair(trustee_client: genesys.ApiClient, user_ids: list[str]) -> str:
    """The trustee's half of a trust: a pairing of its users; answers the pairing id to send to
    the trustor."""
    api = genesys.OrganizationAuthorizationApi(trustee_client)
    request = _model(genesys.TrustRequestCreate, user_ids=user_ids)
    return str(api.post_orgauthorization_pairings(request).id)


def trust(trustor_client: genesys.ApiClient, pairing_id: str, user_id: str, role_id: str) -> str:
    """The trustor trusts the pairing's organization: `user_id` gets `role_id`. Answers the trustee
    organization's id."""
    api = genesys.OrganizationAuthorizationApi(trustor_client)
    body = _model(
        genesys.TrustCreate,
        pairing_id=pairing_id,
        enabled=True,
        users=[_model(genesys.TrustMemberCreate, id=user_id, role_ids=[role_id])],
    )
    return str(api.post_orgauthorization_trustees(body).id)


def list_trustees(
    trustor_client: genesys.ApiClient, attempts: int = 3, backoff_s: float = 0.05
) -> list[Trustee]:
    """Every organization the caller's organization trusts, all pages; a busy answer (429, 502,
    503, 504) is retried up to `attempts` times in all, then `TrusteeListingError`."""
    api = genesys.OrganizationAuthorizationApi(trustor_client)
    trustees: list[Trustee] = []
    page = 1
    while True:
        for attempt in range(1, attempts + 1):
            try:
                listing = api.get_orgauthorization_trustees(page_size=25, page_number=page)
                break
            except ApiException as e:
                if e.status not in RETRIED_STATUSES or attempt == attempts:
                    raise TrusteeListingError(f"listing trustees failed: {e.status}") from e
                time.sleep(backoff_s * attempt)
        for t in listing.entities or []:
            trustees.append(Trustee(t.id, t.organization.name, bool(t.enabled)))
        if page >= (listing.page_count or 1):
            return trustees
        page += 1


def grant_customer_care(trustor_client: genesys.ApiClient) -> str:
    """Gives Customer Care its default access (the default role, expiring after 30 days); answers
    when it expires (ISO 8601)."""
    api = genesys.OrganizationAuthorizationApi(trustor_client)
    care = api.post_orgauthorization_trustees_default(assign_default_role=True, auto_expire=True)
    return str(care.date_expired)


def remove(trustor_client: genesys.ApiClient, trustee_org_id: str) -> None:
    """Ends the trust in `trustee_org_id`."""
    genesys.OrganizationAuthorizationApi(trustor_client).delete_orgauthorization_trustee(trustee_org_id)


def main(host: str) -> None:
    """The whole story against the demo data at `host`."""
    acme, partner = genesys.api_client.ApiClient(host=host), genesys.api_client.ApiClient(host=host)
    acme = acme.get_client_credentials_token("acme-admin", "acme-admin-secret")
    partner = partner.get_client_credentials_token("partner-admin", "partner-admin-secret")
    pat, user_viewer = "b0000000-0000-4000-8000-000000000031", "a0000000-0000-4000-8000-000000000022"
    partner_id = trust(acme, pair(partner, [pat]), pat, user_viewer)
    print("trusted:", [t.name for t in list_trustees(acme)])
    print("Customer Care until", grant_customer_care(acme))
    remove(acme, partner_id)
    print("after removing Partner Co:", [t.name for t in list_trustees(acme)])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
