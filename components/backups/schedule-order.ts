// The display order of the backups list, as a list of schedule shortIds.

/** `ids` with `id` moved to position `index` (kept within the list); unchanged when `id` is not in it. */
export function moveTo(ids: readonly string[], id: string, index: number): string[] {
  const from = ids.indexOf(id);
  if (from === -1) return [...ids];
  const rest = ids.filter((other) => other !== id);
  const to = Math.max(0, Math.min(rest.length, index));
  return [...rest.slice(0, to), id, ...rest.slice(to)];
}

/** `items` in the order of `ids`; items not named there keep their place after the named ones. */
export function arrange<T extends { shortId: string }>(items: readonly T[], ids: readonly string[]): T[] {
  const rank = (item: T) => {
    const index = ids.indexOf(item.shortId);
    return index === -1 ? ids.length : index;
  };
  return [...items].sort((a, b) => rank(a) - rank(b));
}
