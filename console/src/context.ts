// Who is signed in: the token's organization (where it acts) and home organization.
import { get } from "./api";

/** The signed-in session, from GET /api/v2/tokens/me. */
export interface Session {
  orgId: string;
  orgName: string;
  homeOrgId: string;
  homeOrgName: string;
  clientId: string;
  /** True when a trustee user acts in a trustor organization. */
  crossOrg: boolean;
}

interface TokenInfo {
  organization?: { id: string; name?: string };
  homeOrganization?: { id: string; name?: string };
  OAuthClient?: { id: string; name?: string };
}

/** Reads the session of the current token. */
export async function loadSession(): Promise<Session> {
  const info = await get<TokenInfo>("/api/v2/tokens/me");
  const org = info.organization ?? { id: "", name: "" };
  const home = info.homeOrganization ?? org;
  return {
    orgId: org.id,
    orgName: org.name ?? org.id,
    homeOrgId: home.id,
    homeOrgName: home.name ?? home.id,
    clientId: info.OAuthClient?.id ?? "",
    crossOrg: home.id !== org.id,
  };
}
