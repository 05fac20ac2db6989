"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-fields";
import { postAuth } from "./auth-request";
import { useSubmit } from "./use-submit";

/** The second sign-in step: a code from the authenticator app, or one of the single-use backup codes. */
export function TwoFactorStep({ onVerified, onCancel }: { onVerified: () => void; onCancel: () => void }) {
  const [useBackupCode, setUseBackupCode] = useState(false);
  const { onSubmit, pending, error, setError } = useSubmit(async (form) => {
    const code = String(form.get("code")).trim();
    await postAuth(useBackupCode ? "/api/auth/two-factor/verify-backup-code" : "/api/auth/two-factor/verify", { code });
    onVerified();
  });
  function switchMethod() {
    setUseBackupCode(!useBackupCode);
    setError(null);
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {useBackupCode
          ? "Enter one of the backup codes you saved when you set up two-factor authentication. Each code works once."
          : "Enter the 6-digit code from your authenticator app."}
      </p>
      {error && <Alert tone="error">{error}</Alert>}
      {useBackupCode ? (
        <TextField key="backup" label="Backup code" name="code" autoComplete="off" required minLength={6} autoFocus />
      ) : (
        <TextField
          key="totp"
          label="Authentication code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          required
          autoFocus
        />
      )}
      <Button type="submit" pending={pending} className="w-full">
        Verify
      </Button>
      <div className="flex justify-between text-sm">
        <button type="button" onClick={switchMethod} className="text-indigo-600 hover:underline dark:text-indigo-400">
          {useBackupCode ? "Use your authenticator app" : "Use a backup code"}
        </button>
        <button type="button" onClick={onCancel} className="text-zinc-600 hover:underline dark:text-zinc-400">
          Back to sign in
        </button>
      </div>
    </form>
  );
}
