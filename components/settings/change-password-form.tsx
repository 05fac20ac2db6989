"use client";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";
import { useTRPC } from "@/lib/trpc/client";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [mismatch, setMismatch] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const newPassword = String(form.get("newPassword"));
    const matches = newPassword === form.get("confirmPassword");
    setMismatch(!matches);
    change.reset();
    if (!matches) return;
    change.mutate(
      { currentPassword: String(form.get("currentPassword")), newPassword },
      { onSuccess: () => formElement.reset() },
    );
  }

  return (
    <Panel title="Change password" description="Your other sessions are signed out when the password changes.">
      <form onSubmit={onSubmit} className="flex max-w-md flex-col gap-4">
        {mismatch && <Alert tone="error">The new passwords do not match</Alert>}
        {change.error && <Alert tone="error">{change.error.message}</Alert>}
        {change.isSuccess && <Alert tone="success">Password changed</Alert>}
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
        />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters"
        />
        <TextField
          label="Confirm new password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
        />
        <div>
          <Button type="submit" pending={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </Panel>
  );
}
