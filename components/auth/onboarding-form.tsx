"use client";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-fields";
import { postAuth } from "./auth-request";
import { useSubmit } from "./use-submit";

/** The first administrator's account; the sign-up answer sets the session cookie, so the app opens directly. */
export function OnboardingForm() {
  const router = useRouter();
  const { onSubmit, pending, error } = useSubmit(async (form) => {
    const password = String(form.get("password"));
    if (password !== form.get("confirmPassword")) throw new Error("The passwords do not match");
    await postAuth("/api/auth/sign-up/email", {
      email: form.get("email"),
      username: form.get("username"),
      name: form.get("name"),
      password,
    });
    router.replace("/");
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      <TextField label="Email" name="email" type="email" autoComplete="email" required />
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        required
        minLength={2}
        maxLength={30}
        pattern="[A-Za-z0-9_.\-]{2,30}"
        hint="2 to 30 characters: letters, digits, _ . -"
      />
      <TextField label="Name" name="name" autoComplete="name" required maxLength={100} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters"
      />
      <TextField
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
      />
      <Button type="submit" pending={pending} className="mt-2 w-full">
        Create admin account
      </Button>
    </form>
  );
}
