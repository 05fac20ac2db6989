"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { CommonProps } from "@/components/forms/config-fields";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/form-fields";
import { useTRPC } from "@/lib/trpc/client";

/** A folder of this server: typed, or picked from the host's folders (the browser is for instance admins). */
export function HostFolderField(props: CommonProps) {
  const [value, setValue] = useState(props.defaultValue ?? "");
  const [open, setOpen] = useState(false);
  const { defaultValue: _unused, ...field } = props;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-end gap-2">
        <TextField
          {...field}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          className="min-w-0 flex-1"
        />
        <Button
          variant="secondary"
          onClick={() => setOpen(true)}
          className={props.error || props.hint ? "mb-[1.4rem]" : ""}
        >
          Browse…
        </Button>
      </div>
      <Dialog open={open} onOpenChange={setOpen} title="Choose a folder" description="Folders of this server.">
        {open && (
          <FolderPicker
            start={value.startsWith("/") ? value : "/"}
            onPick={(path) => {
              setValue(path);
              setOpen(false);
            }}
          />
        )}
      </Dialog>
    </div>
  );
}

function FolderPicker({ start, onPick }: { start: string; onPick: (path: string) => void }) {
  const trpc = useTRPC();
  const [path, setPath] = useState(start);
  const listing = useQuery({ ...trpc.volumes.browse.queryOptions({ path }), retry: false });
  return (
    <div className="flex flex-col gap-3">
      <Breadcrumbs path={listing.data?.path ?? path} rootLabel="/" onNavigate={setPath} />
      {listing.error && <Alert tone="error">{listing.error.message}</Alert>}
      <ul className="max-h-72 divide-y divide-zinc-200 overflow-y-auto rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {listing.data?.directories.map((directory) => (
          <li key={directory.path}>
            <button
              type="button"
              onClick={() => setPath(directory.path)}
              className="w-full truncate px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              {directory.name}/
            </button>
          </li>
        ))}
        {listing.data?.directories.length === 0 && <li className="px-3 py-2 text-sm text-zinc-500">No subfolders</li>}
      </ul>
      <div className="flex justify-end">
        <Button onClick={() => onPick(listing.data?.path ?? path)} disabled={!listing.data}>
          Use this folder
        </Button>
      </div>
    </div>
  );
}
