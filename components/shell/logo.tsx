export function Logo() {
  return (
    <span className="inline-flex items-center gap-2 text-lg font-semibold tracking-tight">
      <span
        aria-hidden="true"
        className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white"
      >
        Z
      </span>
      Zerobyte
    </span>
  );
}
