"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Pager } from "@/components/ui/pager";
import { formatBytes, formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";

const PAGE = 100;

/**
 * The mounted volume's folders, a page at a time; a folder opens on click. With `selection`, each entry has a
 * checkbox (the backup form picks include paths this way).
 */
export function VolumeFiles({
  shortId,
  selection,
}: {
  shortId: string;
  selection?: { selected: readonly string[]; onToggle: (path: string) => void; verb: string };
}) {
  const trpc = useTRPC();
  const [path, setPath] = useState("/");
  const [offset, setOffset] = useState(0);
  const listing = useQuery({
    ...trpc.volumes.files.queryOptions({ shortId, path, offset, limit: PAGE }),
    placeholderData: keepPreviousData,
  });
  const open = (next: string) => {
    setPath(next);
    setOffset(0);
  };
  return (
    <div className="flex flex-col gap-3">
      <Breadcrumbs path={path} rootLabel="Volume root" onNavigate={open} />
      {listing.error && <Alert tone="error">{listing.error.message}</Alert>}
      <ul
        aria-label={`Contents of ${path}`}
        className="max-h-96 divide-y divide-zinc-200 overflow-y-auto rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
      >
        {listing.data?.files.map((file) => (
          <li key={file.path} className="flex items-center gap-3 px-3 py-2 text-sm">
            {selection && (
              <input
                type="checkbox"
                aria-label={`${selection.verb}: ${file.path}`}
                checked={selection.selected.includes(file.path)}
                onChange={() => selection.onToggle(file.path)}
                className="size-4 shrink-0 accent-indigo-600"
              />
            )}
            {file.type === "directory" ? (
              <button
                type="button"
                onClick={() => open(file.path)}
                className="min-w-0 flex-1 truncate text-left font-medium text-indigo-700 hover:underline dark:text-indigo-300"
              >
                {file.name}/
              </button>
            ) : (
              <span className="min-w-0 flex-1 truncate">{file.name}</span>
            )}
            <span className="hidden shrink-0 text-xs text-zinc-500 sm:inline">
              {formatDateTime(file.modifiedAt, "")}
            </span>
            <span className="w-20 shrink-0 text-right text-xs text-zinc-500 tabular-nums">
              {file.size !== undefined && file.type !== "directory" ? formatBytes(file.size) : ""}
            </span>
          </li>
        ))}
        {listing.data?.files.length === 0 && <li className="px-3 py-2 text-sm text-zinc-500">This folder is empty</li>}
        {!listing.data && !listing.error && <li className="px-3 py-2 text-sm text-zinc-500">Loading…</li>}
      </ul>
      {listing.data && (
        <Pager label="Folder pages" offset={offset} limit={PAGE} total={listing.data.total} onChange={setOffset} />
      )}
    </div>
  );
}
