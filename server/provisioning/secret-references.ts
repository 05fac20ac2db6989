// Secrets in the provisioning file are references, never values: `env://NAME` (an environment variable) or
// `file:///absolute/path` (a file's content, e.g. a Docker or systemd secret); `file://name` is `/run/secrets/name`,
// as the original reads it. Resolved in memory when the file is applied.
import { readFileSync } from "node:fs";
import path from "node:path";

export class SecretReferenceError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function resolveOne(value: string, field: string): string {
  if (value.startsWith("env://")) {
    const name = value.slice("env://".length);
    const resolved = process.env[name];
    if (resolved === undefined || resolved === "") throw new SecretReferenceError(field, `${value} is not set`);
    return resolved;
  }
  if (value.startsWith("file://")) {
    const rest = value.slice("file://".length);
    const file = rest.startsWith("/") ? rest : path.join("/run/secrets", rest);
    try {
      return readFileSync(file, "utf8").replace(/\r?\n$/, "");
    } catch (error) {
      throw new SecretReferenceError(field, `${value} cannot be read (${(error as NodeJS.ErrnoException).code})`);
    }
  }
  return value;
}

/** A copy of `value` with every reference replaced; the error names the field (`config.password`). */
export function resolveSecretReferences(value: unknown, field = ""): unknown {
  if (typeof value === "string") return resolveOne(value, field);
  if (Array.isArray(value)) return value.map((item, index) => resolveSecretReferences(item, `${field}[${index}]`));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveSecretReferences(item, field ? `${field}.${key}` : key)]),
    );
  }
  return value;
}
