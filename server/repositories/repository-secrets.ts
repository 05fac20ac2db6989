// Secret fields of a repository config are encrypted at rest and masked in every response. An update that sends
// the mask back keeps the stored value, so clients can round-trip a config they read.
import { decryptSecret, encryptSecret, isEncrypted } from "@/server/crypto/secrets";
import { type RepositoryConfig, SECRET_FIELDS } from "./repository-config.schema";

export const SECRET_MASK = "********";
type StoredConfig = Record<string, unknown>;

const secretFieldsOf = (config: { backend: string }) =>
  SECRET_FIELDS[config.backend as keyof typeof SECRET_FIELDS] ?? [];

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
