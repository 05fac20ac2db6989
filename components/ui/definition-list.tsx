import type { ReactNode } from "react";

/** Label / value pairs, two columns on wide screens and stacked on narrow ones. */
export function DefinitionList({ items }: { items: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-0.5 sm:grid-cols-[12rem_1fr] sm:gap-y-3">
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-sm text-zinc-500 dark:text-zinc-400">{term}</dt>
          <dd className="mb-2.5 min-w-0 text-sm font-medium break-words whitespace-pre-wrap sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
