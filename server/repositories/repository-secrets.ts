// Repository configs: secrets encrypted at rest, masked in responses (the shared rules are in crypto/config-secrets).
import { configSecrets } from "@/server/crypto/config-secrets";
import { type RepositoryConfig, SECRET_FIELDS } from "./repository-config.schema";

const secrets = configSecrets<RepositoryConfig>(SECRET_FIELDS);

export const encryptConfigSecrets = secrets.encrypt;
export const decryptConfigSecrets = secrets.decrypt;
export const maskConfigSecrets = secrets.mask;
