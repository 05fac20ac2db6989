// Secret fields of a repository config are encrypted at rest and masked in every response. An update that sends
// the mask back keeps the stored value, so clients can round-trip a config they read — unless the update changes
// where the repository is or how its server is trusted: then the stored credentials would be sent to a place their
// owner never chose, so they must be typed in again.
import { decryptSecret, encryptSecret, isEncrypted } from "@/server/crypto/secrets";
import { BadRequestError } from "@/server/http/errors";
import { type RepositoryConfig, SECRET_FIELDS } from "./repository-config.schema";

export const SECRET_MASK = "********";
type StoredConfig = Record<string, unknown>;

const secretFieldsOf = (config: { backend: string }) =>
  SECRET_FIELDS[config.backend as keyof typeof SECRET_FIELDS] ?? [];

/** Fields that decide which server receives the credentials, or whether it is the real one. */
const DESTINATION_FIELDS = [
  "url",
  "endpoint",
  "host",
  "port",
  "bucket",
  "container",
  "accountName",
  "endpointSuffix",
  "remote",
  "cacert",
  "insecureTls",
  "skipHostKeyCheck",
  "knownHosts",
  "allowLegacySshRsa",
];

/**
 * Throws a 400 naming the credentials sent back masked when `next` changes the destination of `previous`. The
 * restic password (`customPassword`) never leaves this machine (restic decrypts the key locally), so it may stay.
 */
export function assertSecretsReentered(previous: StoredConfig, next: RepositoryConfig): void {
  const changed = DESTINATION_FIELDS.filter(
    (field) =>
      JSON.stringify((previous as Record<string, unknown>)[field]) !==
      JSON.stringify((next as Record<string, unknown>)[field]),
  );
  if (changed.length === 0) return;
  const masked = secretFieldsOf(next).filter(
    (field) => field !== "customPassword" && (next as Record<string, unknown>)[field] === SECRET_MASK,
  );
  if (masked.length === 0) return;
  const names = masked.map((field) => `config.${field}`).join(", ");
  throw new BadRequestError(`Re-enter ${names}: ${changed.join(", ")} changed, so the stored value is not reused`, {
    issues: masked.map((field) => ({ path: `config.${field}`, message: "must be re-entered" })),
  });
}

export function encryptConfigSecrets(config: RepositoryConfig, previous?: StoredConfig): StoredConfig {
  const stored: StoredConfig = { ...config };
  for (const field of secretFieldsOf(config)) {
    const value = stored[field];
    if (value === SECRET_MASK) {
      if (previous?.[field] === undefined) delete stored[field];
      else stored[field] = previous[field];
    } else if (typeof value === "string" && value !== "" && !isEncrypted(value)) {
      stored[field] = encryptSecret(value);
    }
  }
  return stored;
}

export function decryptConfigSecrets(stored: StoredConfig): RepositoryConfig {
  const config: StoredConfig = { ...stored };
  for (const field of secretFieldsOf(stored as { backend: string })) {
    const value = config[field];
    if (typeof value === "string" && isEncrypted(value)) config[field] = decryptSecret(value);
  }
  return config as RepositoryConfig;
}

export function maskConfigSecrets(stored: StoredConfig): StoredConfig {
  const masked: StoredConfig = { ...stored };
  for (const field of secretFieldsOf(stored as { backend: string })) {
    if (masked[field] !== undefined && masked[field] !== "") masked[field] = SECRET_MASK;
  }
  return masked;
}
