// Sign-in: the console is a public browser client using the authorization code grant with PKCE
// (S256) against /oauth/authorize, and its redirect URI is this page's own origin + /console/.
import { ApiError, del, setToken, token, tokenRequest } from "./api";

const PENDING_KEY = "orgtrust.console.pending";
const CLIENT_KEY = "orgtrust.console.clientId";

/** The redirect URI registered for the console: this origin's /console/. */
export function redirectUri(): string {
  return `${location.origin}/console/`;
}

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The console's OAuth client id: `?client_id=` of the page, else the last one used. */
export function rememberedClientId(): string {
  const fromUrl = new URLSearchParams(location.search).get("client_id");
  if (fromUrl) localStorage.setItem(CLIENT_KEY, fromUrl);
  return fromUrl ?? localStorage.getItem(CLIENT_KEY) ?? "";
}

/** Starts the sign-in: off to /oauth/authorize (optionally for a trustor organization). */
export async function startSignIn(clientId: string, target?: string): Promise<void> {
  if (!crypto.subtle) {
    throw new Error("This page must be opened over https or on 127.0.0.1/localhost (PKCE needs WebCrypto).");
  }
  localStorage.setItem(CLIENT_KEY, clientId);
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, clientId }));
  const params = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri(),
    code_challenge: await challengeFor(verifier),
    code_challenge_method: "S256",
    state,
  });
  if (target) params.set("target", target);
  location.assign(`/oauth/authorize?${params.toString()}`);
}

/**
 * Completes a sign-in when the page is the redirect target (`?code=&state=` or `?error=`).
 * Answers true when a token was obtained; throws on a refused or forged answer.
 */
export async function completeSignIn(): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  const code = params.get("code");
  const error = params.get("error");
  if (!code && !error) return false;
  const pending = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  // Drop the code from the address bar and history either way.
  history.replaceState(null, "", redirectUri() + location.hash);
  if (error) {
    throw new ApiError(400, error, params.get("error_description") ?? "The sign-in was refused.", undefined);
  }
  if (!pending) throw new Error("This sign-in was not started from this tab; please sign in again.");
  const { verifier, state, clientId } = JSON.parse(pending) as { verifier: string; state: string; clientId: string };
  if (params.get("state") !== state) throw new Error("The sign-in answer does not match the request (state); please sign in again.");
  const answer = await tokenRequest({
    grant_type: "authorization_code",
    code: code!,
    redirect_uri: redirectUri(),
    client_id: clientId,
    code_verifier: verifier,
  });
  setToken(answer.access_token);
  return true;
}

/** Signs out: revokes the token on the server, then forgets it. */
export async function signOut(): Promise<void> {
  if (token()) {
    try {
      await del("/api/v2/tokens/me");
    } catch {
      // Already invalid: forgetting it is all that is left to do.
    }
  }
  setToken(null);
}
