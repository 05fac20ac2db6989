// API tests call the app through the typed client generated from its OpenAPI document, so a test cannot call a
// route or send a field the document does not describe. Each session keeps its cookies like a browser would.
import createClient from "openapi-fetch";
import type { paths } from "@/lib/api-client/schema";

export type ApiSession = ReturnType<typeof apiSession>;

export function apiSession(baseUrl: string, headers: Record<string, string> = {}) {
  const cookies = new Map<string, string>();
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");

  const fetchWithCookies = async (input: Request) => {
    if (cookies.size) input.headers.set("cookie", cookieHeader());
    const response = await fetch(input);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      if (attributes.some((attribute) => attribute.trim() === "Max-Age=0")) cookies.delete(name);
      else cookies.set(name, pair.slice(pair.indexOf("=") + 1));
    }
    return response;
  };

  const client = createClient<paths>({ baseUrl, headers, fetch: fetchWithCookies });
  return {
    client,
    cookies,
    cookieHeader,
    /** A raw request with this session's cookies, for what the typed client cannot express (bad bodies, SSE). */
    raw: (path: string, init: RequestInit = {}) => fetchWithCookies(new Request(baseUrl + path, init)),
  };
}

export const ADMIN = {
  email: "admin@example.com",
  password: "correct-horse-battery",
  name: "Admin",
  username: "admin",
};

/** Signs up the first user (the admin) and returns the signed-in session. */
export async function signUpAdmin(baseUrl: string) {
  const session = apiSession(baseUrl);
  const { response } = await session.client.POST("/api/auth/sign-up/email", { body: ADMIN });
  if (response.status !== 200) throw new Error(`sign-up failed with ${response.status}`);
  return session;
}
