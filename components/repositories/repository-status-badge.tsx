import type { RepositoryDto } from "@/server/repositories/repositories.schema";

const STATUS: Record<RepositoryDto["status"], { label: string; tone: string }> = {
  healthy: {
    label: "Healthy",
    tone: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300",
  },
  error: { label: "Error", tone: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300" },
  doctor: {
    label: "Doctor running",
    tone: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300",
  },
  cancelled: {
    label: "Cancelled",
    tone: "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-500/10 dark:text-zinc-300",
  },
  unknown: {
    label: "Unknown",
    tone: "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-500/10 dark:text-zinc-300",
  },
};

export function RepositoryStatusBadge({ status }: { status: RepositoryDto["status"] }) {
  const { label, tone } = STATUS[status];
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
      {label}
    </span>
  );
}
