/** Where a folder is, each ancestor a button back to it; the last crumb is the current folder. */
export function Breadcrumbs({
  path,
  rootLabel,
  onNavigate,
}: {
  path: string;
  rootLabel: string;
  onNavigate: (path: string) => void;
}) {
  const segments = path.split("/").filter(Boolean);
  const crumbs = [
    { label: rootLabel, path: "/" },
    ...segments.map((segment, index) => ({ label: segment, path: `/${segments.slice(0, index + 1).join("/")}` })),
  ];
  return (
    <nav aria-label="Breadcrumbs" className="min-w-0">
      <ol className="flex flex-wrap items-center gap-1 text-sm">
        {crumbs.map((crumb, index) => {
          const current = index === crumbs.length - 1;
          return (
            <li key={crumb.path} className="flex min-w-0 items-center gap-1">
              {index > 0 && (
                <span aria-hidden="true" className="text-zinc-400">
                  /
                </span>
              )}
              {current ? (
                <span aria-current="location" className="truncate font-medium">
                  {crumb.label}
                </span>
              ) : (
                <button
                  type="button"
                  onClick={() => onNavigate(crumb.path)}
                  className="truncate text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {crumb.label}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
