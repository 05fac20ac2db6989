import { closeDb, runMigrations } from "@/db/client";
import { ConfigError, getConfig } from "@/server/config";
import { getLogger } from "@/server/logging/logger";
import { publishRestHandler } from "@/server/rest-backend/node-entry";
import { closeIndexDbs } from "@/server/snapshot-index/index-store";
import { recoverInterruptedTasks, shutdownTasks } from "@/server/tasks/task-runner";
import { startVolumes, stopVolumes } from "@/server/volumes/volume-lifecycle";

const holder = globalThis as unknown as { __zerobyteStarted?: boolean };

/** Start-up: configuration, migrations, task recovery, volume mounts, scheduler host; and a clean SIGTERM. */
export async function startServer(): Promise<void> {
  if (holder.__zerobyteStarted) return;
  holder.__zerobyteStarted = true;
  try {
    getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Zerobyte cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = getLogger();
  await runMigrations();
  const interrupted = await recoverInterruptedTasks();
  if (interrupted > 0) logger.warn({ interrupted }, "tasks left running by a previous process were marked interrupted");
  publishRestHandler();
  await startVolumes();

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    await shutdownTasks();
    // After the tasks: a backup reading a volume is cancelled before its mount goes away.
    await stopVolumes();
    closeIndexDbs();
    closeDb();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  logger.info({ baseUrl: getConfig().baseUrl }, "Zerobyte started");
}
