// Accounts for the security tests: members (instance role "user") created by the admin, each with an
// organization of their own, as other tenants of one Zerobyte would be.
import { type ApiSession, apiSession } from "../api-session";

export type Member = { session: ApiSession; username: string; password: string };

/** Creates a member through the admin's session and signs them in. */
export async function createMember(baseUrl: string, admin: ApiSession, username: string): Promise<Member> {
  const password = `${username}-password-123`;
  const created = await admin.client.POST("/api/auth/sign-up/email", {
    body: { email: `${username}@example.com`, password, name: username, username },
  });
  if (created.response.status !== 200) throw new Error(`creating ${username} failed: ${created.response.status}`);
  const session = apiSession(baseUrl);
  const signedIn = await session.client.POST("/api/auth/sign-in/username", { body: { username, password } });
  if (signedIn.response.status !== 200) throw new Error(`signing in ${username} failed: ${signedIn.response.status}`);
  return { session, username, password };
}

/** The organization's restic password (the recovery key) of a signed-in owner. */
export async function recoveryKey(session: ApiSession, password: string): Promise<string> {
  const response = await session.raw("/api/v1/system/restic-password", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password }),
  });
  if (response.status !== 200) throw new Error(`recovery key download failed: ${response.status}`);
  return response.text();
}
