import { z } from "zod";
import { lastJsonLine } from "./json-lines";
import { type CommandOptions, type ResticTarget, runRestic } from "./run";
import { listSnapshots } from "./snapshots";

/** restic's `stats --mode raw-data` figures, as the API returns them (the seed's fields plus the original's). */
export const repositoryStatsSchema = z.object({
  total_size: z.number(),
  total_uncompressed_size: z.number(),
  compression_ratio: z.number(),
  compression_progress: z.number(),
  compression_space_saving: z.number(),
  snapshots_count: z.number(),
  total_file_count: z.number(),
});
export type RepositoryStats = z.infer<typeof repositoryStatsSchema>;

/** `stats --mode raw-data`. restic 0.14 has no compression figures (they stay 0). */
export async function getRepositoryStats(target: ResticTarget, options: CommandOptions = {}): Promise<RepositoryStats> {
  const { stdout } = await runRestic(target, ["stats", "--mode", "raw-data", "--json"], options);
  const raw = lastJsonLine<Partial<RepositoryStats>>(stdout) ?? {};
  const snapshotsCount = raw.snapshots_count ?? (await listSnapshots(target, options)).length;
  return {
    total_size: raw.total_size ?? 0,
    total_uncompressed_size: raw.total_uncompressed_size ?? 0,
    compression_ratio: raw.compression_ratio ?? 0,
    compression_progress: raw.compression_progress ?? 0,
    compression_space_saving: raw.compression_space_saving ?? 0,
    snapshots_count: snapshotsCount,
    total_file_count: raw.total_file_count ?? 0,
  };
}
