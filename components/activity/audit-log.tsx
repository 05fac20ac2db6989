"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { Pager } from "@/components/ui/pager";
import type { AuditMethod } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { AUDIT_ACTIONS } from "@/server/audit/audit-actions";

const PAGE = 50;

const METHOD_LABELS: Record<AuditMethod, string> = {
  session: "User",
  apiKey: "API key",
  cli: "CLI",
  system: "System",
};

// The API takes an exact action or a family ending in "." (every action that starts so); offer both.
const FAMILIES = [...new Set(AUDIT_ACTIONS.map((action) => action.slice(0, action.indexOf(".") + 1)))];
const ACTION_OPTIONS = [
  { value: "", label: "All actions" },
  ...FAMILIES.flatMap((family) => [
    { value: family, label: `${family}* (any)` },
    ...AUDIT_ACTIONS.filter((action) => action.startsWith(family)).map((action) => ({ value: action, label: action })),
  ]),
];

type Filters = { action?: string; actor?: string };

/** Services record times as epoch ms in fields named `…At` (`expiresAt`); people read them as dates. */
function detailText(name: string, value: unknown): string {
  if (typeof value === "number" && name.endsWith("At")) return formatDateTime(value);
  return typeof value === "string" ? value : JSON.stringify(value);
}

function AuditDetails({ details }: { details: Record<string, unknown> | null }) {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0) return null;
  return (
    // A minimum width, or a narrow screen squeezes the column to a letter a line (ids break anywhere).
    <dl className="grid min-w-64 grid-cols-[auto_1fr] gap-x-2 text-xs">
      {entries.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-zinc-500 dark:text-zinc-400">{name}</dt>
          <dd className="font-mono break-all">{detailText(name, value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Who did which destructive or security action, newest first, filtered by action and actor (instance admins). */
export function AuditLog() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>({});
  const [offset, setOffset] = useState(0);
  const log = useQuery({
    ...trpc.audit.list.queryOptions({ ...filters, offset, limit: PAGE }),
    placeholderData: keepPreviousData,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const actor = String(form.get("actor") ?? "").trim();
    setOffset(0);
    setFilters({ action: String(form.get("action") ?? "") || undefined, actor: actor || undefined });
  }

  const filtered = Boolean(filters.action || filters.actor);
  return (
    <div className="flex flex-col gap-6">
      <search>
        <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <SelectField label="Action" name="action" defaultValue="" options={ACTION_OPTIONS} />
          <TextField label="Actor" name="actor" maxLength={128} placeholder="User name or id" />
          <Button type="submit" variant="secondary" pending={log.isFetching}>
            Filter
          </Button>
        </form>
      </search>
      {log.error && <Alert tone="error">{log.error.message}</Alert>}
      <DataTable
        caption="Audit log"
        headings={["Time", "Actor", "Action", "Target", "Details"]}
        empty={log.isPending ? "Loading…" : filtered ? "No audit entries match." : "Nothing recorded yet."}
        rows={(log.data?.entries ?? []).map((entry) => ({
          key: String(entry.id),
          cells: [
            <span key="at" className="whitespace-nowrap">
              {formatDateTime(entry.at)}
            </span>,
            <span key="actor" className="flex flex-col">
              <span className="font-medium">{entry.actorName}</span>
              <span className="text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">
                {METHOD_LABELS[entry.method]}
                {entry.ip ? ` · ${entry.ip}` : ""}
              </span>
            </span>,
            <code key="action" className="font-mono text-xs whitespace-nowrap">
              {entry.action}
            </code>,
            <span key="target" className="block min-w-40 font-mono text-xs break-all">
              {entry.target ?? "–"}
            </span>,
            <AuditDetails key="details" details={entry.details} />,
          ],
        }))}
      />
      {log.data && (
        <Pager label="Audit log pages" offset={offset} limit={PAGE} total={log.data.total} onChange={setOffset} />
      )}
    </div>
  );
}
