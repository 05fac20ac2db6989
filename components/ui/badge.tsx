import type { ReactNode } from "react";

export const BADGE_TONES = {
  success: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300",
  danger: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300",
  warning: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300",
  info: "bg-indigo-50 text-indigo-700 ring-indigo-600/20 dark:bg-indigo-500/10 dark:text-indigo-300",
  neutral: "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-500/10 dark:text-zinc-300",
} as const;

export type BadgeTone = keyof typeof BADGE_TONES;

/** A short state label (Mounted, Paused, Overdue) in a colour that matches what it means. */
export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${BADGE_TONES[tone]}`}
    >
      {children}
    </span>
  );
}

/** A status as its label in its tone, from a status's display entry (`VOLUME_STATUS[volume.status]` and the like). */
export function StatusBadge({ status }: { status: { tone: BadgeTone; label: string } }) {
  return <Badge tone={status.tone}>{status.label}</Badge>;
}
