import { createHash } from "node:crypto";

/** Headers whose value is a credential (matched on the lower-case name). */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie)$|token|secret|password|api[-_]?key/;
/** JSON keys whose value is a credential: `auth_token`, `platform_inbound_secret`, `password`, ... */
const SECRET_KEY = /token|secret|password|passwd|api[-_]?key|authorization|credential/i;
/** In a body that is not JSON: a bearer, or a platform token (43 base64url characters) standing alone. */
const SECRET_IN_TEXT = /(Bearer\s+)\S+|(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

const MAX_HEADERS = 64;
const MAX_HEADER_CHARS = 1024;

/**
 * What a journal shows instead of a credential: its sha256 fingerprint, `<redacted sha256:0123456789ab>`.
 * It reveals nothing of the secret, and a test that knows a token can match it:
 * `entry.headers.authorization === \`Bearer ${redactSecret(token)}\``. The 12 hex digits are the start
 * of the token hash the platform stores (contract 3.1).
 */
export function redactSecret(secret: string): string {
  return `<redacted sha256:${createHash("sha256").update(secret).digest("hex").slice(0, 12)}>`;
}

/** The request headers with credentials redacted (a bearer keeps its scheme); at most 64, each cut at 1 KiB. */
export function redactHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of headers) {
    if (++count > MAX_HEADERS) break;
    const shown = SECRET_HEADER.test(name) ? redactCredential(value) : value;
    out[name] = shown.length > MAX_HEADER_CHARS ? `${shown.slice(0, MAX_HEADER_CHARS)}…` : shown;
  }
  return out;
}

// A bare scheme ("Bearer", what `Bearer ` becomes once Headers trims it) carries no secret: kept as sent.
function redactCredential(value: string): string {
  const scheme = /^(Bearer|Basic|Token)(?:( +)(.*))?$/i.exec(value);
  if (scheme) return scheme[3] ? `${scheme[1]}${scheme[2]}${redactSecret(scheme[3])}` : value;
  return value === "" ? value : redactSecret(value);
}

/**
 * A request body with its credentials redacted. JSON keeps its shape: the values of credential-named
 * keys, of a `secrets` map and of a `{key, value}` secret write are replaced by their fingerprint.
 * Other text has its bearers and token-shaped words replaced.
 */
export function redactBody(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.replace(SECRET_IN_TEXT, (match, bearer: string | undefined) =>
      bearer ? `${bearer}${redactSecret(match.slice(bearer.length))}` : redactSecret(match),
    );
  }
  return JSON.stringify(redactValue(parsed));
}

function redactValue(value: unknown, secretContainer = false): unknown {
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secretContainer));
  if (typeof value !== "object" || value === null) {
    return secretContainer ? redactLeaf(value) : value;
  }
  const record = value as Record<string, unknown>;
  const isSecretWrite = typeof record.key === "string" && "value" in record;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    const secretsMap = key === "secrets" && typeof child === "object" && child !== null;
    if (secretsMap) out[key] = redactValue(child, true);
    else if (secretContainer || SECRET_KEY.test(key) || (isSecretWrite && key === "value")) {
      out[key] = redactLeaf(child);
    } else out[key] = redactValue(child);
  }
  return out;
}

// A secret that is not a string (an object of secrets, a number) is fingerprinted as its JSON.
function redactLeaf(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return (value ?? null) as string | null;
  return redactSecret(typeof value === "string" ? value : JSON.stringify(value));
}
