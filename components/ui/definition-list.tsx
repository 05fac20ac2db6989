import type { ReactNode } from "react";

/** Label / value pairs, two columns on wide screens and stacked on narrow ones. */
export function DefinitionList({ items }: { items: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-sm text-zinc-500 dark:text-zinc-400">{term}</dt>
          <dd className="min-w-0 text-sm font-medium break-words whitespace-pre-wrap">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
