// Authentication settings: MFA, domain and IP allowlists, password requirements, token storage.
import { get, patch } from "../api";
import type { Session } from "../context";
import { checkbox, el, notify, replace, select, showError, uid } from "../dom";

interface PasswordRequirements {
  minimumLength?: number;
  minimumDigits?: number;
  minimumLetters?: number;
  minimumUpper?: number;
  minimumLower?: number;
  minimumSpecials?: number;
  minimumAgeSeconds?: number;
  expirationDays?: number;
}
interface Settings {
  multifactorAuthenticationRequired?: boolean;
  domainAllowlistEnabled?: boolean;
  domainAllowlist?: string[];
  ipAddressAllowlist?: string[];
  passwordRequirements?: PasswordRequirements;
  tokenStorageLocation?: string;
}

function lines(label: string, values: string[] | undefined, hint: string) {
  const id = uid();
  const input = el("textarea", { id, rows: 3, "aria-describedby": `${id}-hint`, spellcheck: "false" });
  input.value = (values ?? []).join("\n");
  return {
    row: el("div", { class: "field" }, el("label", { for: id }, label), input, el("small", { id: `${id}-hint` }, hint)),
    read: () => input.value.split(/\s+/).map((s) => s.trim()).filter(Boolean),
  };
}

const PASSWORD_FIELDS: [keyof PasswordRequirements, string][] = [
  ["minimumLength", "Minimum length"],
  ["minimumDigits", "Minimum digits"],
  ["minimumLetters", "Minimum letters"],
  ["minimumUpper", "Minimum upper-case letters"],
  ["minimumLower", "Minimum lower-case letters"],
  ["minimumSpecials", "Minimum special characters"],
  ["minimumAgeSeconds", "Minimum age (seconds)"],
  ["expirationDays", "Expires after (days)"],
];

/** `#/settings`. */
export async function settingsView(main: HTMLElement, session: Session): Promise<void> {
  const s = await get<Settings>("/api/v2/organizations/authentication/settings");
  const mfa = checkbox("Multi-factor authentication required", s.multifactorAuthenticationRequired ?? false);
  const domainsOn = checkbox("Allow embedding only from the listed domains", s.domainAllowlistEnabled ?? false);
  const domains = lines("Allowed domains", s.domainAllowlist, "One per line.");
  const ips = lines("IP address allowlist", s.ipAddressAllowlist, "CIDR blocks, one per line; empty allows every address.");
  const storage = select("Token storage", [["session", "Session (ends with the tab)"], ["persistent", "Persistent"]], { name: "tokenStorageLocation" });
  storage.input.value = s.tokenStorageLocation ?? "session";
  const pw = PASSWORD_FIELDS.map(([key, label]) => {
    const id = uid();
    const input = el("input", { id, type: "number", min: 0, name: key, value: s.passwordRequirements?.[key] ?? "" });
    return { key, input, row: el("div", { class: "field" }, el("label", { for: id }, label), input) };
  });
  const form = el(
    "form",
    { class: "card", "aria-labelledby": "settings-title" },
    el("h2", { id: "settings-title" }, "Sign-in and sessions"),
    mfa.row,
    domainsOn.row,
    domains.row,
    ips.row,
    storage.row,
    el("fieldset", {}, el("legend", {}, "Password requirements"), el("div", { class: "cols" }, pw.map((p) => p.row))),
    el("button", { type: "submit", class: "primary" }, "Save settings"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const requirements: PasswordRequirements = {};
    for (const p of pw) if (p.input.value !== "") requirements[p.key] = Number(p.input.value);
    try {
      await patch("/api/v2/organizations/authentication/settings", {
        multifactorAuthenticationRequired: mfa.input.checked,
        domainAllowlistEnabled: domainsOn.input.checked,
        domainAllowlist: domains.read(),
        ipAddressAllowlist: ips.read(),
        tokenStorageLocation: storage.input.value,
        passwordRequirements: requirements,
      });
      await settingsView(main, session);
      notify("The authentication settings were saved.");
    } catch (err) {
      showError(err);
    }
  });
  replace(main, el("h1", {}, "Authentication settings"), form);
}
