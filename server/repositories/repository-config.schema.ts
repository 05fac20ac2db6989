// Repository backend configs. Requests may name the backend `type` (seed) or `backend` (original); the parsed
// value always carries both, so every later layer can rely on either. Every value that reaches restic, rclone or
// ssh as (part of) an argument is a host, port, user name or argument field (input-fields.ts): none can carry an
// option. Where the repository may be (host paths, egress, rclone remotes) is checked per caller in
// repository-policy.ts.
import { z } from "zod";
import {
  commandArgumentField,
  hostnameField,
  isHostname,
  optionalBooleanField as optionalBoolean,
  optionalStringField as optionalString,
  portField,
  requiredStringField as requiredString,
  unixUserField,
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

/** An S3 endpoint as restic takes it: `host[:port]` or an http(s) URL without credentials. */
export function parseEndpoint(value: string): URL | null {
  const url = URL.canParse(value) && /^https?:\/\//i.test(value) ? new URL(value) : URL.parse(`https://${value}`);
  if (!url || url.username || url.password || url.search || url.hash || url.pathname !== "/") return null;
  return isHostname(url.hostname) ? url : null;
}

const endpointField = (field: string) =>
  requiredString(field).refine((value) => parseEndpoint(value) !== null, {
    message: `${field} must be a host name (with an optional :port) or an http(s) URL`,
  });

const s3Shape = {
  endpoint: endpointField("endpoint"),
  bucket: commandArgumentField("bucket"),
  region: commandArgumentField("region").optional(),
  accessKeyId: requiredString("accessKeyId"),
  secretAccessKey: requiredString("secretAccessKey"),
};

/**
 * A remote of the configured rclone config, by name (`nas` or `nas:`). A `:backend,option=…` remote defined on the
 * fly, or one with a path in it, is refused: remotes are what an admin configured, nothing else.
 */
const rcloneRemoteField = commandArgumentField("remote")
  .transform((value) => value.replace(/:$/, ""))
  .refine((value) => value !== "" && !/[:,/\\]/.test(value), {
    message: "remote must be the name of a remote in the rclone config (no ':backend,option=' remotes)",
  });

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
    bucket: commandArgumentField("bucket"),
    projectId: commandArgumentField("projectId"),
    credentialsJson: requiredString("credentialsJson"),
  }),
  backendObject("azure", {
    container: commandArgumentField("container"),
    accountName: commandArgumentField("accountName"),
    accountKey: requiredString("accountKey"),
    endpointSuffix: hostnameField("endpointSuffix").optional(),
  }),
  backendObject("rclone", { remote: rcloneRemoteField, path: requiredString("path") }),
  backendObject("rest", {
    url: z.url({ protocol: /^https?$/, error: "url must be a URL such as https://host:8000/ (http or https)" }),
    username: optionalString("username"),
    password: optionalString("password"),
    path: optionalString("path"),
  }),
  backendObject("sftp", {
    host: hostnameField("host"),
    port: portField("port", 22),
    user: unixUserField("user"),
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
