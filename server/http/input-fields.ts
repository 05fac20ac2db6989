// Field schemas for values that reach a command line or a socket (restic, rclone, ssh, sshfs, mount): hostnames,
// ports, user names and free-form option values. Each refuses what could smuggle an option or a second argument
// (a leading "-", whitespace, control characters), so argument injection is impossible by construction.
import { isIP } from "node:net";
import { z } from "zod";

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const HOSTNAME_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** A DNS name or an IP literal (IPv6 with or without brackets); never an option, never with spaces. */
export function isHostname(value: string): boolean {
  const bare = value.startsWith("[") && value.endsWith("]") ? value.slice(1, -1) : value;
  if (isIP(bare)) return true;
  if (value.length > 253) return false;
  return value
    .replace(/\.$/, "")
    .split(".")
    .every((label) => HOSTNAME_LABEL.test(label));
}

export const hostnameField = (field: string) =>
  z
    .string({ error: `${field} must be a host name or IP address` })
    .trim()
    .min(1, `${field} is required`)
    .refine(isHostname, `${field} must be a host name or IP address (letters, digits, dots and hyphens)`);

/** A TCP port, as a number or a numeric string (the original accepts both). */
export const portField = (field: string, fallback: number) =>
  z
    .union([z.number(), z.string().trim().regex(/^\d+$/, `${field} must be a number between 1 and 65535`)], {
      error: `${field} must be a number between 1 and 65535`,
    })
    .transform(Number)
    .pipe(
      z
        .number()
        .int(`${field} must be a whole number`)
        .min(1, `${field} must be between 1 and 65535`)
        .max(65535, `${field} must be between 1 and 65535`),
    )
    .default(fallback);

/** A login name for ssh/sftp/smb: letters, digits, dot, underscore, hyphen; not starting with a hyphen. */
export const unixUserField = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, `${field} is required`)
    .max(64, `${field} must be at most 64 characters`)
    .regex(/^[A-Za-z0-9._][A-Za-z0-9._-]*$/, `${field} may contain only letters, digits, ".", "_" and "-"`);

/** A value handed to a tool as one argument (a remote name, a share, a path on a server): no option, no whitespace. */
export function isSafeArgument(value: string): boolean {
  return value.length > 0 && !value.startsWith("-") && !/\s/.test(value) && !CONTROL_CHARACTERS.test(value);
}

export const commandArgumentField = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, `${field} is required`)
    .refine((value) => !value.startsWith("-"), `${field} must not start with "-"`)
    .refine((value) => !/\s/.test(value), `${field} must not contain spaces or other whitespace`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), `${field} must not contain control characters`);

/** A required, trimmed, non-empty string; the message names the field. */
export const requiredStringField = (field: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .trim()
    .min(1, `${field} must not be empty`);

export const optionalStringField = (field: string) => z.string({ error: `${field} must be a string` }).optional();
export const optionalBooleanField = (field: string) =>
  z.boolean({ error: `${field} must be true or false` }).optional();
