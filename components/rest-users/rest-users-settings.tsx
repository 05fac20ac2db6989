"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Panel } from "@/components/ui/panel";
import { formatBytes } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import type { RestUser } from "@/server/rest-backend/rest-users.schema";
import { RestUsageHint } from "./rest-usage-hint";
import { RestUserFields, readRestUserFields } from "./rest-user-fields";

/** Accounts of the built-in restic REST server (instance admins): create, edit, delete, and how to use them. */
export function RestUsersSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.restUsers.list.queryKey() });
  const create = useMutation(trpc.restUsers.create.mutationOptions({ onSuccess: refreshList }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const fields = readRestUserFields(new FormData(formElement));
    create.mutate({ ...fields, password: fields.password ?? "" }, { onSuccess: () => formElement.reset() });
  }

  return (
    <Panel
      title="REST server accounts"
      description="Accounts restic clients sign in with to store repositories on this server."
    >
      <div className="flex flex-col gap-6">
        <RestUsageHint />
        <form onSubmit={onSubmit} aria-label="New REST account" className="flex flex-col gap-4">
          {create.error && <Alert tone="error">{create.error.message}</Alert>}
          <RestUserFields />
          <div>
            <Button type="submit" pending={create.isPending}>
              Create account
            </Button>
          </div>
        </form>
        <RestUserList onChanged={refreshList} />
      </div>
    </Panel>
  );
}

const HEADINGS = ["Username", "Private", "Append-only", "Quota", "Used"];

function RestUserList({ onChanged }: { onChanged: () => void }) {
  const trpc = useTRPC();
  const users = useQuery(trpc.restUsers.list.queryOptions());
  const [editing, setEditing] = useState<RestUser | null>(null);
  const [deleting, setDeleting] = useState<RestUser | null>(null);
  const remove = useMutation(
    trpc.restUsers.delete.mutationOptions({
      onSuccess: () => {
        setDeleting(null);
        onChanged();
      },
    }),
  );

  if (users.error) return <Alert tone="error">{users.error.message}</Alert>;
  if (!users.data) return <p className="text-sm text-zinc-500">Loading accounts…</p>;
  if (users.data.length === 0)
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">No REST server accounts yet.</p>;
  return (
    <div className="flex flex-col gap-4">
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">REST server accounts</caption>
          <thead className="text-xs text-zinc-500 uppercase dark:text-zinc-400">
            <tr>
              {HEADINGS.map((heading) => (
                <th key={heading} scope="col" className="py-2 pr-4 font-medium">
                  {heading}
                </th>
              ))}
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {users.data.map((user) => (
              <tr key={user.id}>
                <td className="py-2.5 pr-4 font-medium">{user.username}</td>
                <td className="py-2.5 pr-4">{user.privateRepos ? "Yes" : "No"}</td>
                <td className="py-2.5 pr-4">{user.appendOnly ? "Yes" : "No"}</td>
                <td className="py-2.5 pr-4 whitespace-nowrap">
                  {user.quotaBytes === null ? "None" : formatBytes(user.quotaBytes)}
                </td>
                <td className="py-2.5 pr-4 whitespace-nowrap">{formatBytes(user.usedBytes)}</td>
                <td className="py-2.5 text-right whitespace-nowrap">
                  <Button variant="ghost" onClick={() => setEditing(user)} aria-label={`Edit ${user.username}`}>
                    Edit
                  </Button>
                  <Button variant="ghost" onClick={() => setDeleting(user)} aria-label={`Delete ${user.username}`}>
                    Delete
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <EditRestUserForm
          key={editing.id}
          user={editing}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the REST account ${deleting?.username ?? ""}?`}
        confirmLabel="Delete account"
        pending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        onCancel={() => {
          remove.reset();
          setDeleting(null);
        }}
      >
        <p>restic clients using this account are refused from now on. Its repositories stay on disk.</p>
      </ConfirmDialog>
    </div>
  );
}

function EditRestUserForm({ user, onDone, onCancel }: { user: RestUser; onDone: () => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const update = useMutation(trpc.restUsers.update.mutationOptions({ onSuccess: onDone }));
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ id: user.id, ...readRestUserFields(new FormData(event.currentTarget)) });
  }
  return (
    <form
      onSubmit={onSubmit}
      aria-label={`Edit ${user.username}`}
      className="flex flex-col gap-4 rounded-md border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h3 className="text-sm font-semibold">Edit {user.username}</h3>
      {update.error && <Alert tone="error">{update.error.message}</Alert>}
      <RestUserFields user={user} />
      <div className="flex gap-2">
        <Button type="submit" pending={update.isPending}>
          Save account
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
