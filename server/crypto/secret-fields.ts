// Secret fields of a stored config object (a repository backend, a notification destination): encrypted at rest,
// masked in every response. Sending the mask back on an update keeps the stored value, so clients can round-trip a
// config they read.
import { decryptSecret, encryptSecret, isEncrypted } from "./secrets";

export const SECRET_MASK = "********";
type StoredConfig = Record<string, unknown>;

export function encryptSecretFields<T extends object>(
  config: T,
  fields: readonly string[],
  previous?: StoredConfig,
): StoredConfig {
  const stored = { ...config } as StoredConfig;
  for (const field of fields) {
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

export function decryptSecretFields(stored: StoredConfig, fields: readonly string[]): StoredConfig {
  const config: StoredConfig = { ...stored };
  for (const field of fields) {
    const value = config[field];
    if (typeof value === "string" && isEncrypted(value)) config[field] = decryptSecret(value);
  }
  return config;
}

export function maskSecretFields(stored: StoredConfig, fields: readonly string[]): StoredConfig {
  const masked: StoredConfig = { ...stored };
  for (const field of fields) {
    if (masked[field] !== undefined && masked[field] !== "") masked[field] = SECRET_MASK;
  }
  return masked;
}
