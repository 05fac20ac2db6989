// The web UI's API. Each domain adds its router here; procedures stay thin adapters over server/<domain> services.
import { accountRouter, apiKeysRouter, authRouter, twoFactorRouter } from "./auth.router";
import { createTRPCRouter } from "./init";
import { auditRouter } from "./routers/audit.router";
import { backupsRouter } from "./routers/backups.router";
import { notificationsRouter } from "./routers/notifications.router";
import { repositoriesRouter } from "./routers/repositories.router";
import { restUsersRouter } from "./routers/rest-users.router";
import { schedulePreviewRouter } from "./routers/schedule-preview.router";
import { snapshotsRouter } from "./routers/snapshots.router";
import { systemRouter } from "./routers/system.router";
import { tasksRouter } from "./routers/tasks.router";
import { usersRouter } from "./routers/users.router";
import { volumesRouter } from "./routers/volumes.router";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  twoFactor: twoFactorRouter,
  apiKeys: apiKeysRouter,
  backups: backupsRouter,
  repositories: repositoriesRouter,
  restUsers: restUsersRouter,
  system: systemRouter,
  tasks: tasksRouter,
  volumes: volumesRouter,
  notifications: notificationsRouter,
  snapshots: snapshotsRouter,
  schedulePreview: schedulePreviewRouter,
  users: usersRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
