import { CheckboxField, TextField } from "@/components/ui/form-fields";
import type { RestUser } from "@/server/rest-backend/rest-users.schema";

const GIB = 1024 ** 3;

/**
 * The fields of a REST server account, for creating one (`user` absent) and editing one (pre-filled; an empty
 * password keeps the current one).
 */
export function RestUserFields({ user }: { user?: RestUser }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        label="Username"
        name="username"
        required
        pattern="[a-z0-9_.\-]{2,32}"
        autoComplete="off"
        defaultValue={user?.username}
        hint="2 to 32 characters: a-z, 0-9, '_', '.' or '-'."
      />
      <TextField
        label={user ? "New password (optional)" : "Password"}
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={8}
        required={!user}
        hint={user ? "Leave empty to keep the current password." : "At least 8 characters."}
      />
      <TextField
        label="Quota in GiB (optional)"
        name="quotaGiB"
        type="number"
        min={0.001}
        step="any"
        defaultValue={user?.quotaBytes ? String(+(user.quotaBytes / GIB).toFixed(3)) : undefined}
        hint="Leave empty for no quota."
      />
      <div className="flex flex-col gap-3 sm:pt-6">
        <CheckboxField
          name="privateRepos"
          label="Private repositories"
          hint="Only repositories under /rest/<username>/."
          defaultChecked={user?.privateRepos ?? true}
        />
        <CheckboxField
          name="appendOnly"
          label="Append-only"
          hint="Can add backups but not delete them."
          defaultChecked={user?.appendOnly ?? false}
        />
      </div>
    </div>
  );
}

/** The account as the API takes it; the password only when one was typed. */
export function readRestUserFields(form: FormData) {
  const password = String(form.get("password") ?? "");
  const quota = String(form.get("quotaGiB") ?? "").trim();
  return {
    username: String(form.get("username")).trim(),
    ...(password && { password }),
    privateRepos: form.get("privateRepos") === "on",
    appendOnly: form.get("appendOnly") === "on",
    quotaBytes: quota ? Math.round(Number(quota) * GIB) : null,
  };
}
