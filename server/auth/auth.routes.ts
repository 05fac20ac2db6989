// The sign-in family under /api/auth (beside next-auth's own routes) and the public auth status under /api/v1.
import { z } from "zod";
import { defineRoute } from "@/server/http/api-route";
import { clientIp } from "@/server/http/client-ip";
import { UnauthorizedError } from "@/server/http/errors";
import {
  authStatusSchema,
  changePasswordBodySchema,
  passwordBodySchema,
  sessionResponseSchema,
  signInEmailBodySchema,
  signInResponseSchema,
  signInUsernameBodySchema,
  signUpBodySchema,
  ssoProvidersSchema,
  successSchema,
  twoFactorCodeBodySchema,
  twoFactorSetupResponseSchema,
  userSchema,
} from "./auth.schema";
import { respondSignedOut, respondTwoFactorRequired, respondWithNewSession } from "./auth-responses";
import { cookieName, readCookie, TWO_FACTOR_COOKIE } from "./cookies";
import { readTwoFactorToken } from "./session-token";
import { revokeSession } from "./sessions.service";
import { signInWithPassword } from "./sign-in.service";
import {
  beginTwoFactorSetup,
  disableOwnTwoFactor,
  regenerateBackupCodes,
  verifyBackupCode,
  verifyTotp,
} from "./two-factor.service";
import { changePassword, getUser, hasUsers, signUp } from "./users.service";

const tags = ["Auth"];
const userResponse = z.object({ user: userSchema });

async function passwordSignIn(request: Request, login: { email?: string; username?: string }, password: string) {
  const { user, twoFactorRequired } = await signInWithPassword(login, password, clientIp(request));
  if (twoFactorRequired) return respondTwoFactorRequired(user.id);
  return respondWithNewSession(request, user.id, { redirect: false, user });
}

async function pendingTwoFactorUser(request: Request): Promise<string> {
  const userId = await readTwoFactorToken(readCookie(request, cookieName(TWO_FACTOR_COOKIE)));
  if (!userId) throw new UnauthorizedError("No two-factor sign-in in progress; sign in with your password first");
  return userId;
}

export const signUpEmail = defineRoute({
  method: "post",
  path: "/api/auth/sign-up/email",
  summary: "Create a user (the first user becomes admin); signs the new user in unless an admin created it",
  tags,
  access: "public",
  body: signUpBodySchema,
  response: { schema: userResponse },
  errors: [403, 409],
  handler: async ({ request, auth, body }) => {
    const user = await signUp(body, auth);
    return auth ? { user } : respondWithNewSession(request, user.id, { user });
  },
});

export const signInEmail = defineRoute({
  method: "post",
  path: "/api/auth/sign-in/email",
  summary: "Sign in with email and password",
  tags,
  access: "public",
  body: signInEmailBodySchema,
  response: { schema: signInResponseSchema },
  handler: ({ request, body }) => passwordSignIn(request, { email: body.email }, body.password),
});

export const signInUsername = defineRoute({
  method: "post",
  path: "/api/auth/sign-in/username",
  summary: "Sign in with username and password",
  tags,
  access: "public",
  body: signInUsernameBodySchema,
  response: { schema: signInResponseSchema },
  handler: ({ request, body }) => passwordSignIn(request, { username: body.username }, body.password),
});

const verifyTotpRoute = (path: string) =>
  defineRoute({
    method: "post",
    path,
    summary: "Check a TOTP code: finishes a two-factor sign-in, or switches 2FA on after setup",
    tags,
    access: "public",
    body: twoFactorCodeBodySchema,
    response: { schema: userResponse },
    handler: async ({ request, auth, body }) => {
      if (auth?.method === "session") {
        await verifyTotp({ userId: auth.user.id, ip: clientIp(request) }, body.code);
        return { user: await getUser(auth.user.id) };
      }
      const userId = await pendingTwoFactorUser(request);
      await verifyTotp({ userId, ip: clientIp(request) }, body.code);
      return respondWithNewSession(request, userId, { user: await getUser(userId) });
    },
  });

