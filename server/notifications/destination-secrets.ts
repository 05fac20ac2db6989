// A destination's secrets: encrypted at rest, masked in responses, and the mask sent back on an update resolved to
// the stored value. Generic webhook headers keep their names readable; only their values are secret.
import { configSecrets, destinationChanges, reentryError, SECRET_MASK } from "@/server/crypto/config-secrets";
import { decryptSecret, encryptSecret, isEncrypted } from "@/server/crypto/secrets";
import { BadRequestError } from "@/server/http/errors";
import { type DestinationConfig, SECRET_FIELDS, splitHeader } from "./destination-config.schema";

type StoredConfig = Record<string, unknown>;

const fields = configSecrets<DestinationConfig>(SECRET_FIELDS, { discriminator: "type" });
const fieldsOf = (config: { type?: unknown }) => SECRET_FIELDS[config.type as DestinationConfig["type"]] ?? [];

function mapHeaderValues(config: StoredConfig, map: (value: string, name: string) => string): StoredConfig {
  if (!Array.isArray(config.headers)) return config;
  const headers = (config.headers as string[]).map((line) => {
    const [name, value] = splitHeader(line);
    return `${name}: ${map(value, name)}`;
  });
  return { ...config, headers };
}

export function encryptDestinationSecrets(config: DestinationConfig): StoredConfig {
  const stored = fields.encrypt(config);
  return mapHeaderValues(stored, (value) => (value === "" || isEncrypted(value) ? value : encryptSecret(value)));
}

export function decryptDestinationSecrets(stored: StoredConfig): DestinationConfig {
  const config = fields.decrypt(stored) as StoredConfig;
  return mapHeaderValues(config, (value) => (isEncrypted(value) ? decryptSecret(value) : value)) as DestinationConfig;
}

export function maskDestinationSecrets(stored: StoredConfig): StoredConfig {
  return mapHeaderValues(fields.mask(stored), (value) => (value ? SECRET_MASK : value));
}

/**
 * A destination that moves (URL, server, SMTP host or port) does not take its stored secrets along: masked secrets,
 * header values included (an Authorization header), must be typed in again, or they would be sent to the new place.
 */
export function assertDestinationSecretsReentered(stored: StoredConfig, config: DestinationConfig): void {
  if (stored.type !== config.type) return;
  const changed = destinationChanges(stored, config);
  if (changed.length === 0) return;
  const record = config as StoredConfig;
  const masked = fieldsOf(config).filter((field) => record[field] === SECRET_MASK);
  for (const line of (record.headers as string[] | undefined) ?? []) {
    const [name, value] = splitHeader(line);
    if (value === SECRET_MASK) masked.push(`headers.${name}`);
  }
  if (masked.length > 0) throw reentryError(masked, changed);
}

const maskError = (field: string) =>
  new BadRequestError(`config.${field}: send the value itself; "${SECRET_MASK}" only keeps a value already stored`);

/** The config with every mask replaced by the stored value it stands for; a mask with nothing behind it is a 400. */
export function resolveMasks(config: DestinationConfig, stored: DestinationConfig | null): DestinationConfig {
  const previous: StoredConfig | null = stored?.type === config.type ? stored : null;
  const resolved: StoredConfig = { ...config };
  for (const field of fieldsOf(config)) {
    if (resolved[field] !== SECRET_MASK) continue;
    if (typeof previous?.[field] !== "string") throw maskError(field);
    resolved[field] = previous[field];
  }
  const previousHeaders = new Map(
    ((previous?.headers as string[] | undefined) ?? []).map((line) => {
      const [name, value] = splitHeader(line);
      return [name.toLowerCase(), value];
    }),
  );
  return mapHeaderValues(resolved, (value, name) => {
    if (value !== SECRET_MASK) return value;
    const kept = previousHeaders.get(name.toLowerCase());
    if (kept === undefined) throw maskError(`headers.${name}`);
    return kept;
  }) as DestinationConfig;
}

/** Every secret value in clear, to scrub them from error messages that might quote them. */
export function secretValuesOf(config: DestinationConfig): string[] {
  const record = config as StoredConfig;
  const values = fieldsOf(config).map((field) => record[field]);
  for (const line of (record.headers as string[] | undefined) ?? []) values.push(splitHeader(line)[1]);
  return values.filter((value): value is string => typeof value === "string" && value.length >= 4);
}
