"use client";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { CheckboxField, TextAreaField, TextField } from "@/components/ui/form-fields";
import { useTRPC } from "@/lib/trpc/client";
import type { RepositoryBackend } from "@/server/repositories/repository-config.schema";
import { BACKEND_FIELDS, type FieldSpec } from "./backends";

type Values = Record<string, unknown>;

/** The backend's own fields; `values` pre-fills them (an existing config, secrets masked). */
export function BackendFields({ backend, values = {} }: { backend: RepositoryBackend; values?: Values }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {BACKEND_FIELDS[backend].map((field) => (
        <ConfigField key={`${backend}.${field.name}`} field={field} value={values[field.name]} />
      ))}
    </div>
  );
}

function ConfigField({ field, value }: { field: FieldSpec; value: unknown }) {
  const common = {
    name: field.name,
    label: field.optional ? `${field.label} (optional)` : field.label,
    hint: field.hint,
    placeholder: field.placeholder,
    required: !field.optional,
  };
  const text = value === undefined || value === null ? undefined : String(value);
  switch (field.kind) {
    case "flag":
      return (
        <CheckboxField
          name={field.name}
          label={field.label}
          defaultChecked={value === true}
          className="sm:col-span-2"
        />
      );
    case "multiline":
    case "secretMultiline":
      return <TextAreaField {...common} defaultValue={text} spellCheck={false} className="sm:col-span-2" />;
    case "secret":
      return <TextField {...common} type="password" autoComplete="new-password" defaultValue={text} />;
    case "port":
      return <TextField {...common} type="number" min={1} max={65535} defaultValue={text ?? "22"} />;
    case "remote":
      return <RcloneRemoteField {...common} defaultValue={text} />;
    default:
      return <TextField {...common} defaultValue={text} />;
  }
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