export const twoFactorVerify = verifyTotpRoute("/api/auth/two-factor/verify");
export const twoFactorVerifyTotp = verifyTotpRoute("/api/auth/two-factor/verify-totp");

export const twoFactorVerifyBackupCode = defineRoute({
  method: "post",
  path: "/api/auth/two-factor/verify-backup-code",
  summary: "Finish a two-factor sign-in with a one-time backup code",
  tags,
  access: "public",
  body: twoFactorCodeBodySchema,
  response: { schema: userResponse },
  handler: async ({ request, body }) => {
    const userId = await pendingTwoFactorUser(request);
    await verifyBackupCode({ userId, ip: clientIp(request) }, body.code);
    return respondWithNewSession(request, userId, { user: await getUser(userId) });
  },
});

export const twoFactorEnable = defineRoute({
  method: "post",
  path: "/api/auth/two-factor/enable",
  summary: "Start two-factor setup: returns the TOTP URI and backup codes; confirm with verify-totp",
  tags,
  access: "browser",
  body: passwordBodySchema,
  response: { schema: twoFactorSetupResponseSchema },
  errors: [409],
  handler: ({ auth, body }) => beginTwoFactorSetup(auth, body.password),
});

export const twoFactorDisable = defineRoute({
  method: "post",
  path: "/api/auth/two-factor/disable",
  summary: "Switch two-factor authentication off",
  tags,
  access: "browser",
  body: passwordBodySchema,
  response: { schema: successSchema },
  handler: async ({ auth, body }) => {
    await disableOwnTwoFactor(auth, body.password);
    return { success: true };
  },
});

export const twoFactorBackupCodes = defineRoute({
  method: "post",
  path: "/api/auth/two-factor/generate-backup-codes",
  summary: "Replace the backup codes",
  tags,
  access: "browser",
  body: passwordBodySchema,
  response: { schema: z.object({ backupCodes: z.array(z.string()) }) },
  handler: async ({ auth, body }) => ({ backupCodes: await regenerateBackupCodes(auth, body.password) }),
});

export const signOut = defineRoute({
  method: "post",
  path: "/api/auth/sign-out",
  summary: "End the current session",
  tags,
  access: "public",
  response: { schema: successSchema },
  handler: async ({ auth }) => {
    if (auth?.sessionId) await revokeSession(auth.sessionId);
    return respondSignedOut();
  },
});

export const getSession = defineRoute({
  method: "get",
  path: "/api/auth/get-session",
  summary: "The current session and user, or null",
  tags,
  access: "public",
  response: { schema: sessionResponseSchema },
  handler: async ({ auth }) => {
    if (auth?.method !== "session" || !auth.sessionId) return null;
    return {
      session: { id: auth.sessionId, expiresAt: auth.sessionExpiresAt ?? 0, activeOrganizationId: auth.organizationId },
      user: auth.user,
    };
  },
});

export const changePasswordRoute = defineRoute({
  method: "post",
  path: "/api/auth/change-password",
  summary: "Change the password; every other session of the user ends",
  tags,
  access: "browser",
  body: changePasswordBodySchema,
  response: { schema: successSchema },
  handler: async ({ auth, body }) => {
    await changePassword(auth, body.currentPassword, body.newPassword);
    return { success: true };
  },
});

export const authStatus = defineRoute({
  method: "get",
  path: "/api/v1/auth/status",
  summary: "Whether the instance has users (false: onboarding)",
  tags,
  access: "public",
  response: { schema: authStatusSchema },
  handler: async () => ({ hasUsers: await hasUsers() }),
});

export const ssoProviders = defineRoute({
  method: "get",
  path: "/api/v1/auth/sso-providers",
  summary: "Single sign-on providers offered on the login page",
  tags,
  access: "public",
  response: { schema: ssoProvidersSchema },
  handler: async () => ({ providers: [] }),
});
