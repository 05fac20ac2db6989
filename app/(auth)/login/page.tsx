import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { hasUsers } from "@/server/auth/users.service";
import { getPageAuth } from "@/server/trpc/server-auth";

export const metadata: Metadata = { title: "Sign in · Zerobyte" };

// `?error=` codes sent here by next-auth (its sign-in page is /login) and by the SSO error route.
const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: "Invalid email, username or password",
  SessionRequired: "Please sign in to continue",
  SSO_LOGIN_FAILED: "Single sign-on failed. Try again or sign in with your password.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  if (await getPageAuth()) redirect("/");
  if (!(await hasUsers())) redirect("/onboarding");
  const { error } = await searchParams;
  const code = Array.isArray(error) ? error[0] : error;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-zinc-500 dark:text-zinc-400">Welcome back to Zerobyte.</p>
      <LoginForm initialError={code ? (ERROR_MESSAGES[code] ?? `Sign-in failed (${code})`) : null} />
    </>
  );
}
