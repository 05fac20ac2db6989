import { z } from "zod";
import { pageMetaSchema, paginationQuerySchema } from "@/server/http/pagination";
import { snapshotIdSchema, taskStartedSchema } from "@/server/repositories/repositories.schema";
import { NODE_TYPES } from "@/server/restic/ls";

export const snapshotFilesQuerySchema = paginationQuerySchema.extend({
  /** Absolute path of a folder inside the snapshot (URL-encoded); `/` is the snapshot's root. */
  path: z.string().min(1).default("/"),
  /** `size` and `mtime` order everything together (folders by their recursive size); needs the snapshot indexed. */
  sort: z.enum(["name", "size", "mtime"]).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
});
export type SnapshotFilesQuery = z.infer<typeof snapshotFilesQuerySchema>;

export const snapshotFileSchema = z.object({
  name: z.string(),
  type: z.enum(NODE_TYPES),
  /** Absolute path inside the snapshot. */
  path: z.string(),
  uid: z.number().optional(),
  gid: z.number().optional(),
  /** Bytes. Folders have one only when the snapshot is indexed: the recursive size of everything below. */
  size: z.number().optional(),
  /** restic's mode: Go `os.FileMode` bits (permissions in the low 9 bits). */
  mode: z.number().optional(),
  /** RFC 3339 timestamps as restic stores them (nanosecond precision). */
  mtime: z.string().optional(),
  atime: z.string().optional(),
  ctime: z.string().optional(),
  /** Folders of an indexed snapshot: the regular files below, at any depth. */
  fileCount: z.number().optional(),
  struct_type: z.literal("node"),
});
export type SnapshotFile = z.infer<typeof snapshotFileSchema>;

export const snapshotDirectoryPageSchema = z
  .object({
    snapshot: z.object({
      id: z.string(),
      short_id: z.string(),
      /** Epoch milliseconds. */
      time: z.number(),
      hostname: z.string(),
      paths: z.array(z.string()),
    }),
    /** The folder's entries (not the folder itself): folders first, then by name (Unicode code point order). */
    files: z.array(snapshotFileSchema),
    /** The listed folder, normalised. */
    path: z.string(),
    /**
     * Answered from the snapshot index (folder sizes and counts, every sort). false: read with restic while the
     * snapshot is being indexed (by name only); the next pages come from the index once it is done.
     */
    indexed: z.boolean(),
  })
  .extend(pageMetaSchema.shape);
export type SnapshotDirectoryPage = z.infer<typeof snapshotDirectoryPageSchema>;

export const dumpQuerySchema = z.object({
  /** Absolute path inside the snapshot; absent or `/` downloads the whole snapshot. */
  path: z.string().min(1).default("/"),
  /** What `path` is expected to be; optional (the snapshot says), a mismatch is a 400. */
  kind: z.enum(["file", "dir"]).optional(),
  /** Archive format for a folder or the whole snapshot; a file always comes as itself. */
  format: z.enum(["tar", "zip"]).default("tar"),
});

export const OVERWRITE_MODES = ["always", "if-changed", "if-newer", "never"] as const;
const MAX_RESTORE_PATHS = 1000;
const snapshotPathField = z.string().min(1).max(4096);

export const restoreBodySchema = z.object({
  snapshotId: snapshotIdSchema,
  /** Files and folders to restore (absolute paths inside the snapshot); absent or empty restores everything. */
  include: z.array(snapshotPathField).max(MAX_RESTORE_PATHS).optional(),
  /** Accepted for compatibility with the original; the snapshot itself says whether a path is a file or a folder. */
  selectedItemKind: z.enum(["file", "dir"]).optional(),
  /**
   * restic exclude patterns. A pattern without a leading `/` matches at any depth; one with a leading `/` names
   * snapshot paths and applies below the restored folder.
   */
  exclude: z.array(z.string().min(1).max(4096)).max(MAX_RESTORE_PATHS).optional(),
  /** Extended attributes not to restore (restic ≥ 0.18). */
  excludeXattr: z.array(z.string().min(1).max(255)).max(100).optional(),
  /**
   * Host folder to restore into. Absent or `/`: each path goes back where it was backed up from (original location).
   * Otherwise the selection lands directly in this folder, without the folders above it.
   */
  targetPath: z.string().min(1).max(4096).optional(),
  /** What to do with files that already exist (restic ≥ 0.17 for anything but `always`). */
  overwrite: z.enum(OVERWRITE_MODES).default("always"),
});
export type RestoreBody = z.infer<typeof restoreBodySchema>;

export const restoreStartedSchema = taskStartedSchema.extend({
  /** The same as `taskId`: follow the restore at `/api/v1/tasks/{taskId}/events`. */
  restoreId: z.string(),
});
