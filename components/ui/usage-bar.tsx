import { formatBytes } from "@/lib/format";

/** How full a disk or a quota is: a meter with the figures beside it. */
export function UsageBar({ label, used, total }: { label: string; used: number; total: number }) {
  const percent = total > 0 ? Math.min(100, Math.round((used / total) * 100)) : 0;
  return (
    <div className="flex flex-col gap-1.5">
      {/* biome-ignore lint/a11y/useSemanticElements: <meter> cannot be styled alike in every browser; the role says the same */}
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% used`}
        className="h-2.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className={`h-full rounded-full ${percent > 90 ? "bg-red-500" : percent > 75 ? "bg-amber-500" : "bg-indigo-500"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {formatBytes(used)} used of {formatBytes(total)} ({percent}%) · {formatBytes(Math.max(0, total - used))} free
      </p>
    </div>
  );
}
