// The web UI's API. Each domain adds its router here; procedures stay thin adapters over server/<domain> services.
import { accountRouter, apiKeysRouter, authRouter, twoFactorRouter } from "./auth.router";
import { createTRPCRouter } from "./init";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  twoFactor: twoFactorRouter,
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;
