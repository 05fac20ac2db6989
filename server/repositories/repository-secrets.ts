// Repository configs: secrets encrypted at rest, masked in responses, re-entered when the destination changes (the
// shared rules are in crypto/config-secrets). The restic password never leaves this machine, so it may stay masked.
import { configSecrets } from "@/server/crypto/config-secrets";
import { type RepositoryConfig, SECRET_FIELDS } from "./repository-config.schema";

const secrets = configSecrets<RepositoryConfig>(SECRET_FIELDS, { reusable: ["customPassword"] });

export const encryptConfigSecrets = secrets.encrypt;
export const decryptConfigSecrets = secrets.decrypt;
export const maskConfigSecrets = secrets.mask;
export const assertSecretsReentered = secrets.assertReentered;
