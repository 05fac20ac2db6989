"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { TextField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";
import { useTRPC } from "@/lib/trpc/client";

const SECONDS_PER_DAY = 86_400;

/** Keys for scripts and other programs (`x-api-key` header); each key is shown once, right after it is created. */
export function ApiKeysSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: refreshList }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const days = String(form.get("expiresInDays")).trim();
    create.mutate(
      {
        name: String(form.get("name")),
        password: String(form.get("password")),
        expiresIn: days ? Number(days) * SECONDS_PER_DAY : null,
      },
      { onSuccess: () => formElement.reset() },
    );
  }

  return (
    <Panel
      title="API keys"
      description="Let scripts and other programs use the API as you: send the key in the x-api-key header."
    >
      <div className="flex flex-col gap-6">
        {create.data && (
          <Alert tone="info">
            <p className="mb-2 font-medium">Copy your new API key now. It will not be shown again.</p>
            <div className="flex items-center gap-2">
              <code
                data-testid="new-api-key"
                className="min-w-0 flex-1 rounded bg-white/70 px-2 py-1.5 font-mono text-xs break-all dark:bg-zinc-900/70"
              >
                {create.data.key}
              </code>
              <CopyButton value={create.data.key} label="Copy API key" />
            </div>
          </Alert>
        )}
        <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2">
          {create.error && (
            <div className="sm:col-span-2">
              <Alert tone="error">{create.error.message}</Alert>
            </div>
          )}
          <TextField label="Key name" name="name" required maxLength={32} placeholder="e.g. monitoring" />
          <TextField
            label="Expires in (days)"
            name="expiresInDays"
            type="number"
            min={1}
            step={1}
            hint="Leave empty for a key that never expires."
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            hint="Your account password, to confirm it is you."
          />
          <div className="flex items-start sm:pt-7">
            <Button type="submit" pending={create.isPending}>
              Create API key
            </Button>
          </div>
        </form>
        <ApiKeyList onDeleted={refreshList} />
      </div>
    </Panel>
  );
}

const formatDate = (iso: string | null, fallback: string) => (iso ? new Date(iso).toLocaleString() : fallback);

function ApiKeyList({ onDeleted }: { onDeleted: () => void }) {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const remove = useMutation(trpc.apiKeys.delete.mutationOptions({ onSuccess: onDeleted }));
  const [confirming, setConfirming] = useState<string | null>(null);

  if (keys.error) return <Alert tone="error">{keys.error.message}</Alert>;
  if (!keys.data) return <p className="text-sm text-zinc-500">Loading API keys…</p>;
  if (keys.data.apiKeys.length === 0)
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">No API keys yet.</p>;
  // `relative` keeps the screen-reader-only texts (absolutely positioned) inside the scroll box on narrow screens.
  return (
    <div className="relative overflow-x-auto">
      {remove.error && <Alert tone="error">{remove.error.message}</Alert>}
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Your API keys</caption>
        <thead className="text-xs text-zinc-500 uppercase dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Name
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Key
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Created
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Expires
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Last used
            </th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {keys.data.apiKeys.map((key) => (
            <tr key={key.id}>
              <td className="py-2.5 pr-4 font-medium">{key.name}</td>
              <td className="py-2.5 pr-4 font-mono text-xs">{key.start}…</td>
              <td className="py-2.5 pr-4 whitespace-nowrap">{formatDate(key.createdAt, "")}</td>
              <td className="py-2.5 pr-4 whitespace-nowrap">{formatDate(key.expiresAt, "Never")}</td>
              <td className="py-2.5 pr-4 whitespace-nowrap">{formatDate(key.lastRequestAt, "Never")}</td>
              <td className="py-2.5 text-right whitespace-nowrap">
                {confirming === key.id ? (
                  <span className="inline-flex gap-2">
                    <Button
                      variant="danger"
                      pending={remove.isPending}
                      onClick={() => remove.mutate({ keyId: key.id })}
                      aria-label={`Confirm deleting API key ${key.name}`}
                    >
                      Delete
                    </Button>
                    <Button variant="secondary" onClick={() => setConfirming(null)}>
                      Cancel
                    </Button>
                  </span>
                ) : (
                  <Button
                    variant="ghost"
                    onClick={() => setConfirming(key.id)}
                    aria-label={`Delete API key ${key.name}`}
                  >
                    Delete
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
