"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { Panel } from "@/components/ui/panel";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { HistoryDialog } from "./history-dialog";
import { RestoreDialog } from "./restore-dialog";
import { SnapshotFileTable, type Sort } from "./snapshot-file-table";
import { downloadHref, snapshotBrowserHref } from "./snapshot-links";

const PAGE = 200;

/** One folder of a snapshot at a time: sizes (recursive once indexed), sort, pages, downloads, history, restore. */
export function SnapshotBrowser({
  repository,
  snapshotId,
  path,
}: {
  repository: string;
  snapshotId: string;
  path: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [sort, setSort] = useState<Sort>({ sort: "name", order: "asc" });
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [restoring, setRestoring] = useState(false);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const page = useQuery({
    ...trpc.snapshots.files.queryOptions({ shortId: repository, snapshotId, path, offset, limit: PAGE, ...sort }),
    placeholderData: keepPreviousData,
  });
  const open = (next: string) => {
    setOffset(0);
    router.push(snapshotBrowserHref(repository, snapshotId, next));
  };
  const toggle = (entry: string) =>
    setSelected((current) =>
      current.includes(entry) ? current.filter((item) => item !== entry) : [...current, entry],
    );
  const data = page.data;
  return (
    <>
      <PageHeader
        title={`Snapshot ${data?.snapshot.short_id ?? snapshotId.slice(0, 8)}`}
        description={
          data
            ? `${formatDateTime(data.snapshot.time)} · ${data.snapshot.hostname} · ${data.snapshot.paths.join(", ")}`
            : undefined
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <LinkButton variant="secondary" href={`/repositories/${repository}/search`}>
              Search
            </LinkButton>
            <LinkButton variant="secondary" href={`/repositories/${repository}/diff?to=${snapshotId}`}>
              Compare
            </LinkButton>
            <LinkButton variant="secondary" href={`/repositories/${repository}`}>
              Repository
            </LinkButton>
          </div>
        }
      />
      <Panel title="Files">
        <div className="flex flex-col gap-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Breadcrumbs path={path} rootLabel="Snapshot" onNavigate={open} />
            {data && !data.indexed && <Badge tone="warning">Indexing… sizes and sorting follow</Badge>}
          </div>
          <div className="flex flex-wrap gap-2">
            <Button disabled={selected.length === 0} onClick={() => setRestoring(true)}>
              Restore selected ({selected.length})
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setSelected([]);
                setRestoring(true);
              }}
            >
              Restore everything…
            </Button>
            <a
              className="inline-flex items-center rounded-md border border-zinc-300 px-3.5 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
              href={downloadHref(repository, snapshotId, path, "dir", "tar")}
              download
            >
              Download this folder (tar)
            </a>
            <a
              className="inline-flex items-center rounded-md border border-zinc-300 px-3.5 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
              href={downloadHref(repository, snapshotId, path, "dir", "zip")}
              download
            >
              Download this folder (zip)
            </a>
          </div>
          {page.error && <Alert tone="error">{page.error.message}</Alert>}
          {!data && !page.error && <p className="text-sm text-zinc-500">Loading folder…</p>}
          {data && (
            <SnapshotFileTable
              repository={repository}
              snapshotId={snapshotId}
              files={data.files}
              sort={sort}
              sortable={data.indexed}
              onSort={(next) => {
                setSort(next);
                setOffset(0);
              }}
              onOpen={open}
              selected={selected}
              onToggle={toggle}
              onHistory={setHistoryOf}
            />
          )}
          {data && <Pager label="Folder pages" offset={offset} limit={PAGE} total={data.total} onChange={setOffset} />}
        </div>
      </Panel>
      <RestoreDialog
        open={restoring}
        onOpenChange={setRestoring}
        repository={repository}
        snapshotId={snapshotId}
        paths={selected}
      />
      <HistoryDialog repository={repository} path={historyOf} onClose={() => setHistoryOf(null)} />
      <p className="mt-4 text-sm">
        <Link href={`/repositories/${repository}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
          Back to the repository
        </Link>
      </p>
    </>
  );
}
