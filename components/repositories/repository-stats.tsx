"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { formatBytes, formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import type { RepositoryDto } from "@/server/repositories/repositories.schema";

// The chart library loads only on the pages that draw a chart.
const SizeChart = dynamic(() => import("@/components/charts/size-chart"), {
  ssr: false,
  loading: () => <p className="text-sm text-zinc-500">Loading chart…</p>,
});

/** Size and compression as last computed by `restic stats`; Refresh recomputes them. */
export function RepositoryStats({ repository }: { repository: RepositoryDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { shortId: repository.shortId };
  const stats = useQuery(trpc.repositories.stats.queryOptions(input));
  const history = useQuery(trpc.repositories.statsHistory.queryOptions(input));
  const refresh = useMutation(
    trpc.repositories.refreshStats.mutationOptions({
      onSuccess: (fresh) => {
        queryClient.setQueryData(trpc.repositories.stats.queryKey(input), fresh);
        queryClient.invalidateQueries({ queryKey: trpc.repositories.statsHistory.queryKey(input) });
        queryClient.invalidateQueries({ queryKey: trpc.repositories.get.queryKey(input) });
      },
    }),
  );
  const data = stats.data;
  const cards = data
    ? [
        ["Size", formatBytes(data.total_size)],
        ["Uncompressed", formatBytes(data.total_uncompressed_size)],
        ["Compression ratio", data.compression_ratio ? `${data.compression_ratio.toFixed(2)}×` : "–"],
        ["Snapshots", String(data.snapshots_count)],
        ["Files", String(data.total_file_count)],
      ]
    : [];

  return (
    <Panel title="Statistics" description={`Last computed: ${formatDateTime(repository.statsUpdatedAt)}`}>
      <div className="flex flex-col gap-4">
        {(stats.error ?? refresh.error) && <Alert tone="error">{(stats.error ?? refresh.error)?.message}</Alert>}
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {cards.map(([label, value]) => (
            <div key={label} className="rounded-md border border-zinc-200 px-3 py-2.5 dark:border-zinc-800">
              <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
              <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
        {history.data && history.data.length > 1 && <SizeChart samples={history.data} />}
        <div>
          <Button variant="secondary" pending={refresh.isPending} onClick={() => refresh.mutate(input)}>
            {refresh.isPending ? "Refreshing…" : "Refresh statistics"}
          </Button>
        </div>
      </div>
    </Panel>
  );
}
