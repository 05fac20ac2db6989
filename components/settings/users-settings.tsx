"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { FormFailure } from "@/components/forms/form-failure";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { TextField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";
import { useTRPC } from "@/lib/trpc/client";
import { createUserAction } from "@/server/actions/users.actions";

/** The instance's accounts (administrators only); each new account gets a workspace of its own. */
export function UsersSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const create = useServerAction(createUserAction, () =>
    queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const username = String(form.get("username") ?? "").trim();
    create.run({
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      username: username || undefined,
      password: String(form.get("password") ?? ""),
    });
    element.reset();
  }

  return (
    <Panel title="Users" description="Accounts of this Zerobyte instance.">
      <div className="flex flex-col gap-6">
        {users.error && <Alert tone="error">{users.error.message}</Alert>}
        {users.data && (
          <DataTable
            caption="Users"
            headings={["Name", "Username", "Email", "Role", "Two-factor"]}
            rows={users.data.map((user) => ({
              key: user.id,
              cells: [
                user.name,
                `@${user.username}`,
                <span key="email" className="break-all">
                  {user.email}
                </span>,
                <Badge key="role" tone={user.role === "admin" ? "info" : "neutral"}>
                  {user.role}
                </Badge>,
                user.twoFactorEnabled ? "On" : "Off",
              ],
            }))}
          />
        )}
        <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" aria-label="Create a user">
          <TextField label="Full name" name="name" required maxLength={100} error={create.fieldError("name")} />
          <TextField label="Email" name="email" type="email" required error={create.fieldError("email")} />
          <TextField label="Username (optional)" name="username" error={create.fieldError("username")} />
          <TextField
            label="Initial password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            error={create.fieldError("password")}
          />
          <div className="sm:col-span-2">
            <FormFailure failure={create.failure} shownFields={["name", "email", "username", "password"]} />
          </div>
          <div>
            <Button type="submit" pending={create.pending}>
              Create user
            </Button>
          </div>
        </form>
      </div>
    </Panel>
  );
}
