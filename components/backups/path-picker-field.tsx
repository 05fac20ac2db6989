"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/form-fields";
import { VolumeFiles } from "@/components/volumes/volume-files";

/** Folders and files of the volume picked in its file browser: what to back up, or what to leave out. */
export function PathPickerField({
  id,
  label,
  emptyText,
  dialogTitle,
  volumeShortId,
  paths,
  onChange,
  error,
}: {
  id: string;
  label: string;
  emptyText: string;
  dialogTitle: string;
  volumeShortId: string | null;
  paths: string[];
  onChange: (paths: string[]) => void;
  error?: string;
}) {
  const [open, setOpen] = useState(false);
  const toggle = (path: string) =>
    onChange(paths.includes(path) ? paths.filter((entry) => entry !== path) : [...paths, path].sort());
  return (
    <div className="flex flex-col gap-2">
      <p id={`${id}-label`} className="text-sm font-medium">
        {label}
      </p>
      {paths.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{emptyText}</p>
      ) : (
        <ul aria-labelledby={`${id}-label`} className="flex flex-wrap gap-2">
          {paths.map((path) => (
            <li
              key={path}
              className="inline-flex items-center gap-1 rounded-md bg-zinc-100 py-1 pr-1 pl-2 font-mono text-xs dark:bg-zinc-800"
            >
              {path}
              <button
                type="button"
                aria-label={`Remove ${path}`}
                onClick={() => toggle(path)}
                className="rounded px-1 text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-700"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <FieldError id={id} error={error} />
      <div>
        <Button
          variant="secondary"
          onClick={() => setOpen(true)}
          disabled={!volumeShortId}
          aria-describedby={`${id}-label`}
        >
          Choose paths…
        </Button>
      </div>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={dialogTitle}
        description="Tick folders or files of the volume."
        wide
      >
        {volumeShortId && (
          <VolumeFiles shortId={volumeShortId} selection={{ selected: paths, onToggle: toggle, verb: label }} />
        )}
        <div className="flex justify-end">
          <Button onClick={() => setOpen(false)}>Done</Button>
        </div>
      </Dialog>
    </div>
  );
}
