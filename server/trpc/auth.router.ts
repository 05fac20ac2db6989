// The signed-in user's own account: who they are, password, two-factor authentication and API keys.
// Sign-in, sign-up and sign-out stay on the JSON routes under /api/auth, which set and clear the cookies.
import { apiKeyParamsSchema, createApiKeyBodySchema } from "@/server/auth/api-keys.schema";
import { createApiKey, deleteApiKey, listApiKeys } from "@/server/auth/api-keys.service";
import { changePasswordBodySchema, passwordBodySchema, twoFactorCodeBodySchema } from "@/server/auth/auth.schema";
import { beginTwoFactorSetup, disableOwnTwoFactor, verifyTotp } from "@/server/auth/two-factor.service";
import { changePassword, getUser, hasUsers } from "@/server/auth/users.service";
import { createTRPCRouter, protectedProcedure, publicProcedure, sessionProcedure } from "./init";

export const authRouter = createTRPCRouter({
  status: publicProcedure.query(async () => ({ hasUsers: await hasUsers() })),
  me: protectedProcedure.query(({ ctx }) => ctx.auth.user),
});

export const accountRouter = createTRPCRouter({
  changePassword: sessionProcedure.input(changePasswordBodySchema).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.auth, input.currentPassword, input.newPassword);
    return { success: true };
  }),
});

export const twoFactorRouter = createTRPCRouter({
  /** Returns the TOTP URI and backup codes; two-factor is on only after `confirm` with a first valid code. */
  enable: sessionProcedure
    .input(passwordBodySchema)
    .mutation(({ ctx, input }) => beginTwoFactorSetup(ctx.auth, input.password)),
  confirm: sessionProcedure.input(twoFactorCodeBodySchema).mutation(async ({ ctx, input }) => {
    await verifyTotp({ userId: ctx.auth.user.id, ip: ctx.auth.clientIp ?? "unknown" }, input.code);
    return getUser(ctx.auth.user.id);
  }),
  disable: sessionProcedure.input(passwordBodySchema).mutation(async ({ ctx, input }) => {
    await disableOwnTwoFactor(ctx.auth, input.password);
    return { success: true };
  }),
});

export const apiKeysRouter = createTRPCRouter({
  list: sessionProcedure.query(({ ctx }) => listApiKeys(ctx.auth)),
  create: sessionProcedure.input(createApiKeyBodySchema).mutation(({ ctx, input }) => createApiKey(ctx.auth, input)),
  delete: sessionProcedure.input(apiKeyParamsSchema).mutation(({ ctx, input }) => deleteApiKey(ctx.auth, input.keyId)),
});
