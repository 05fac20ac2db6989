import type { ReactNode } from "react";

/**
 * Settings most users leave alone, folded away: a native <details>, so it opens with the keyboard and is announced
 * as expandable. Fields inside still post with the form while it is closed.
 */
export function Disclosure({
  summary,
  open = false,
  children,
}: {
  summary: string;
  open?: boolean;
  children: ReactNode;
}) {
  return (
    <details open={open || undefined} className="group">
      <summary className="cursor-pointer text-sm font-medium text-indigo-700 select-none dark:text-indigo-300">
        {summary}
      </summary>
      <div className="mt-4">{children}</div>
    </details>
  );
}
