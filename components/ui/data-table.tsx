import type { ReactNode } from "react";

/**
 * A list as a table with a caption for screen readers; it scrolls sideways inside its own box on narrow screens,
 * so the page itself never does.
 */
export function DataTable({
  caption,
  headings,
  rows,
  empty,
}: {
  caption: string;
  headings: readonly ReactNode[];
  rows: readonly { key: string; cells: readonly ReactNode[]; className?: string }[];
  empty?: ReactNode;
}) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            {headings.map((heading, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: headings are a fixed list
              <th key={index} scope="col" className="px-4 py-2.5 font-medium whitespace-nowrap">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((row) => (
            <tr key={row.key} className={row.className}>
              {row.cells.map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one cell per heading
                <td key={index} className="px-4 py-3 align-top">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && empty && (
            <tr>
              <td colSpan={headings.length} className="px-4 py-6 text-center text-zinc-500">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
