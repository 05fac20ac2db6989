"use client";
import { useSyncExternalStore } from "react";
import { CopyButton } from "@/components/ui/copy-button";

const subscribe = () => () => {};

/** How a restic client reaches this server's /rest mount, with the address this page was opened at. */
export function RestUsageHint() {
  // The address is only known in the browser; the server render shows a placeholder.
  const origin = useSyncExternalStore(
    subscribe,
    () => window.location.origin,
    () => "http://<this host>",
  );
  const command = `restic -r rest:${origin.replace("://", "://USER:PASSWORD@")}/rest/USER/<repo>/ init`;
  return (
    <div className="flex flex-col gap-2 text-sm text-zinc-600 dark:text-zinc-400">
      <p>
        Back up another machine into this server with its account: restic talks to <code>/rest/</code> on this address,
        and a private account keeps its repositories under <code>/rest/USER/</code>.
      </p>
      <div className="flex items-start gap-2">
        <code
          data-testid="rest-usage-command"
          className="min-w-0 flex-1 rounded bg-zinc-100 px-2 py-1.5 font-mono text-xs break-all text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
        >
          {command}
        </code>
        <CopyButton value={command} label="Copy restic command" />
      </div>
    </div>
  );
}
