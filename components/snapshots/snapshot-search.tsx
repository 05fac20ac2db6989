"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { Panel } from "@/components/ui/panel";
import { formatBytes, formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { HistoryDialog } from "./history-dialog";
import { parentOf, snapshotBrowserHref } from "./snapshot-links";

const PAGE = 50;

/** Finds files and folders by name (substring, or a glob with * and ?) across one or every snapshot. */
export function SnapshotSearch({ repository }: { repository: string }) {
  const trpc = useTRPC();
  const snapshots = useQuery(trpc.repositories.snapshots.queryOptions({ shortId: repository }));
  const [query, setQuery] = useState<{ q: string; snapshotId?: string } | null>(null);
  const [offset, setOffset] = useState(0);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const results = useQuery({
    ...trpc.snapshots.search.queryOptions({
      shortId: repository,
      q: query?.q ?? "",
      snapshotId: query?.snapshotId,
      offset,
      limit: PAGE,
    }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const snapshotId = String(form.get("snapshotId") ?? "");
    setOffset(0);
    setQuery({ q: String(form.get("q") ?? "").trim(), snapshotId: snapshotId || undefined });
  }

  const data = results.data;
  return (
    <>
      <PageHeader
        title="Search snapshots"
        description="Find a file or folder by name in this repository's snapshots."
      />
      <div className="flex flex-col gap-6">
        <Panel title="Search">
          <search>
            <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[1fr_14rem_auto] sm:items-end">
              <TextField label="Name" name="q" required maxLength={256} placeholder="report.pdf, *.jpg" />
              <SelectField
                label="In snapshot"
                name="snapshotId"
                defaultValue=""
                options={[
                  { value: "", label: "All snapshots" },
                  ...(snapshots.data ?? []).map((snapshot) => ({
                    value: snapshot.short_id,
                    label: `${snapshot.short_id} · ${formatDateTime(snapshot.time)}`,
                  })),
                ]}
              />
              <Button type="submit" pending={results.isFetching}>
                Search
              </Button>
            </form>
          </search>
        </Panel>
        {results.error && <Alert tone="error">{results.error.message}</Alert>}
        {data && (
          <Panel title="Results" description={`${data.total} match${data.total === 1 ? "" : "es"}`}>
            <div className="flex flex-col gap-3">
              {data.unindexedSnapshots > 0 && (
                <Alert tone="info">
                  {data.unindexedSnapshots} snapshot(s) are being indexed and were not searched yet; search again in a
                  moment.
                </Alert>
              )}
              {data.truncated && <Alert tone="info">Many names matched: narrow the search to see them all.</Alert>}
              <ul aria-label="Search results" className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800">
                {data.results.map((result) => (
                  <li
                    key={`${result.snapshotId}:${result.path}`}
                    className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
                  >
                    <span className="min-w-0 flex-1">
                      <Link
                        href={snapshotBrowserHref(
                          repository,
                          result.snapshotId.slice(0, 8),
                          result.type === "dir" ? result.path : parentOf(result.path),
                        )}
                        className="block truncate font-mono text-xs text-indigo-700 hover:underline dark:text-indigo-300"
                      >
                        {result.path}
                      </Link>
                      <span className="text-xs text-zinc-500">
                        {formatDateTime(result.snapshotTime)} · {result.snapshotId.slice(0, 8)}
                        {result.size !== null ? ` · ${formatBytes(result.size)}` : ""}
                      </span>
                    </span>
                    {result.type === "file" && (
                      <Button
                        variant="secondary"
                        onClick={() => setHistoryOf(result.path)}
                        aria-label={`History of ${result.path}`}
                      >
                        History
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
              <Pager label="Result pages" offset={offset} limit={PAGE} total={data.total} onChange={setOffset} />
            </div>
          </Panel>
        )}
      </div>
      <HistoryDialog repository={repository} path={historyOf} onClose={() => setHistoryOf(null)} />
    </>
  );
}
