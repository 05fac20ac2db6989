// Volume configs: passwords and private keys encrypted at rest, masked in responses.
import { configSecrets } from "@/server/crypto/config-secrets";
import { VOLUME_SECRET_FIELDS, type VolumeConfig } from "./volume-config.schema";

export const volumeSecrets = configSecrets<VolumeConfig>(VOLUME_SECRET_FIELDS);
