// A repository config's secret fields (per backend): encrypted at rest, masked in responses, the mask keeps them.
import { decryptSecretFields, encryptSecretFields, maskSecretFields } from "@/server/crypto/secret-fields";
import { type RepositoryConfig, SECRET_FIELDS } from "./repository-config.schema";

type StoredConfig = Record<string, unknown>;

const secretFieldsOf = (config: { backend?: unknown }) =>
  SECRET_FIELDS[config.backend as keyof typeof SECRET_FIELDS] ?? [];

export function encryptConfigSecrets(config: RepositoryConfig, previous?: StoredConfig): StoredConfig {
  return encryptSecretFields(config, secretFieldsOf(config), previous);
}

export function decryptConfigSecrets(stored: StoredConfig): RepositoryConfig {
  return decryptSecretFields(stored, secretFieldsOf(stored)) as RepositoryConfig;
}

export function maskConfigSecrets(stored: StoredConfig): StoredConfig {
  return maskSecretFields(stored, secretFieldsOf(stored));
}
