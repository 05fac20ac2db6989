"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Dialog } from "@/components/ui/dialog";
import { formatBytes, formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { downloadHref, parentOf, snapshotBrowserHref } from "./snapshot-links";

/** Every indexed snapshot holding `path`, newest first, marking the versions that changed. */
export function HistoryDialog({
  repository,
  path,
  onClose,
}: {
  repository: string;
  path: string | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const history = useQuery({
    ...trpc.snapshots.history.queryOptions({ shortId: repository, path: path ?? "/" }),
    enabled: path !== null,
  });
  return (
    <Dialog open={path !== null} onOpenChange={(open) => !open && onClose()} title={`History of ${path ?? ""}`} wide>
      {history.error && <Alert tone="error">{history.error.message}</Alert>}
      {history.data && history.data.unindexedSnapshots > 0 && (
        <Alert tone="info">
          {history.data.unindexedSnapshots} snapshot(s) are still being indexed and are not shown yet.
        </Alert>
      )}
      {history.data?.versions.length === 0 && <p className="text-sm text-zinc-500">No snapshot holds this path.</p>}
      {history.data && history.data.versions.length > 0 && (
        <ol aria-label="Versions" className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800">
          {history.data.versions.map((version) => (
            <li key={version.snapshotId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span className="flex flex-wrap items-center gap-2">
                <Link
                  href={snapshotBrowserHref(repository, version.shortId, parentOf(history.data.path))}
                  onClick={onClose}
                  className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {formatDateTime(version.snapshotTime)}
                </Link>
                <span className="font-mono text-xs text-zinc-500">{version.shortId}</span>
                {version.changed && <Badge tone="info">Changed</Badge>}
              </span>
              <span className="flex items-center gap-3">
                <span className="tabular-nums">{version.size !== null ? formatBytes(version.size) : ""}</span>
                {version.type === "file" && (
                  <a
                    href={downloadHref(repository, version.shortId, history.data.path, "file")}
                    download
                    className="text-indigo-700 hover:underline dark:text-indigo-300"
                  >
                    Download
                  </a>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}
