import type { ReactNode } from "react";
import { Panel } from "@/components/ui/panel";
import { formatDateTime } from "@/lib/format";
import type { RepositoryDto } from "@/server/repositories/repositories.schema";
import type { RepositoryBackend } from "@/server/repositories/repository-config.schema";
import { BACKEND_FIELDS, backendLabel, COMPRESSION_NAMES } from "./backends";
import { RepositoryStatusBadge } from "./repository-status-badge";

// Both name the backend, which is shown on its own row.
const HIDDEN_CONFIG = new Set(["backend", "type"]);

const COMMON_LABELS: Record<string, string> = {
  isExistingRepository: "Imported",
  customPassword: "Repository password",
  cacert: "CA certificate",
  insecureTls: "Skip TLS verification",
  uploadLimit: "Upload limit",
  downloadLimit: "Download limit",
};

const configLabel = (backend: string, key: string) =>
  BACKEND_FIELDS[backend as RepositoryBackend]?.find((field) => field.name === key)?.label ?? COMMON_LABELS[key] ?? key;

const showValue = (value: unknown) =>
  typeof value === "boolean"
    ? value
      ? "Yes"
      : "No"
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);

/** The repository's state and its backend configuration as the API returns it (secrets masked). */
export function RepositoryInfo({ repository }: { repository: RepositoryDto }) {
  const rows: [string, ReactNode][] = [
    ["Backend", backendLabel(repository.type)],
    ["Compression", COMPRESSION_NAMES[repository.compressionMode]],
    ["Status", <RepositoryStatusBadge key="status" status={repository.status} />],
    ["Last checked", formatDateTime(repository.lastChecked)],
    ...(repository.lastError ? ([["Last error", repository.lastError]] as [string, string][]) : []),
    ...Object.entries(repository.config)
      .filter(([key, value]) => !HIDDEN_CONFIG.has(key) && value !== undefined && value !== "")
      .map(([key, value]): [string, string] => [configLabel(repository.type, key), showValue(value)]),
  ];
  return (
    <Panel title="Configuration">
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[10rem_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-sm text-zinc-500 dark:text-zinc-400">{term}</dt>
            <dd className="text-sm font-medium break-all whitespace-pre-wrap">{value}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}
