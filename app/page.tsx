import { redirect } from "next/navigation";
import { hasUsers } from "@/server/auth/users.service";
import { getPageAuth } from "@/server/trpc/server-auth";

/** The front door: onboarding on a fresh instance, the login page when signed out, else the app. */
export default async function Home() {
  // The session is read first: reading cookies makes this page render per request, never at build time.
  if (await getPageAuth()) redirect("/repositories");
  redirect((await hasUsers()) ? "/login" : "/onboarding");
}
