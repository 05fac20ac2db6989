// next-auth's own routes (/api/auth/session, csrf, providers, callback/credentials …). The Credentials callback runs
// the same limited checks as the JSON sign-in routes; a locked login or address is answered here with 429 before
// next-auth runs, because next-auth turns any error inside `authorize` into a 200 redirect to its error page.
import NextAuth from "next-auth";
import { clientIp } from "@/server/http/client-ip";
import { errorResponse } from "@/server/http/error-response";
import { authOptions } from "./next-auth-options";
import { assertSignInAllowed, parseLogin } from "./sign-in.service";

type NextAuthContext = { params: Promise<{ nextauth: string[] }> };

async function assertCallbackAllowed(request: Request, ip: string): Promise<void> {
  if (request.method !== "POST" || !new URL(request.url).pathname.endsWith("/callback/credentials")) return;
  // The front door capped /api/auth bodies, so reading a copy of the form is cheap.
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  await assertSignInAllowed(parseLogin(String(form?.get("login") ?? "")), String(form?.get("password") ?? ""), ip);
}

export async function nextAuthHandler(request: Request, context: NextAuthContext): Promise<Response> {
  const ip = clientIp(request);
  try {
    await assertCallbackAllowed(request, ip);
  } catch (error) {
    return errorResponse(error);
  }
  // Options are built per request: they depend on the validated configuration and carry the caller's address.
  return NextAuth(authOptions({ ip }))(request, context);
}
