import { recordAudit } from "@/server/audit/audit.service";
import { UnauthorizedError } from "@/server/http/errors";
import type { AuthContext } from "./auth-context";
import { assertCredentialAttemptAllowed } from "./credential-limiter";
import { publicUser } from "./sessions.service";
import { checkUserPassword, findUserByLogin, passwordAccount } from "./users.service";

export type PasswordSignInResult = { user: AuthContext["user"]; twoFactorRequired: boolean };
export type Login = { email?: string; username?: string };

const INVALID = "Invalid email, username or password";

/** One field that holds an email address or a username (next-auth's Credentials form). */
export function parseLogin(text: string): Login {
  const login = text.trim().toLowerCase();
  return login.includes("@") ? { email: login } : { username: login };
}

/** The user a login names, and the limiter's account for it (a login that names nobody is counted as itself). */
async function signInAccount(login: Login) {
  const user = await findUserByLogin(login);
  return { user, account: user ? passwordAccount(user.id) : `login:${login.email ?? login.username ?? ""}` };
}

function recordSignInFailure(userId: string | null, login: string, reason: string) {
  return recordAudit({
    action: "auth.sign_in_failed",
    target: login,
    details: { reason },
    actor: { actorId: userId, actorName: login },
  });
}

/** Throws 429 while this login (or the address) is locked by the credential limiter, without checking anything. */
export async function assertSignInAllowed(login: Login, password: string, ip: string): Promise<void> {
  const { account } = await signInAccount(login);
  assertCredentialAttemptAllowed({ ip, account, secret: password });
}

/**
 * The password step, under the credential limiter (per address and per account). Unknown user and wrong password
 * answer the same, in the same time, so accounts cannot be probed. Failures are recorded in the audit log.
 */
export async function signInWithPassword(login: Login, password: string, ip: string) {
  const { user, account } = await signInAccount(login);
  const attempted = login.email ?? login.username ?? "";
  if (!(await checkUserPassword(user?.id ?? null, password, { ip, account })) || !user) {
    await recordSignInFailure(user?.id ?? null, attempted, user ? "wrong password" : "unknown account");
    throw new UnauthorizedError(INVALID);
  }
  if (user.banned) {
    await recordSignInFailure(user.id, attempted, "account disabled");
    throw new UnauthorizedError("This account is disabled");
  }
  return { user: publicUser(user), twoFactorRequired: user.twoFactorEnabled } satisfies PasswordSignInResult;
}
