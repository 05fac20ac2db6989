import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { OnboardingForm } from "@/components/auth/onboarding-form";
import { hasUsers } from "@/server/auth/users.service";
import { getPageAuth } from "@/server/trpc/server-auth";

export const metadata: Metadata = { title: "Welcome · Zerobyte" };

/** Only on a fresh instance: the first account becomes the administrator. */
export default async function OnboardingPage() {
  // Reading the session first also makes the page render per request, never at build time.
  if (await getPageAuth()) redirect("/");
  if (await hasUsers()) redirect("/login");
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Welcome to Zerobyte</h1>
      <p className="mb-6 text-sm text-zinc-500 dark:text-zinc-400">Create the administrator account to get started.</p>
      <OnboardingForm />
    </>
  );
}
