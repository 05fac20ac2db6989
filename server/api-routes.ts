// Every JSON route of the domains, for the OpenAPI document (server/system/api-docs.routes.ts adds its own two). A
// route file under app/ serves one of these; a test checks that no route file exists without its entry.
import * as apiKeyRoutes from "@/server/auth/api-keys.routes";
import * as authRoutes from "@/server/auth/auth.routes";
import type { ApiRoute } from "@/server/http/api-route";
import * as repositoryRoutes from "@/server/repositories/repositories.routes";
import * as restUserRoutes from "@/server/rest-backend/rest-users.routes";
import * as snapshotIndexRoutes from "@/server/snapshot-index/snapshot-index.routes";
import * as snapshotRoutes from "@/server/snapshots/snapshots.routes";
import * as systemRoutes from "@/server/system/system.routes";
import * as taskRoutes from "@/server/tasks/tasks.routes";
import * as volumeRoutes from "@/server/volumes/volumes.routes";

export function allApiRoutes(): ApiRoute[] {
  return [
    authRoutes,
    apiKeyRoutes,
    repositoryRoutes,
    snapshotRoutes,
    snapshotIndexRoutes,
    restUserRoutes,
    systemRoutes,
    taskRoutes,
    volumeRoutes,
  ].flatMap((module) => Object.values(module));
}
