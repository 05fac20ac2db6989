"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { TextField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";
import { useTRPC } from "@/lib/trpc/client";
import type { AuthContext } from "@/server/auth/auth-context";

type Setup = { totpURI: string; backupCodes: string[] };

const formValue = (event: FormEvent<HTMLFormElement>, name: string) => {
  event.preventDefault();
  return String(new FormData(event.currentTarget).get(name));
};

/** Off → (password) → setup shown once → (first code) → on → (password) → off. */
export function TwoFactorSettings({ user }: { user: AuthContext["user"] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), initialData: user });
  const [setup, setSetup] = useState<Setup | null>(null);
  const refreshMe = () => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });

  const enable = useMutation(trpc.twoFactor.enable.mutationOptions({ onSuccess: setSetup }));
  const confirm = useMutation(
    trpc.twoFactor.confirm.mutationOptions({
      onSuccess: (updated) => {
        setSetup(null);
        queryClient.setQueryData(trpc.auth.me.queryKey(), updated);
      },
    }),
  );
  const disable = useMutation(trpc.twoFactor.disable.mutationOptions({ onSuccess: refreshMe }));

  return (
    <Panel
      title="Two-factor authentication"
      description="Sign-in asks for a code from an authenticator app after your password."
    >
      {me.data.twoFactorEnabled ? (
        <form
          onSubmit={(event) => disable.mutate({ password: formValue(event, "password") })}
          className="flex max-w-md flex-col gap-4"
        >
          <Alert tone="success">Two-factor authentication is on.</Alert>
          {disable.error && <Alert tone="error">{disable.error.message}</Alert>}
          <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
          <div>
            <Button type="submit" variant="danger" pending={disable.isPending}>
              Disable two-factor authentication
            </Button>
          </div>
        </form>
      ) : setup ? (
        <SetupSteps
          setup={setup}
          error={confirm.error?.message}
          pending={confirm.isPending}
          onConfirm={(code) => confirm.mutate({ code })}
          onCancel={() => setSetup(null)}
        />
      ) : (
        <form
          onSubmit={(event) => enable.mutate({ password: formValue(event, "password") })}
          className="flex max-w-md flex-col gap-4"
        >
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Two-factor authentication is off.</p>
          {enable.error && <Alert tone="error">{enable.error.message}</Alert>}
          <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
          <div>
            <Button type="submit" pending={enable.isPending}>
              Enable two-factor authentication
            </Button>
          </div>
        </form>
      )}
    </Panel>
  );
}

type SetupStepsProps = {
  setup: Setup;
  error?: string;
  pending: boolean;
  onConfirm: (code: string) => void;
  onCancel: () => void;
};

function SetupSteps({ setup, error, pending, onConfirm, onCancel }: SetupStepsProps) {
  const secret = new URL(setup.totpURI).searchParams.get("secret") ?? "";
  return (
    <div className="flex flex-col gap-6">
      <Step number={1} title="Add Zerobyte to your authenticator app">
        <p>Enter the secret key in the app, or open the setup URI on a device that has the app.</p>
        <CodeLine label="Secret key" value={secret} />
        <CodeLine label="Setup URI" value={setup.totpURI} />
      </Step>
      <Step number={2} title="Save your backup codes">
        <p>Each code signs you in once if you lose your authenticator. They are shown only now.</p>
        <ul aria-label="Backup codes" className="grid grid-cols-2 gap-2 font-mono text-sm sm:grid-cols-5">
          {setup.backupCodes.map((code) => (
            <li key={code} className="rounded bg-zinc-100 px-2 py-1 text-center dark:bg-zinc-800">
              {code}
            </li>
          ))}
        </ul>
        <div>
          <CopyButton value={setup.backupCodes.join("\n")} label="Copy backup codes" />
        </div>
      </Step>
      <Step number={3} title="Confirm with a code from the app">
        <form onSubmit={(event) => onConfirm(formValue(event, "code"))} className="flex max-w-md flex-col gap-4">
          {error && <Alert tone="error">{error}</Alert>}
          <TextField
            label="Verification code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            maxLength={6}
            required
          />
          <div className="flex gap-2">
            <Button type="submit" pending={pending}>
              Confirm and turn on
            </Button>
            <Button variant="secondary" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </form>
      </Step>
    </div>
  );
}

function Step({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  return (
    <div className="flex gap-3">
      <span
        aria-hidden="true"
        className="grid size-6 shrink-0 place-items-center rounded-full bg-indigo-600 text-xs font-semibold text-white"
      >
        {number}
      </span>
      <div className="flex min-w-0 flex-1 flex-col gap-3 text-sm text-zinc-600 dark:text-zinc-400">
        <h3 className="font-medium text-zinc-900 dark:text-zinc-100">{title}</h3>
        {children}
      </div>
    </div>
  );
}

/** A value to copy by hand (monospace, wraps anywhere) with a copy button. */
function CodeLine({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex items-start gap-2">
      <div className="min-w-0 flex-1">
        <p className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</p>
        <code className="block rounded bg-zinc-100 px-2 py-1.5 font-mono text-xs break-all text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100">
          {value}
        </code>
      </div>
      <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}
