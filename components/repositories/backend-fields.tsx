"use client";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { ConfigFields } from "@/components/forms/config-fields";
import { CheckboxField, TextAreaField, TextField } from "@/components/ui/form-fields";
import { useTRPC } from "@/lib/trpc/client";
import type { RepositoryBackend } from "@/server/repositories/repository-config.schema";
import { BACKEND_FIELDS } from "./backends";

type Values = Record<string, unknown>;

/** The backend's own fields; `values` pre-fills them (an existing config, secrets masked). */
export function BackendFields({
  backend,
  values = {},
  errors,
}: {
  backend: RepositoryBackend;
  values?: Values;
  errors?: Record<string, string>;
}) {
  return (
    <ConfigFields
      key={backend}
      fields={BACKEND_FIELDS[backend]}
      values={values}
      errors={errors}
      render={(field, common) => (field.kind === "remote" ? <RcloneRemoteField {...common} /> : undefined)}
    />
  );
}

/** The server's rclone remotes as suggestions; any name can still be typed (the list may be empty or partial). */
function RcloneRemoteField(props: Parameters<typeof TextField>[0]) {
  const trpc = useTRPC();
  const remotes = useQuery(trpc.repositories.rcloneRemotes.queryOptions());
  const listId = useId();
  return (
    <>
      <TextField {...props} list={listId} autoComplete="off" />
      <datalist id={listId}>
        {remotes.data?.map((remote) => (
          <option key={remote.name} value={remote.name}>
            {remote.type}
          </option>
        ))}
      </datalist>
    </>
  );
}

/** CA certificate and insecure TLS: for self-hosted endpoints with their own certificates. */
export function TlsFields({ values = {} }: { values?: Values }) {
  return (
    <details className="group rounded-md border border-zinc-200 px-4 py-3 dark:border-zinc-800">
      <summary className="cursor-pointer text-sm font-medium">Advanced</summary>
      <div className="mt-4 flex flex-col gap-4">
        <TextAreaField
          name="cacert"
          label="CA certificate (optional)"
          hint="PEM certificate of the authority that signed the endpoint's certificate."
          placeholder="-----BEGIN CERTIFICATE-----"
          defaultValue={typeof values.cacert === "string" ? values.cacert : undefined}
          spellCheck={false}
        />
        <CheckboxField
          name="insecureTls"
          label="Skip TLS certificate verification"
          hint="Only for testing: anyone on the network path could read or change the backups."
          defaultChecked={values.insecureTls === true}
        />
      </div>
    </details>
  );
}
