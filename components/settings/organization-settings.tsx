"use client";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DefinitionList } from "@/components/ui/definition-list";
import { TextField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";

/**
 * The organization the user works in, and its recovery key: the restic password that opens every repository
 * Zerobyte created, downloadable as restic.pass after re-entering one's password (owners and admins).
 */
export function OrganizationSettings({ organizationId, role }: { organizationId: string; role: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const canDownload = role === "owner" || role === "admin";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const password = String(new FormData(element).get("password") ?? "");
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/v1/system/restic-password", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ password }),
      });
      if (!response.ok) {
        setError(
          ((await response.json().catch(() => null)) as { message?: string } | null)?.message ?? "Download failed",
        );
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = "restic.pass";
      link.click();
      URL.revokeObjectURL(url);
      element.reset();
    } finally {
      setPending(false);
    }
  }

  return (
    <Panel title="Organization">
      <div className="flex flex-col gap-6">
        <DefinitionList
          items={[
            [
              "Organization ID",
              <code key="id" className="font-mono text-xs break-all">
                {organizationId}
              </code>,
            ],
            ["Your role", role],
          ]}
        />
        {canDownload && (
          <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Download the recovery key">
            <h3 className="text-sm font-semibold">Recovery key</h3>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              The restic password of this organization's repositories. Keep it somewhere safe: with it, restic opens
              your backups even without Zerobyte.
            </p>
            <div className="flex flex-wrap items-end gap-3">
              <TextField
                label="Your password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                className="min-w-0 flex-1 sm:max-w-xs"
              />
              <Button type="submit" pending={pending}>
                Download recovery key
              </Button>
            </div>
            {error && <Alert tone="error">{error}</Alert>}
          </form>
        )}
      </div>
    </Panel>
  );
}
