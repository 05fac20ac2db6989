"use client";
// A backend's own fields (a repository's or a volume's config), from a list of field specs: text, secrets, keys,
// ports, flags and choices. Values pre-fill them (an existing config, secrets masked as ********, which an update
// sends back unchanged); each field shows the error the server gave for `config.<name>`.
import type { ReactNode } from "react";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/form-fields";

/**
 * text: one line; secret: a password input; multiline/secretMultiline: PEM keys and JSON; port: a number; flag: a
 * checkbox; choice: one of `options`; list: one entry per line (a string array in the config); remote: an rclone
 * remote's name (a text field unless the form draws a picker).
 */
export type FieldKind =
  | "text"
  | "secret"
  | "multiline"
  | "secretMultiline"
  | "port"
  | "number"
  | "flag"
  | "choice"
  | "list"
  | "remote";

export type FieldSpec = {
  name: string;
  label: string;
  kind?: FieldKind;
  optional?: boolean;
  placeholder?: string;
  hint?: string;
  /** A default for a new config (ports, choices). */
  initial?: string;
  options?: readonly { value: string; label: string }[];
};

type Values = Record<string, unknown>;

export function ConfigFields({
  fields,
  values = {},
  errors = {},
  render,
}: {
  fields: readonly FieldSpec[];
  values?: Values;
  /** Errors by field path, as a server action reports them (`config.path`). */
  errors?: Record<string, string>;
  /** Lets a form draw a field of its own (e.g. with a picker) instead of the plain control. */
  render?: (field: FieldSpec, common: CommonProps) => ReactNode | undefined;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fields.map((field) => {
        const common = commonProps(field, values[field.name], errors[`config.${field.name}`]);
        return (
          <div key={field.name} className={wide(field) ? "sm:col-span-2" : undefined}>
            {render?.(field, common) ?? <ConfigField field={field} common={common} value={values[field.name]} />}
          </div>
        );
      })}
    </div>
  );
}

const wide = (field: FieldSpec) => ["flag", "multiline", "secretMultiline", "list"].includes(field.kind ?? "text");

export type CommonProps = {
  name: string;
  label: string;
  hint?: string;
  placeholder?: string;
  required: boolean;
  error?: string;
  defaultValue?: string;
};

function commonProps(field: FieldSpec, value: unknown, error: string | undefined): CommonProps {
  const text = Array.isArray(value)
    ? value.join("\n")
    : value === undefined || value === null
      ? undefined
      : String(value);
  return {
    name: field.name,
    label: field.optional ? `${field.label} (optional)` : field.label,
    hint: field.hint,
    placeholder: field.placeholder,
    required: !field.optional && field.kind !== "flag",
    error,
    defaultValue: text ?? field.initial,
  };
}

function ConfigField({ field, common, value }: { field: FieldSpec; common: CommonProps; value: unknown }) {
  switch (field.kind) {
    case "flag":
      return (
        <CheckboxField
          name={field.name}
          label={field.label}
          hint={field.hint}
          defaultChecked={value === undefined ? field.initial === "on" : value === true}
        />
      );
    case "choice":
      return <SelectField {...common} options={field.options ?? []} />;
    case "multiline":
    case "secretMultiline":
    case "list":
      return <TextAreaField {...common} spellCheck={false} />;
    case "secret":
      return <TextField {...common} type="password" autoComplete="new-password" />;
    case "port":
      return <TextField {...common} type="number" min={1} max={65535} />;
    case "number":
      return <TextField {...common} type="number" step={1} />;
    default:
      return <TextField {...common} />;
  }
}

/** The config from the form's fields: empty optional fields are left out, flags become booleans, ports numbers. */
export function readConfigFields(fields: readonly FieldSpec[], form: FormData): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.kind === "flag") {
      config[field.name] = form.get(field.name) === "on";
      continue;
    }
    const value = String(form.get(field.name) ?? "").trim();
    // Present but undefined: an edit form spreads this over the stored config, so a cleared field is cleared.
    if (value === "" && field.optional) {
      config[field.name] = undefined;
      continue;
    }
    if (field.kind === "port" || field.kind === "number") config[field.name] = Number(value);
    else if (field.kind === "list")
      config[field.name] = value
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
    else config[field.name] = value;
  }
  return config;
}
