// What a sender is handed: one channel's address, credentials and options, resolved from a destination's config
// (delivery-plan.ts), and the one signature every sender has.
import type { SMTP_SECURITY } from "./destination-config.schema";
import type { NotificationMessage } from "./notification-message";

export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

export type DeliveryTarget =
  | {
      kind: "email";
      host: string;
      port: number;
      security: SmtpSecurity;
      insecureTls: boolean;
      username?: string;
      password?: string;
      from: string;
      fromName?: string;
      to: string[];
    }
  | { kind: "slack"; url: string; username?: string; iconEmoji?: string }
  | { kind: "discord"; url: string; username?: string; avatarUrl?: string }
  | { kind: "gotify"; url: string; token: string; priority: number }
  | { kind: "ntfy"; url: string; topic: string; priority: number; authorization?: string }
  | { kind: "pushover"; url: string; apiToken: string; userKey: string; devices?: string; priority: number }
  | { kind: "telegram"; url: string; chatId: string; threadId?: string }
  | {
      kind: "generic";
      url: string;
      method: "GET" | "POST";
      headers: [string, string][];
      contentType?: string;
      useJson: boolean;
      titleKey: string;
      messageKey: string;
    }
  | { kind: "healthchecks"; url: string };

export type TargetOf<K extends DeliveryTarget["kind"]> = Extract<DeliveryTarget, { kind: K }>;

/** Delivers one message or throws (a DeliveryError with the provider's reason); stops when `signal` aborts. */
export type Sender<K extends DeliveryTarget["kind"]> = (
  target: TargetOf<K>,
  message: NotificationMessage,
  signal: AbortSignal,
) => Promise<void>;
