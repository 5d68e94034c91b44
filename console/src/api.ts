// The public API, called with fetch exactly as the SDKs call it: bearer token, JSON bodies,
// Genesys error bodies (ErrorBody) turned into ApiError.

/** A Genesys ErrorBody (only the fields the console shows). */
interface ErrorBody {
  message?: string;
  code?: string;
  status?: number;
  contextId?: string;
  error?: string;
  error_description?: string;
}

/** A failed call, in words a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly detail: string | undefined,
    readonly contextId: string | undefined,
  ) {
    super(detail ?? `HTTP ${status}`);
  }

  /** One plain sentence for the status. */
  plain(): string {
    switch (this.status) {
      case 0:
        return "The server could not be reached. Check that orgtrust is running.";
      case 400:
        return "The request was not accepted: some value is missing or wrong.";
      case 401:
        return "Your session has ended. Please sign in again.";
      case 403:
        return "You are not allowed to do this: your roles lack a permission.";
      case 404:
        return "It was not found: it may have been deleted, or you may not see it.";
      case 409:
        return "It changed or already exists: reload and try again.";
      case 429:
        return "Too many requests: wait a moment and try again.";
      default:
        return this.status >= 500 ? "The server failed to do this." : `The request failed (HTTP ${this.status}).`;
    }
  }
}

/** A Genesys paged listing. */
export interface Listing<T> {
  entities?: T[];
  pageSize?: number;
  pageNumber?: number;
  total?: number;
  pageCount?: number;
}

const TOKEN_KEY = "orgtrust.console.token";

/** The access token of this tab (sessionStorage: it ends with the tab). */
export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Stores or removes the access token. */
export function setToken(value: string | null): void {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Called when the server says the token is no longer good. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

async function toError(res: Response): Promise<ApiError> {
  const contextId = res.headers.get("ININ-Correlation-Id") ?? undefined;
  let body: ErrorBody = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // Not JSON: the status says enough.
  }
  return new ApiError(
    res.status,
    body.code ?? body.error,
    body.message ?? body.error_description,
    body.contextId ?? contextId,
  );
}

/** Calls the API; answers the parsed JSON (or undefined for an empty body). */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
    });
  } catch {
    throw new ApiError(0, undefined, undefined, undefined);
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401) onUnauthorized();
    throw err;
  }
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => call<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => call<T>("POST", path, body ?? {});
export const put = <T>(path: string, body?: unknown) => call<T>("PUT", path, body ?? {});
export const patch = <T>(path: string, body?: unknown) => call<T>("PATCH", path, body ?? {});
export const del = <T>(path: string) => call<T>("DELETE", path);

/** Every entity of a paged listing (pages of 100, at most `maxPages`). */
export async function all<T>(path: string, maxPages = 20): Promise<T[]> {
  const out: T[] = [];
  const sep = path.includes("?") ? "&" : "?";
  for (let page = 1; page <= maxPages; page += 1) {
    const listing = await get<Listing<T>>(`${path}${sep}pageSize=100&pageNumber=${page}`);
    out.push(...(listing.entities ?? []));
    if (!listing.pageCount || page >= listing.pageCount) break;
  }
  return out;
}

/** Encodes one path segment. */
export const seg = encodeURIComponent;

/** Posts an OAuth form to /oauth/token. */
export async function tokenRequest(form: Record<string, string>): Promise<{ access_token: string; expires_in?: number }> {
  let res: Response;
  try {
    res = await fetch("/oauth/token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams(form).toString(),
      credentials: "omit",
    });
  } catch {
    throw new ApiError(0, undefined, undefined, undefined);
  }
  if (!res.ok) throw await toError(res);
  return (await res.json()) as { access_token: string; expires_in?: number };
}
