// What a notification destination is configured with, per channel (reference §6, plus Healthchecks-style pings and a
// choice of SMTP security). Secret fields accept the mask "********" so a config read from the API can be sent back
// unchanged; the service swaps the mask for the stored value.
import { z } from "zod";
import type { NotificationType } from "@/db/schema";
import { SECRET_MASK } from "@/server/crypto/config-secrets";
import { hostnameField, portField } from "@/server/http/input-fields";

/** Fields encrypted at rest and masked in responses. Generic webhook header values are secret too (see secrets). */
export const SECRET_FIELDS: Record<NotificationType, readonly string[]> = {
  email: ["password"],
  slack: ["webhookUrl"],
  discord: ["webhookUrl"],
  gotify: ["token"],
  ntfy: ["password", "accessToken"],
  pushover: ["apiToken"],
  telegram: ["botToken"],
  generic: [],
  healthchecks: ["url"],
  custom: ["shoutrrrUrl"],
};

const text = (field: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .trim()
    .min(1, `${field} must not be empty`);
const optionalText = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .optional();

const httpUrl = (field: string) =>
  text(field).refine((value) => /^https?:$/.test(URL.parse(value)?.protocol ?? ""), {
    message: `${field} must be an http:// or https:// URL`,
  });

/** A secret: the value itself, or the mask to keep the stored one. */
const secret = <S extends z.ZodType<string | undefined>>(schema: S) => z.union([z.literal(SECRET_MASK), schema]);

const email = (field: string) => z.email({ error: `${field} must be an e-mail address` });

export const SMTP_SECURITY = ["none", "starttls", "tls", "auto"] as const;

const emailConfig = z
  .object({
    type: z.literal("email"),
    smtpHost: hostnameField("smtpHost"),
    smtpPort: portField("smtpPort", 587),
    username: optionalText("username"),
    password: secret(z.string()).optional(),
    from: email("from"),
    fromName: optionalText("fromName"),
    to: z.array(email("to"), { error: "to must be a list of e-mail addresses" }).min(1, "to needs an address"),
    /** As the original: require STARTTLS. `security` says it more precisely and wins when both are given. */
    useTLS: z.boolean({ error: "useTLS must be true or false" }).optional(),
    /**
     * `none`: plain SMTP; `starttls`: upgrade required; `tls`: TLS from the first byte (usually port 465); `auto`: TLS
     * on port 465, else STARTTLS when the server offers it.
     */
    security: z.enum(SMTP_SECURITY, { error: "security must be none, starttls, tls or auto" }).optional(),
    /** Accept a self-signed or otherwise unverifiable certificate. */
    insecureTls: z.boolean({ error: "insecureTls must be true or false" }).optional(),
  })
  .transform((config) => {
    const security = config.security ?? (config.useTLS ? (config.smtpPort === 465 ? "tls" : "starttls") : "none");
    return { ...config, security, useTLS: security !== "none" };
  });

const slackConfig = z.object({
  type: z.literal("slack"),
  webhookUrl: secret(httpUrl("webhookUrl")),
  username: optionalText("username"),
  iconEmoji: optionalText("iconEmoji"),
});

const discordConfig = z.object({
  type: z.literal("discord"),
  webhookUrl: secret(httpUrl("webhookUrl")),
  username: optionalText("username"),
  avatarUrl: httpUrl("avatarUrl").optional(),
  threadId: z.string().trim().regex(/^\d+$/, "threadId must be a Discord thread id (digits)").optional(),
});

const gotifyConfig = z.object({
  type: z.literal("gotify"),
  serverUrl: httpUrl("serverUrl"),
  token: secret(text("token")),
  /** Where Gotify lives below `serverUrl` when it is served under a sub-path. */
  path: optionalText("path"),
  priority: z.number().int().min(0, "priority must be 0-10").max(10, "priority must be 0-10").default(5),
});

export const NTFY_PRIORITIES = ["max", "high", "default", "low", "min"] as const;

const ntfyConfig = z.object({
  type: z.literal("ntfy"),
  /** A self-hosted server; unset means ntfy.sh. */
  serverUrl: httpUrl("serverUrl").optional(),
  topic: text("topic").regex(/^[-_A-Za-z0-9]{1,64}$/, "topic may contain letters, digits, - and _ (up to 64)"),
  priority: z.enum(NTFY_PRIORITIES, { error: "priority must be max, high, default, low or min" }).default("default"),
  username: optionalText("username"),
  password: secret(z.string()).optional(),
  accessToken: secret(z.string().trim()).optional(),
});

const pushoverConfig = z.object({
  type: z.literal("pushover"),
  userKey: text("userKey"),
  apiToken: secret(text("apiToken")),
  /** Device names, comma-separated; unset means all of the user's devices. */
  devices: optionalText("devices"),
  priority: z.union([z.literal(-1), z.literal(0), z.literal(1)], { error: "priority must be -1, 0 or 1" }).default(0),
});

const telegramConfig = z.object({
  type: z.literal("telegram"),
  botToken: secret(text("botToken").regex(/^\d+:[A-Za-z0-9_-]+$/, "botToken must look like 123456:ABC-def...")),
  chatId: text("chatId").regex(/^(-?\d+|@[A-Za-z0-9_]{4,})$/, "chatId must be a numeric chat id or @channelname"),
  /** A forum topic of the chat. */
  threadId: z
    .union([z.number().int().positive(), z.string().trim().regex(/^\d+$/)], {
      error: "threadId must be a topic id (digits)",
    })
    .transform(String)
    .optional(),
});

const HEADER = /^([A-Za-z0-9-]+):\s*(.*)$/;

const genericConfig = z.object({
  type: z.literal("generic"),
  url: httpUrl("url"),
  method: z.enum(["GET", "POST"], { error: "method must be GET or POST" }).default("POST"),
  contentType: optionalText("contentType"),
  /** `Name: value` lines; the values are treated as secrets (they often carry a token). */
  headers: z
    .array(z.string().regex(HEADER, 'headers must be "Name: value" lines'))
    .max(32, "at most 32 headers")
    .optional(),
  /** Send `{[titleKey]: title, [messageKey]: message}` as JSON (default), else the text itself. */
  useJson: z.boolean({ error: "useJson must be true or false" }).default(true),
  titleKey: optionalText("titleKey"),
  messageKey: optionalText("messageKey"),
});

const healthchecksConfig = z.object({
  type: z.literal("healthchecks"),
  /** The check's ping URL: `/start` is pinged when a backup starts, the URL itself on success, `/fail` on failure. */
  url: secret(httpUrl("url")),
});

const customConfig = z.object({
  type: z.literal("custom"),
  /** A shoutrrr URL (smtp://, slack://, discord://, gotify://, ntfy://, pushover://, telegram://, generic://). */
  shoutrrrUrl: secret(text("shoutrrrUrl")),
});

export const destinationConfigSchema = z.discriminatedUnion(
  "type",
  [
    emailConfig,
    slackConfig,
    discordConfig,
    gotifyConfig,
    ntfyConfig,
    pushoverConfig,
    telegramConfig,
    genericConfig,
    healthchecksConfig,
    customConfig,
  ],
  {
    error: "type must be one of email, slack, discord, gotify, ntfy, pushover, telegram, generic, healthchecks, custom",
  },
);
export type DestinationConfig = z.output<typeof destinationConfigSchema>;

/** A `Name: value` header line split in two. */
export function splitHeader(line: string): [string, string] {
  const match = HEADER.exec(line);
  return match ? [match[1], match[2]] : [line, ""];
}
