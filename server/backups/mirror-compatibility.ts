// Which repositories can mirror which (reference §5.6). `restic copy` runs one process with one environment and one
// set of global options for both repositories, so two repositories of the same cloud family only work together when
// they use the same credentials, and two SFTP repositories never do (one ssh command serves both).
import type { RepositoryConfig } from "@/server/repositories/repository-config.schema";

export type Compatibility = { compatible: boolean; reason: string | null };

/** What restic reads from the environment (or global options) per backend family. */
const SHARED_SETTINGS: Partial<Record<RepositoryConfig["backend"], { family: string; fields: string[] }>> = {
  s3: { family: "S3", fields: ["backend", "accessKeyId", "secretAccessKey", "region"] },
  r2: { family: "S3", fields: ["backend", "accessKeyId", "secretAccessKey", "region"] },
  gcs: { family: "Google Cloud Storage", fields: ["projectId", "credentialsJson"] },
  azure: { family: "Azure", fields: ["accountName", "accountKey", "endpointSuffix"] },
  rest: { family: "REST", fields: ["username", "password"] },
  sftp: { family: "SFTP", fields: [] },
};

export function mirrorCompatibility(source: RepositoryConfig, mirror: RepositoryConfig): Compatibility {
  const a = SHARED_SETTINGS[source.backend];
  const b = SHARED_SETTINGS[mirror.backend];
  if (!a || !b || a.family !== b.family) return { compatible: true, reason: null };
  if (a.family === "SFTP") {
    return {
      compatible: false,
      reason: "Two SFTP repositories cannot be used together: restic copy has one ssh command",
    };
  }
  const left = source as Record<string, unknown>;
  const right = mirror as Record<string, unknown>;
  if (a.fields.some((field) => (left[field] ?? null) !== (right[field] ?? null))) {
    return {
      compatible: false,
      reason: `Both repositories use ${a.family} with different credentials or settings; restic copy can use only one set`,
    };
  }
  return { compatible: true, reason: null };
}
