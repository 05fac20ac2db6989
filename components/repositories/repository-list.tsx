"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { backendLabel, COMPRESSION_NAMES } from "./backends";
import { RepositoryStatusBadge } from "./repository-status-badge";

const HEADINGS = ["Name", "Backend", "Compression", "Status", "Last checked"];

export function RepositoryList() {
  const trpc = useTRPC();
  const repositories = useQuery(trpc.repositories.list.queryOptions());

  if (repositories.error) return <Alert tone="error">{repositories.error.message}</Alert>;
  if (!repositories.data) return <p className="text-sm text-zinc-500">Loading repositories…</p>;
  if (repositories.data.length === 0)
    return (
      <EmptyState title="No repositories yet">
        <p>Create a new restic repository or import one you already have.</p>
        <LinkButton href="/repositories/new" className="mt-4">
          Create your first repository
        </LinkButton>
      </EmptyState>
    );
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Repositories</caption>
        <thead className="border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            {HEADINGS.map((heading) => (
              <th key={heading} scope="col" className="px-4 py-2.5 font-medium">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {repositories.data.map((repository) => (
            <tr key={repository.id}>
              <td className="px-4 py-3 font-medium">
                <Link
                  href={`/repositories/${repository.shortId}`}
                  className="text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {repository.name}
                </Link>
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{backendLabel(repository.type)}</td>
              <td className="px-4 py-3">{COMPRESSION_NAMES[repository.compressionMode]}</td>
              <td className="px-4 py-3">
                <RepositoryStatusBadge status={repository.status} />
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(repository.lastChecked)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
