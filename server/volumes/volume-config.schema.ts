// Volume backend configs (reference §4.1). Requests may name the backend `type` or `backend`; the parsed value carries
// both. Every value that reaches sshfs, rclone or mount is checked here first: host names, ports, user names and
// share names cannot carry an option or a second argument.
import { z } from "zod";
import { VOLUME_BACKENDS, type VolumeBackend } from "@/db/schema";
import {
  commandArgumentField,
  hostnameField,
  optionalBooleanField,
  optionalStringField,
  portField,
  requiredStringField,
  unixUserField,
} from "@/server/http/input-fields";
import { isEncryptedPrivateKey } from "@/server/repositories/repository-config.schema";

/** Fields encrypted at rest and masked in responses, per backend. */
export const VOLUME_SECRET_FIELDS: Record<VolumeBackend, string[]> = {
  directory: [],
  nfs: [],
  smb: ["password"],
  webdav: ["password"],
  sftp: ["password", "privateKey"],
  rclone: [],
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * A path on the remote side. It always travels inside one argument (`host:path`, `remote:path`) or a URL, so spaces
 * are harmless and allowed ("/srv/My Files" is common on shares); options and control characters are not.
 */
const remotePath = (field: string, { absolute }: { absolute: boolean }) =>
  requiredStringField(field)
    .refine((value) => !value.startsWith("-"), `${field} must not start with "-"`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), `${field} must not contain control characters`)
    .refine((value) => !absolute || value.startsWith("/"), `${field} must be an absolute path starting with /`);

/** Written into a credentials file line by line, so a line break could add a line of its own. */
const credential = (field: string) =>
  optionalStringField(field).refine(
    (value) => value === undefined || !/[\r\n\0]/.test(value),
    `${field} must not contain line breaks`,
  );

const readOnly = optionalBooleanField("readOnly");

const backendObject = <B extends VolumeBackend, S extends z.ZodRawShape>(backend: B, shape: S) =>
  z.object({
    backend: z.literal(backend),
    type: z.literal(backend, { error: "type and backend must name the same backend" }).optional(),
    ...shape,
  });

const privateKey = optionalStringField("privateKey").refine(
  (key) => key === undefined || !isEncryptedPrivateKey(key),
  "privateKey is protected by a passphrase (ENCRYPTED); passphrases are not supported, use an unencrypted key",
);

const backendSchemas = [
  backendObject("directory", {
    path: requiredStringField("path"),
    readOnly: z
      .literal(false, { error: "readOnly is not available for directory volumes (the folder is used as it is)" })
      .optional(),
  }),
  backendObject("nfs", {
    server: hostnameField("server"),
    exportPath: remotePath("exportPath", { absolute: true }),
    port: portField("port", 2049),
    version: z.enum(["3", "4", "4.1"], { error: 'version must be "3", "4" or "4.1"' }),
    readOnly,
  }),
  backendObject("smb", {
    server: hostnameField("server"),
    share: commandArgumentField("share").refine((value) => !value.includes("/"), "share must be a share name"),
    username: credential("username"),
    password: credential("password"),
    domain: credential("domain"),
    guest: optionalBooleanField("guest"),
    vers: z
      .enum(["1.0", "2.0", "2.1", "3.0", "auto"], { error: 'vers must be "1.0", "2.0", "2.1", "3.0" or "auto"' })
      .default("auto"),
    port: portField("port", 445),
    mapToContainerUidGid: z.boolean({ error: "mapToContainerUidGid must be true or false" }).default(false),
    readOnly,
  }),
  backendObject("webdav", {
    server: hostnameField("server"),
    path: remotePath("path", { absolute: true }).default("/"),
    port: portField("port", 80),
    ssl: optionalBooleanField("ssl"),
    username: optionalStringField("username"),
    password: optionalStringField("password"),
    readOnly,
  }),
  backendObject("sftp", {
    host: hostnameField("host"),
    port: portField("port", 22),
    username: unixUserField("username"),
    password: optionalStringField("password"),
    privateKey,
    path: remotePath("path", { absolute: false }),
    skipHostKeyCheck: z.boolean({ error: "skipHostKeyCheck must be true or false" }).default(false),
    knownHosts: optionalStringField("knownHosts"),
    allowLegacySshRsa: z.boolean({ error: "allowLegacySshRsa must be true or false" }).default(false),
    readOnly,
  }),
  backendObject("rclone", {
    remote: commandArgumentField("remote").refine((value) => !value.includes(":"), "remote is a remote's name"),
    path: z
      .string({ error: "path must be a string" })
      .refine((value) => !CONTROL_CHARACTERS.test(value), "path must not contain control characters")
      .default(""),
    readOnly,
  }),
] as const;

function normaliseInput(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const value = { ...(input as Record<string, unknown>) };
  value.backend ??= value.type;
  return value;
}

const backendMessage = `backend (or type) must be one of ${VOLUME_BACKENDS.join(", ")}`;

export const volumeConfigSchema = z
  .preprocess(normaliseInput, z.discriminatedUnion("backend", backendSchemas, { error: backendMessage }))
  .superRefine((config, context) => {
    if (config.backend === "sftp" && !config.password && !config.privateKey) {
      context.addIssue({ code: "custom", path: ["password"], message: "sftp needs a password or a privateKey" });
    }
  })
  .transform((config) => ({ ...config, type: config.backend }));

export type VolumeConfig = z.output<typeof volumeConfigSchema>;
export type VolumeConfigOf<B extends VolumeBackend> = Extract<VolumeConfig, { backend: B }>;
