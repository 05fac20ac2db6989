// Repository backend configs. Requests may name the backend `type` (seed) or `backend` (original); the parsed
// value always carries both, so every later layer can rely on either.
import { z } from "zod";
import {
  optionalBooleanField as optionalBoolean,
  optionalStringField as optionalString,
  requiredStringField as requiredString,
} from "@/server/http/input-fields";

export const REPOSITORY_BACKENDS = ["local", "s3", "r2", "azure", "gcs", "rclone", "rest", "sftp"] as const;
export type RepositoryBackend = (typeof REPOSITORY_BACKENDS)[number];

/** Fields the service layer encrypts at rest and masks in responses, per backend. */
export const SECRET_FIELDS: Record<RepositoryBackend, string[]> = {
  local: ["customPassword"],
  s3: ["accessKeyId", "secretAccessKey", "customPassword"],
  r2: ["accessKeyId", "secretAccessKey", "customPassword"],
  azure: ["accountKey", "customPassword"],
  gcs: ["credentialsJson", "customPassword"],
  rclone: ["customPassword"],
  rest: ["username", "password", "customPassword"],
  sftp: ["privateKey", "customPassword"],
};

export const BANDWIDTH_UNITS = ["Kbps", "Mbps", "Gbps"] as const;

const bandwidthLimit = (field: string) =>
  z
    .object(
      {
        enabled: z.boolean({ error: `${field}.enabled must be true or false` }).default(false),
        value: z
          .number({ error: `${field}.value must be a number` })
          .positive(`${field}.value must be > 0`)
          .default(1),
        unit: z.enum(BANDWIDTH_UNITS, { error: `${field}.unit must be one of Kbps, Mbps, Gbps` }).default("Mbps"),
      },
      { error: `${field} must be an object {enabled, value, unit}` },
    )
    .optional();
export type BandwidthLimit = NonNullable<z.infer<ReturnType<typeof bandwidthLimit>>>;

const common = {
  isExistingRepository: optionalBoolean("isExistingRepository"),
  customPassword: optionalString("customPassword"),
  cacert: optionalString("cacert"),
  insecureTls: optionalBoolean("insecureTls"),
  uploadLimit: bandwidthLimit("uploadLimit"),
  downloadLimit: bandwidthLimit("downloadLimit"),
};

const backendObject = <B extends RepositoryBackend, S extends z.ZodRawShape>(backend: B, shape: S) =>
  z.object({
    backend: z.literal(backend),
    type: z.literal(backend, { error: "type and backend must name the same backend" }).optional(),
    ...common,
    ...shape,
  });

const s3Shape = {
  endpoint: requiredString("endpoint"),
  bucket: requiredString("bucket"),
  region: optionalString("region"),
  accessKeyId: requiredString("accessKeyId"),
  secretAccessKey: requiredString("secretAccessKey"),
};

const sftpPort = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, "port must be a number between 1 and 65535")], {
    error: "port must be a number between 1 and 65535",
  })
  .transform(Number)
  .pipe(z.number().int().min(1, "port must be between 1 and 65535").max(65535, "port must be between 1 and 65535"))
  .default(22);

/**
 * Passphrase-protected keys cannot be used non-interactively. PEM keys say `ENCRYPTED` in their header; OpenSSH-format
 * keys name their cipher inside the base64 body, so that is decoded too.
 */
export function isEncryptedPrivateKey(key: string): boolean {
  if (key.includes("ENCRYPTED")) return true;
  const body = key.match(/-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/);
  if (!body) return false;
  const raw = Buffer.from(body[1].replace(/\s+/g, ""), "base64");
  const magic = "openssh-key-v1\0";
  if (raw.subarray(0, magic.length).toString("latin1") !== magic) return false;
  const cipherLength = raw.readUInt32BE(magic.length);
  const cipher = raw.subarray(magic.length + 4, magic.length + 4 + cipherLength).toString("latin1");
  return cipher !== "none";
}

const privateKey = requiredString("privateKey").refine((key) => !isEncryptedPrivateKey(key), {
  message: "privateKey is protected by a passphrase (ENCRYPTED); passphrases are not supported, use an unencrypted key",
});

const backendSchemas = [
  backendObject("local", { path: requiredString("path") }),
  backendObject("s3", s3Shape),
  backendObject("r2", s3Shape),
  backendObject("gcs", {
    bucket: requiredString("bucket"),
    projectId: requiredString("projectId"),
    credentialsJson: requiredString("credentialsJson"),
  }),
  backendObject("azure", {
    container: requiredString("container"),
    accountName: requiredString("accountName"),
    accountKey: requiredString("accountKey"),
    endpointSuffix: optionalString("endpointSuffix"),
  }),
  backendObject("rclone", { remote: requiredString("remote"), path: requiredString("path") }),
  backendObject("rest", {
    url: z.url({ error: "url must be a URL such as https://host:8000/" }),
    username: optionalString("username"),
    password: optionalString("password"),
    path: optionalString("path"),
  }),
  backendObject("sftp", {
    host: requiredString("host"),
    port: sftpPort,
    user: requiredString("user"),
    path: requiredString("path"),
    privateKey,
    skipHostKeyCheck: z.boolean({ error: "skipHostKeyCheck must be true or false" }).default(false),
    knownHosts: optionalString("knownHosts"),
    allowLegacySshRsa: z.boolean({ error: "allowLegacySshRsa must be true or false" }).default(false),
  }),
] as const;

function normaliseInput(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const value = { ...(input as Record<string, unknown>) };
  value.backend ??= value.type;
  if (value.backend === "gcs" && value.credentialsJson === undefined && value.credentials !== undefined) {
    value.credentialsJson =
      typeof value.credentials === "object" && value.credentials !== null
        ? JSON.stringify(value.credentials)
        : value.credentials;
  }
  delete value.credentials;
  return value;
}

const backendMessage = `backend (or type) must be one of ${REPOSITORY_BACKENDS.join(", ")}`;

export const repositoryConfigSchema = z
  .preprocess(normaliseInput, z.discriminatedUnion("backend", backendSchemas, { error: backendMessage }))
  .transform((config) => ({ ...config, type: config.backend }));

export type RepositoryConfigInput = z.input<typeof repositoryConfigSchema>;
export type RepositoryConfig = z.output<typeof repositoryConfigSchema>;
export type RepositoryConfigOf<B extends RepositoryBackend> = Extract<RepositoryConfig, { backend: B }>;
