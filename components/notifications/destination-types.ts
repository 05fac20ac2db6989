// What the notification forms ask for, per channel: the config field names of the API (reference §6).
import type { FieldSpec } from "@/components/forms/config-fields";
import { readConfigFields } from "@/components/forms/config-fields";
import type { BadgeTone } from "@/components/ui/badge";
import type { NotificationType } from "@/db/schema/notifications";

export const DESTINATION_LABELS: Record<NotificationType, string> = {
  email: "Email (SMTP)",
  slack: "Slack",
  discord: "Discord",
  gotify: "Gotify",
  ntfy: "ntfy",
  pushover: "Pushover",
  telegram: "Telegram",
  generic: "Webhook (generic HTTP)",
  healthchecks: "Healthchecks ping",
  custom: "Custom (shoutrrr URL)",
};

export const destinationLabel = (type: string) => DESTINATION_LABELS[type as NotificationType] ?? type;

export const DESTINATION_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  healthy: { label: "Healthy", tone: "success" },
  error: { label: "Error", tone: "danger" },
  unknown: { label: "Not tested", tone: "neutral" },
};

const options = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

export const DESTINATION_FIELDS: Record<NotificationType, FieldSpec[]> = {
  email: [
    { name: "smtpHost", label: "SMTP server", placeholder: "smtp.example.com" },
    { name: "smtpPort", label: "Port", kind: "port", initial: "587" },
    {
      name: "security",
      label: "Security",
      kind: "choice",
      initial: "auto",
      options: options(["auto", "starttls", "tls", "none"]),
    },
    { name: "username", label: "Username", optional: true },
    { name: "password", label: "Password", kind: "secret", optional: true },
    { name: "from", label: "From address", placeholder: "backups@example.com" },
    { name: "fromName", label: "From name", optional: true },
    { name: "to", label: "To", kind: "list", hint: "One address per line." },
    { name: "insecureTls", label: "Accept an unverifiable certificate", kind: "flag" },
  ],
  slack: [
    { name: "webhookUrl", label: "Webhook URL", kind: "secret", placeholder: "https://hooks.slack.com/services/…" },
    { name: "username", label: "Username", optional: true },
    { name: "iconEmoji", label: "Icon emoji", optional: true, placeholder: ":floppy_disk:" },
  ],
  discord: [
    { name: "webhookUrl", label: "Webhook URL", kind: "secret" },
    { name: "username", label: "Username", optional: true },
    { name: "avatarUrl", label: "Avatar URL", optional: true },
    { name: "threadId", label: "Thread ID", optional: true },
  ],
  gotify: [
    { name: "serverUrl", label: "Server URL", placeholder: "https://gotify.example.com" },
    { name: "token", label: "Application token", kind: "secret" },
    { name: "path", label: "Path below the server", optional: true },
    { name: "priority", label: "Priority (0–10)", kind: "number", initial: "5" },
  ],
  ntfy: [
    { name: "serverUrl", label: "Server URL", optional: true, placeholder: "https://ntfy.sh" },
    { name: "topic", label: "Topic" },
    {
      name: "priority",
      label: "Priority",
      kind: "choice",
      initial: "default",
      options: options(["max", "high", "default", "low", "min"]),
    },
    { name: "username", label: "Username", optional: true },
    { name: "password", label: "Password", kind: "secret", optional: true },
    { name: "accessToken", label: "Access token", kind: "secret", optional: true },
  ],
  pushover: [
    { name: "userKey", label: "User key" },
    { name: "apiToken", label: "API token", kind: "secret" },
    { name: "devices", label: "Devices", optional: true, hint: "Comma-separated; empty means all devices." },
    { name: "priority", label: "Priority (-1, 0 or 1)", kind: "number", initial: "0" },
  ],
  telegram: [
    { name: "botToken", label: "Bot token", kind: "secret", placeholder: "123456:ABC-def…" },
    { name: "chatId", label: "Chat ID", placeholder: "-1001234567890 or @channel" },
    { name: "threadId", label: "Topic ID", optional: true },
  ],
  generic: [
    { name: "url", label: "URL", placeholder: "https://hooks.example.com/zerobyte" },
    { name: "method", label: "Method", kind: "choice", initial: "POST", options: options(["POST", "GET"]) },
    { name: "contentType", label: "Content type", optional: true },
    { name: "headers", label: "Headers", kind: "list", optional: true, hint: '"Name: value", one per line.' },
    { name: "useJson", label: "Send JSON (title and message)", kind: "flag", initial: "on" },
    { name: "titleKey", label: "Title key", optional: true, placeholder: "title" },
    { name: "messageKey", label: "Message key", optional: true, placeholder: "message" },
  ],
  healthchecks: [{ name: "url", label: "Ping URL", kind: "secret", placeholder: "https://hc-ping.com/<uuid>" }],
  custom: [{ name: "shoutrrrUrl", label: "shoutrrr URL", kind: "secret", placeholder: "ntfy://ntfy.sh/topic" }],
};

export function readDestinationConfig(type: NotificationType, form: FormData): Record<string, unknown> {
  return { type, ...readConfigFields(DESTINATION_FIELDS[type], form) };
}

export const shownDestinationFields = (type: NotificationType) =>
  DESTINATION_FIELDS[type].map((field) => `config.${field.name}`);
