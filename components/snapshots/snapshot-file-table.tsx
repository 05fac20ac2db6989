"use client";
import { formatBytes, formatDateTime } from "@/lib/format";
import type { SnapshotFile } from "@/server/snapshots/snapshots.schema";
import { downloadHref } from "./snapshot-links";

export type Sort = { sort: "name" | "size" | "mtime"; order: "asc" | "desc" };

// On a phone the modification time gives way, so names keep the room.
const COLUMNS = [
  { key: "name", label: "Name", className: "w-full" },
  { key: "size", label: "Size", className: "text-right" },
  { key: "mtime", label: "Modified", className: "hidden text-right sm:table-cell" },
] as const;

const LINK = "text-indigo-700 hover:underline dark:text-indigo-300";

/** A folder's entries with sortable columns (a column header is a button; aria-sort says the order). */
export function SnapshotFileTable({
  repository,
  snapshotId,
  files,
  sort,
  sortable,
  onSort,
  onOpen,
  selected,
  onToggle,
  onHistory,
}: {
  repository: string;
  snapshotId: string;
  files: SnapshotFile[];
  sort: Sort;
  sortable: boolean;
  onSort: (sort: Sort) => void;
  onOpen: (path: string) => void;
  selected: string[];
  onToggle: (path: string) => void;
  onHistory: (path: string) => void;
}) {
  if (files.length === 0) return <p className="text-sm text-zinc-500">This folder is empty.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Folder contents</caption>
        <thead className="text-xs text-zinc-500 uppercase dark:text-zinc-400">
          <tr>
            <th scope="col" className="w-8 py-2 pr-2">
              <span className="sr-only">Select</span>
            </th>
            {COLUMNS.map((column) => {
              const active = sort.sort === column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={active ? (sort.order === "asc" ? "ascending" : "descending") : undefined}
                  className={`py-2 pr-4 font-medium ${column.className}`}
                >
                  <button
                    type="button"
                    disabled={!sortable && column.key !== "name"}
                    onClick={() => onSort({ sort: column.key, order: active && sort.order === "asc" ? "desc" : "asc" })}
                    className="uppercase hover:text-zinc-900 disabled:cursor-not-allowed disabled:opacity-60 dark:hover:text-zinc-100"
                  >
                    {column.label}
                    {active && <span aria-hidden="true">{sort.order === "asc" ? " ▲" : " ▼"}</span>}
                  </button>
                </th>
              );
            })}
            <th scope="col" className="py-2 text-right font-medium">
              Actions
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {files.map((file) => {
            const folder = file.type === "dir";
            return (
              <tr key={file.path}>
                <td className="py-2 pr-2">
                  <input
                    type="checkbox"
                    aria-label={`Select ${file.path}`}
                    checked={selected.includes(file.path)}
                    onChange={() => onToggle(file.path)}
                    className="size-4 accent-indigo-600"
                  />
                </td>
                <td className="max-w-0 py-2 pr-4">
                  {folder ? (
                    <button
                      type="button"
                      onClick={() => onOpen(file.path)}
                      className={`block truncate text-left font-medium ${LINK}`}
                    >
                      {file.name}/
                    </button>
                  ) : (
                    <span className="block truncate" title={file.name}>
                      {file.name}
                    </span>
                  )}
                </td>
                <td className="py-2 pr-4 text-right whitespace-nowrap tabular-nums">
                  {file.size !== undefined ? formatBytes(file.size) : ""}
                  {folder && file.fileCount !== undefined && (
                    <span className="block text-xs text-zinc-500">{file.fileCount} files</span>
                  )}
                </td>
                <td className="hidden py-2 pr-4 text-right whitespace-nowrap text-zinc-600 sm:table-cell dark:text-zinc-400">
                  {file.mtime ? formatDateTime(Date.parse(file.mtime)) : ""}
                </td>
                <td className="py-2 text-right whitespace-nowrap">
                  <span className="inline-flex gap-3">
                    {!folder && (
                      <button
                        type="button"
                        className={LINK}
                        onClick={() => onHistory(file.path)}
                        aria-label={`History of ${file.name}`}
                      >
                        History
                      </button>
                    )}
                    <a
                      className={LINK}
                      href={downloadHref(repository, snapshotId, file.path, folder ? "dir" : "file")}
                      download
                      aria-label={`Download ${file.name}`}
                    >
                      Download
                    </a>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
