// Every JSON route of the domains, for the OpenAPI document (server/system/api-docs.routes.ts adds its own two). A
// route file under app/ serves one of these; a test checks that no route file exists without its entry.
import * as auditRoutes from "@/server/audit/audit.routes";
import * as apiKeyRoutes from "@/server/auth/api-keys.routes";
import * as authRoutes from "@/server/auth/auth.routes";
import * as backupRoutes from "@/server/backups/backups.routes";
import * as checkRoutes from "@/server/checks/checks.routes";
import type { ApiRoute } from "@/server/http/api-route";
import * as metricsRoutes from "@/server/metrics/metrics.routes";
import * as notificationRoutes from "@/server/notifications/notifications.routes";
import * as repositoryRoutes from "@/server/repositories/repositories.routes";
import * as restUserRoutes from "@/server/rest-backend/rest-users.routes";
import * as cronRoutes from "@/server/scheduler/cron.routes";
import * as snapshotIndexRoutes from "@/server/snapshot-index/snapshot-index.routes";
import * as snapshotRoutes from "@/server/snapshots/snapshots.routes";
import * as systemRoutes from "@/server/system/system.routes";
import * as taskRoutes from "@/server/tasks/tasks.routes";
import * as volumeRoutes from "@/server/volumes/volumes.routes";

export function allApiRoutes(): ApiRoute[] {
  return [
    authRoutes,
    apiKeyRoutes,
    backupRoutes,
    repositoryRoutes,
    snapshotRoutes,
    snapshotIndexRoutes,
    restUserRoutes,
    systemRoutes,
    taskRoutes,
    notificationRoutes,
    volumeRoutes,
    auditRoutes,
    checkRoutes,
    metricsRoutes,
    cronRoutes,
  ].flatMap((module) => Object.values(module));
}
