// Secret fields of a stored config (repositories, volumes) are encrypted at rest and masked in every response. An
// update that sends the mask back keeps the stored value, so clients can round-trip a config they read.
import { decryptSecret, encryptSecret, isEncrypted } from "./secrets";

export const SECRET_MASK = "********";
export type StoredConfig = Record<string, unknown>;

/** Encrypt, decrypt and mask for configs whose secret fields depend on their `backend`. */
export function configSecrets<C extends { backend: string }>(secretFields: Record<string, readonly string[]>) {
  const secretFieldsOf = (config: { backend?: unknown }) => secretFields[String(config.backend)] ?? [];
  return {
    encrypt(config: C, previous?: StoredConfig): StoredConfig {
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
