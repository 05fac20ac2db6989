// Addresses of the snapshot pages and downloads, built in one place so every link encodes paths the same way.
export const snapshotBrowserHref = (repository: string, snapshotId: string, path = "/") =>
  `/repositories/${repository}/snapshots/${snapshotId}${path === "/" ? "" : `?path=${encodeURIComponent(path)}`}`;

/** The dump route streams a file as itself, or a folder (or the whole snapshot) as a tar or zip archive. */
export const downloadHref = (
  repository: string,
  snapshotId: string,
  path: string,
  kind: "file" | "dir",
  format: "tar" | "zip" = "tar",
) => {
  const query = new URLSearchParams({ path, kind, ...(kind === "dir" ? { format } : {}) });
  return `/api/v1/repositories/${repository}/snapshots/${snapshotId}/dump?${query}`;
};

export const parentOf = (path: string) => {
  const cut = path.replace(/\/+$/, "").lastIndexOf("/");
  return cut <= 0 ? "/" : path.slice(0, cut);
};

/** Where browsing a snapshot starts: inside its one backed-up folder (not at the host's `/`), else at the top. */
export const snapshotHomeHref = (repository: string, snapshot: { short_id: string; paths: string[] }) =>
  snapshotBrowserHref(repository, snapshot.short_id, snapshot.paths.length === 1 ? snapshot.paths[0] : "/");
