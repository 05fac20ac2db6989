import { Button } from "./button";

/** Previous / next through an offset-paginated list, with where the user is ("101–200 of 950"). */
export function Pager({
  offset,
  limit,
  total,
  onChange,
  label,
}: {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  label: string;
}) {
  if (total <= limit && offset === 0) return null;
  const last = Math.min(offset + limit, total);
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400">
        {total === 0 ? 0 : offset + 1}–{last} of {total}
      </span>
      <span className="flex gap-2">
        <Button variant="secondary" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
          Previous page
        </Button>
        <Button variant="secondary" disabled={last >= total} onClick={() => onChange(offset + limit)}>
          Next page
        </Button>
      </span>
    </nav>
  );
}
