"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { Panel } from "@/components/ui/panel";
import { formatBytes, formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";

const PAGE = 100;
const CHANGE: Record<string, { label: string; tone: BadgeTone }> = {
  added: { label: "Added", tone: "success" },
  removed: { label: "Removed", tone: "danger" },
  changed: { label: "Changed", tone: "info" },
  typeChanged: { label: "Type changed", tone: "warning" },
};

const signed = (bytes: number) => `${bytes > 0 ? "+" : bytes < 0 ? "−" : ""}${formatBytes(Math.abs(bytes))}`;

/** What changed between two snapshots under a folder: counts, bytes, and the changes, largest first. */
export function SnapshotDiff({ repository, initialTo }: { repository: string; initialTo?: string }) {
  const trpc = useTRPC();
  const snapshots = useQuery(trpc.repositories.snapshots.queryOptions({ shortId: repository }));
  const [compare, setCompare] = useState<{ from: string; to: string; path: string } | null>(null);
  const [offset, setOffset] = useState(0);
  const diff = useQuery({
    ...trpc.snapshots.diff.queryOptions({
      shortId: repository,
      snapshotId: compare?.from ?? "",
      otherId: compare?.to ?? "",
      path: compare?.path ?? "/",
      offset,
      limit: PAGE,
    }),
    enabled: compare !== null,
    placeholderData: keepPreviousData,
  });
  const ordered = [...(snapshots.data ?? [])].sort((a, b) => a.time - b.time);
  const options = ordered.map((snapshot) => ({
    value: snapshot.short_id,
    label: `${formatDateTime(snapshot.time)} · ${snapshot.short_id}`,
  }));
  const to = initialTo ? initialTo.slice(0, 8) : ordered.at(-1)?.short_id;
  const from = ordered[ordered.findIndex((snapshot) => snapshot.short_id === to) - 1]?.short_id ?? ordered[0]?.short_id;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setOffset(0);
    setCompare({ from: String(form.get("from")), to: String(form.get("to")), path: String(form.get("path") || "/") });
  }

  const data = diff.data;
  return (
    <>
      <PageHeader title="Compare snapshots" description="What changed from one snapshot to another." />
      <div className="flex flex-col gap-6">
        <Panel title="Snapshots to compare">
          {snapshots.data && snapshots.data.length < 2 ? (
            <p className="text-sm text-zinc-500">Comparing needs two snapshots.</p>
          ) : (
            <form key={`${from}-${to}`} onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-3 sm:items-end">
              <SelectField label="From (older)" name="from" defaultValue={from} options={options} />
              <SelectField label="To (newer)" name="to" defaultValue={to} options={options} />
              <TextField label="Folder" name="path" defaultValue="/" />
              <div className="sm:col-span-3">
                <Button type="submit" pending={diff.isFetching}>
                  Compare
                </Button>
              </div>
            </form>
          )}
        </Panel>
        {diff.error && <Alert tone="error">{diff.error.message}</Alert>}
        {data && (
          <Panel
            title="Changes"
            description={`${data.summary.added} added · ${data.summary.removed} removed · ${data.summary.changed} changed · ${signed(data.summary.bytesAdded - data.summary.bytesRemoved)}`}
          >
            <div className="flex flex-col gap-3">
              {data.entries.length === 0 && <p className="text-sm text-zinc-500">No changes.</p>}
              <ul aria-label="Changes" className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800">
                {data.entries.map((entry) => (
                  <li key={entry.path} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                    <span className="flex min-w-0 flex-1 items-center gap-2">
                      <Badge tone={CHANGE[entry.change]?.tone ?? "neutral"}>
                        {CHANGE[entry.change]?.label ?? entry.change}
                      </Badge>
                      <span className="truncate font-mono text-xs" title={entry.path}>
                        {entry.path}
                        {entry.type === "dir" ? "/" : ""}
                      </span>
                    </span>
                    <span className="tabular-nums">{signed(entry.delta)}</span>
                  </li>
                ))}
              </ul>
              <Pager label="Change pages" offset={offset} limit={PAGE} total={data.total} onChange={setOffset} />
            </div>
          </Panel>
        )}
      </div>
    </>
  );
}
