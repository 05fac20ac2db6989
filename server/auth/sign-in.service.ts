import { UnauthorizedError } from "@/server/http/errors";
import type { AuthContext } from "./auth-context";
import { publicUser } from "./sessions.service";
import { checkUserPassword, findUserByLogin } from "./users.service";

export type PasswordSignInResult = { user: AuthContext["user"]; twoFactorRequired: boolean };

const INVALID = "Invalid email, username or password";

/** The password step. Unknown user and wrong password answer the same, so accounts cannot be probed. */
export async function signInWithPassword(login: { email?: string; username?: string }, password: string) {
  const user = await findUserByLogin(login);
  if (!user || !(await checkUserPassword(user.id, password))) throw new UnauthorizedError(INVALID);
  if (user.banned) throw new UnauthorizedError("This account is disabled");
  return { user: publicUser(user), twoFactorRequired: user.twoFactorEnabled } satisfies PasswordSignInResult;
}
