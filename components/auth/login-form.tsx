"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-fields";
import { postAuth } from "./auth-request";
import { TwoFactorStep } from "./two-factor-step";
import { useSubmit } from "./use-submit";

type SignInAnswer = { redirect: false } | { twoFactorRedirect: true };

/** Password first; when the account has two-factor authentication the server asks for a code next. */
export function LoginForm({ initialError }: { initialError: string | null }) {
  const router = useRouter();
  const [step, setStep] = useState<"password" | "code">("password");
  const enterApp = () => {
    router.replace("/");
    router.refresh();
  };
  const { onSubmit, pending, error } = useSubmit(async (form) => {
    const login = String(form.get("login")).trim();
    const password = form.get("password");
    const answer = login.includes("@")
      ? await postAuth<SignInAnswer>("/api/auth/sign-in/email", { email: login, password })
      : await postAuth<SignInAnswer>("/api/auth/sign-in/username", { username: login, password });
    if ("twoFactorRedirect" in answer) setStep("code");
    else enterApp();
  });

  if (step === "code") return <TwoFactorStep onVerified={enterApp} onCancel={() => setStep("password")} />;
  const shownError = error ?? initialError;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      {shownError && <Alert tone="error">{shownError}</Alert>}
      <TextField label="Username or email" name="login" autoComplete="username" required autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" pending={pending} className="mt-2 w-full">
        Sign in
      </Button>
    </form>
  );
}
