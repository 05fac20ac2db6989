// Secret fields of a stored config (repositories, volumes, notification destinations) are encrypted at rest and
// masked in every response. An update that sends the mask back keeps the stored value, so clients can round-trip a
// config they read — unless the update changes where the config connects to or how that server is trusted: the
// stored credentials would then be sent to a place their owner never chose, so they must be typed in again.
import { BadRequestError } from "@/server/http/errors";
import { decryptSecret, encryptSecret, isEncrypted } from "./secrets";

export const SECRET_MASK = "********";
export type StoredConfig = Record<string, unknown>;

/** Fields that decide which server receives the credentials, or whether it is the real one. */
const DESTINATION_FIELDS = [
  "url",
  "serverUrl",
  "endpoint",
  "smtpHost",
  "smtpPort",
  "server",
  "host",
  "port",
  "ssl",
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

/** The destination fields `next` changes compared with `previous` (empty: same server, same trust). */
export function destinationChanges(previous: StoredConfig, next: object): string[] {
  const fields = next as StoredConfig;
  return DESTINATION_FIELDS.filter((field) => JSON.stringify(previous[field]) !== JSON.stringify(fields[field]));
}

/** The 400 asking for `masked` (field names below `config.`) to be typed in again because `changed` changed. */
export function reentryError(masked: string[], changed: string[]): BadRequestError {
  const names = masked.map((field) => `config.${field}`).join(", ");
  return new BadRequestError(`Re-enter ${names}: ${changed.join(", ")} changed, so the stored value is not reused`, {
    issues: masked.map((field) => ({ path: `config.${field}`, message: "must be re-entered" })),
  });
}

/**
 * Encrypt, decrypt and mask for configs whose secret fields depend on their kind (`backend`, or `type`).
 * `reusable`: secrets that never leave this machine (a restic repository password), which a change of destination
 * need not ask for again.
 */
export function configSecrets<C extends object>(
  secretFields: Record<string, readonly string[]>,
  {
    discriminator = "backend",
    reusable = [],
  }: { discriminator?: "backend" | "type"; reusable?: readonly string[] } = {},
) {
  const secretFieldsOf = (config: object) =>
    secretFields[String((config as Record<string, unknown>)[discriminator])] ?? [];
  return {
    /** Throws a 400 naming the credentials sent back masked when `next` changes the destination of `previous`. */
    assertReentered(previous: StoredConfig, next: C): void {
      const changed = destinationChanges(previous, next);
      if (changed.length === 0) return;
      const fields = next as StoredConfig;
      const masked = secretFieldsOf(next).filter((field) => !reusable.includes(field) && fields[field] === SECRET_MASK);
      if (masked.length > 0) throw reentryError(masked, changed);
    },
    encrypt(config: C, previous?: StoredConfig): StoredConfig {
      const stored = { ...config } as StoredConfig;
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
    },
    decrypt(stored: StoredConfig): C {
      const config: StoredConfig = { ...stored };
      for (const field of secretFieldsOf(stored)) {
        const value = config[field];
        if (typeof value === "string" && isEncrypted(value)) config[field] = decryptSecret(value);
      }
      return config as C;
    },
    mask(stored: StoredConfig): StoredConfig {
      const masked: StoredConfig = { ...stored };
      for (const field of secretFieldsOf(stored)) {
        if (masked[field] !== undefined && masked[field] !== "") masked[field] = SECRET_MASK;
      }
      return masked;
    },
  };
}
