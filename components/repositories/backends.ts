// What the repository forms ask for, per backend: the config field names of the API (reference §3.1).

import type { FieldSpec } from "@/components/forms/config-fields";
import { readConfigFields } from "@/components/forms/config-fields";
import type { RepositoryDto } from "@/server/repositories/repositories.schema";
import type { RepositoryBackend } from "@/server/repositories/repository-config.schema";

export const BACKEND_LABELS: Record<RepositoryBackend, string> = {
  local: "Local directory",
  s3: "Amazon S3 / S3-compatible",
  r2: "Cloudflare R2",
  azure: "Azure Blob Storage",
  gcs: "Google Cloud Storage",
  rclone: "rclone remote",
  rest: "restic REST server",
  sftp: "SFTP",
};

export const backendLabel = (backend: string) => BACKEND_LABELS[backend as RepositoryBackend] ?? backend;

type CompressionMode = RepositoryDto["compressionMode"];

export const COMPRESSION_NAMES: Record<CompressionMode, string> = { auto: "Auto", max: "Max", off: "Off" };

export const COMPRESSION_OPTIONS = [
  { value: "auto", label: "Auto (fast, good ratio)" },
  { value: "max", label: "Max (smallest, slower)" },
  { value: "off", label: "Off" },
] as const satisfies readonly { value: CompressionMode; label: string }[];

const s3Fields = (endpoint: string): FieldSpec[] => [
  { name: "endpoint", label: "Endpoint", placeholder: endpoint },
  { name: "bucket", label: "Bucket" },
  { name: "accessKeyId", label: "Access key ID", kind: "secret" },
  { name: "secretAccessKey", label: "Secret access key", kind: "secret" },
];

export const BACKEND_FIELDS: Record<RepositoryBackend, FieldSpec[]> = {
  local: [
    {
      name: "path",
      label: "Path",
      placeholder: "/var/lib/zerobyte/repositories",
      hint: "A new repository is created in a folder named after its id inside this path; an import uses the path as given.",
    },
  ],
  s3: [...s3Fields("https://s3.amazonaws.com"), { name: "region", label: "Region", optional: true }],
  r2: s3Fields("https://<account id>.r2.cloudflarestorage.com"),
  azure: [
    { name: "container", label: "Container" },
    { name: "accountName", label: "Account name" },
    { name: "accountKey", label: "Account key", kind: "secret" },
    { name: "endpointSuffix", label: "Endpoint suffix", optional: true, placeholder: "core.windows.net" },
  ],
  gcs: [
    { name: "bucket", label: "Bucket" },
    { name: "projectId", label: "Project ID" },
    { name: "credentialsJson", label: "Service account credentials (JSON)", kind: "secretMultiline" },
  ],
  rclone: [
    { name: "remote", label: "Remote", kind: "remote", hint: "A remote of the server's rclone configuration." },
    { name: "path", label: "Path", placeholder: "backups/zerobyte" },
  ],
  rest: [
    { name: "url", label: "URL", placeholder: "https://backup.example.com:8000/" },
    { name: "path", label: "Path", optional: true },
    { name: "username", label: "Username", kind: "secret", optional: true },
    { name: "password", label: "Password", kind: "secret", optional: true },
  ],
  sftp: [
    { name: "host", label: "Host" },
    { name: "port", label: "Port", kind: "port", initial: "22" },
    { name: "user", label: "User" },
    { name: "path", label: "Path", placeholder: "/srv/backups/zerobyte" },
    {
      name: "privateKey",
      label: "Private key",
      kind: "secretMultiline",
      hint: "An unencrypted key (passphrases are not supported).",
    },
    { name: "knownHosts", label: "Known hosts", kind: "multiline", optional: true, hint: "Lines for the host's key." },
    { name: "skipHostKeyCheck", label: "Skip the host key check", kind: "flag" },
    { name: "allowLegacySshRsa", label: "Allow legacy ssh-rsa keys", kind: "flag" },
  ],
};

/** The error paths the backend's form shows next to a field. */
export const shownConfigFields = (backend: RepositoryBackend) =>
  BACKEND_FIELDS[backend].map((field) => `config.${field.name}`);

/** The backend's config from the form's fields. */
export function readBackendConfig(backend: RepositoryBackend, form: FormData): Record<string, unknown> {
  return { backend, ...readConfigFields(BACKEND_FIELDS[backend], form) };
}

/** The settings every backend shares (reference §3.1): a CA certificate and skipping TLS verification. */
export function readTlsOptions(form: FormData) {
  const cacert = String(form.get("cacert") ?? "").trim();
  return { cacert: cacert || undefined, insecureTls: form.get("insecureTls") === "on" };
}
