import { recordAudit } from "@/server/audit/audit.service";
import { UnauthorizedError } from "@/server/http/errors";
import type { AuthContext } from "./auth-context";
import { publicUser } from "./sessions.service";
import { checkUserPassword, findUserByLogin } from "./users.service";

export type PasswordSignInResult = { user: AuthContext["user"]; twoFactorRequired: boolean };

const INVALID = "Invalid email, username or password";

function recordSignInFailure(userId: string | null, login: string, reason: string) {
  return recordAudit({
    action: "auth.sign_in_failed",
    target: login,
    details: { reason },
    actor: { actorId: userId, actorName: login },
  });
}

/** The password step. Unknown user and wrong password answer the same, so accounts cannot be probed. */
export async function signInWithPassword(login: { email?: string; username?: string }, password: string) {
  const user = await findUserByLogin(login);
  const attempted = login.email ?? login.username ?? "";
  if (!user || !(await checkUserPassword(user.id, password))) {
    await recordSignInFailure(user?.id ?? null, attempted, user ? "wrong password" : "unknown account");
    throw new UnauthorizedError(INVALID);
  }
  if (user.banned) {
    await recordSignInFailure(user.id, attempted, "account disabled");
    throw new UnauthorizedError("This account is disabled");
  }
  return { user: publicUser(user), twoFactorRequired: user.twoFactorEnabled } satisfies PasswordSignInResult;
}
