import { Button } from "@/components/ui/button";

/** A panel form's submit button, and a "Saved" note after a save (the form clears `saved` when it changes again). */
export function SaveRow({ label, pending, saved }: { label: string; pending: boolean; saved: boolean }) {
  return (
    <div className="flex items-center gap-3">
      <Button type="submit" variant="secondary" pending={pending}>
        {label}
      </Button>
      {saved && (
        <span role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          Saved
        </span>
      )}
    </div>
  );
}
