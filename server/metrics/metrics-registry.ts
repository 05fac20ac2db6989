// The Prometheus registry of this process, on globalThis so the scheduler (instrumentation bundle) and the API routes
// count into the same metrics (stack-notes pitfall 3). What only this process can know is counted here as it
// happens (backup runs, bytes added); everything the database knows is read at scrape time (metrics-gauges.ts).
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";

const scheduleLabels = ["schedule", "schedule_id", "repository", "repository_id"] as const;
const repositoryLabels = ["repository", "repository_id"] as const;

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    backupRuns: new Counter({
      name: "zerobyte_backup_runs_total",
      help: "Backup runs finished by this process, by schedule and outcome (success, warning, failed, cancelled)",
      labelNames: [...scheduleLabels, "status"],
      registers,
    }),
    bytesAdded: new Counter({
      name: "zerobyte_backup_bytes_added_total",
      help: "Bytes of new data restic added to the repository, by schedule",
      labelNames: scheduleLabels,
      registers,
    }),
    lastSuccess: new Gauge({
      name: "zerobyte_backup_last_success_timestamp_seconds",
      help: "When the schedule's last successful backup (or one with warnings) finished",
      labelNames: scheduleLabels,
      registers,
    }),
    lastDuration: new Gauge({
      name: "zerobyte_backup_last_duration_seconds",
      help: "How long the schedule's last finished backup run took",
      labelNames: scheduleLabels,
      registers,
    }),
    lastBytesAdded: new Gauge({
      name: "zerobyte_backup_last_bytes_added",
      help: "Bytes of new data the schedule's last snapshot added",
      labelNames: scheduleLabels,
      registers,
    }),
    overdue: new Gauge({
      name: "zerobyte_backup_overdue",
      help: "1 when the schedule has made no successful backup within its expected interval plus grace",
      labelNames: scheduleLabels,
      registers,
    }),
    repositorySize: new Gauge({
      name: "zerobyte_repository_size_bytes",
      help: "Stored size of the repository (restic stats, as last refreshed)",
      labelNames: repositoryLabels,
      registers,
    }),
    repositorySnapshots: new Gauge({
      name: "zerobyte_repository_snapshots",
      help: "Snapshots in the repository (restic stats, as last refreshed)",
      labelNames: repositoryLabels,
      registers,
    }),
    checkSuccess: new Gauge({
      name: "zerobyte_repository_last_check_success",
      help: "1 when the repository's last check (integrity check or doctor) found no error, else 0",
      labelNames: repositoryLabels,
      registers,
    }),
    checkTime: new Gauge({
      name: "zerobyte_repository_last_check_timestamp_seconds",
      help: "When the repository was last checked",
      labelNames: repositoryLabels,
      registers,
    }),
    tasksQueued: new Gauge({
      name: "zerobyte_tasks_queued",
      help: "Tasks waiting for one of MAX_CONCURRENT_JOBS job slots",
      registers,
    }),
    tasksRunning: new Gauge({
      name: "zerobyte_tasks_running",
      help: "Tasks holding a job slot (restic processes at work)",
      registers,
    }),
    restBytesIn: new Counter({
      name: "zerobyte_rest_server_received_bytes_total",
      help: "Bytes the built-in REST server received from restic clients",
      registers,
    }),
    restBytesOut: new Counter({
      name: "zerobyte_rest_server_sent_bytes_total",
      help: "Bytes the built-in REST server sent to restic clients",
      registers,
    }),
    restRequests: new Counter({
      name: "zerobyte_rest_server_requests_total",
      help: "Requests the built-in REST server answered, by HTTP status",
      labelNames: ["status"],
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const holder = globalThis as unknown as { __zerobyteMetrics?: Metrics };

export function metrics(): Metrics {
  holder.__zerobyteMetrics ??= createMetrics();
  return holder.__zerobyteMetrics;
}

export type ScheduleLabels = Record<(typeof scheduleLabels)[number], string>;
export type RepositoryLabels = Record<(typeof repositoryLabels)[number], string>;
