// The web UI's API. Each domain adds its router here; procedures stay thin adapters over server/<domain> services.
import { accountRouter, apiKeysRouter, authRouter, twoFactorRouter } from "./auth.router";
import { createTRPCRouter } from "./init";
import { backupsRouter } from "./routers/backups.router";
import { repositoriesRouter } from "./routers/repositories.router";
import { restUsersRouter } from "./routers/rest-users.router";
import { systemRouter } from "./routers/system.router";
import { tasksRouter } from "./routers/tasks.router";

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
});

export type AppRouter = typeof appRouter;
