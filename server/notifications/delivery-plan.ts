// From a destination's config to what a sender needs: the exact address to call, the credentials, and which URL the
// outbound allow-list must approve. Fixed providers (Slack, Discord, Pushover, Telegram, ntfy.sh, hc-ping.com) are
// reached at their own hosts only, so they need no allow-list entry, and a config cannot point them elsewhere.
import { getConfig } from "@/server/config";
import { BadRequestError } from "@/server/http/errors";
import type { DeliveryTarget } from "./delivery-target";
import { type DestinationConfig, splitHeader } from "./destination-config.schema";
import { secretValuesOf } from "./destination-secrets";
import { parseShoutrrrUrl } from "./shoutrrr-url";

export type DeliveryPlan = {
  target: DeliveryTarget;
  /** The address a user chose, which must be in WEBHOOK_ALLOWED_ORIGINS; null for fixed providers. */
  guardedUrl: URL | null;
  /** Values to scrub from any error text. */
  secrets: string[];
};

const PROVIDERS = {
  slack: "https://hooks.slack.com",
  discord: "https://discord.com",
  pushover: "https://api.pushover.net",
  telegram: "https://api.telegram.org",
  ntfy: "https://ntfy.sh",
} as const;
/** Public services whose addresses users paste in full; their own origins need no allow-list entry. */
const PUBLIC_ORIGINS = [PROVIDERS.ntfy, "https://hc-ping.com"];

const providerBase = (provider: keyof typeof PROVIDERS) =>
  getConfig().notificationProviderUrls[provider] ?? PROVIDERS[provider];

const NTFY_PRIORITY = { min: 1, low: 2, default: 3, high: 4, max: 5 } as const;
const DISCORD_HOSTS = ["discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"];

function slackTarget(config: Extract<DestinationConfig, { type: "slack" }>): DeliveryTarget {
  const url = new URL(config.webhookUrl);
  if (url.hostname !== "hooks.slack.com" || !url.pathname.startsWith("/services/"))
    throw new BadRequestError(
      "config.webhookUrl must be a Slack incoming webhook (https://hooks.slack.com/services/...); use a generic webhook for other hosts",
    );
  return {
    kind: "slack",
    url: providerBase("slack") + url.pathname,
    username: config.username,
    iconEmoji: config.iconEmoji,
  };
}

function discordTarget(config: Extract<DestinationConfig, { type: "discord" }>): DeliveryTarget {
  const url = new URL(config.webhookUrl);
  const match = /^\/api\/(?:v\d+\/)?webhooks\/(\d+)\/([\w-]+)\/?$/.exec(url.pathname);
  if (!DISCORD_HOSTS.includes(url.hostname) || !match)
    throw new BadRequestError(
      "config.webhookUrl must be a Discord webhook (https://discord.com/api/webhooks/<id>/<token>); use a generic webhook for other hosts",
    );
  const thread = config.threadId ? `?thread_id=${config.threadId}` : "";
  return {
    kind: "discord",
    url: `${providerBase("discord")}/api/webhooks/${match[1]}/${match[2]}${thread}`,
    username: config.username,
    avatarUrl: config.avatarUrl,
  };
}

const joinPath = (base: string, ...parts: (string | undefined)[]) =>
  [base.replace(/\/+$/, ""), ...parts.filter(Boolean).map((part) => part!.replace(/^\/+|\/+$/g, ""))]
    .filter(Boolean)
    .join("/");

/** Only fixed-provider channels that were written by hand skip the allow-list; a custom URL's SMTP host does not. */
function plan(config: Exclude<DestinationConfig, { type: "custom" }>, fromCustomUrl: boolean): DeliveryPlan {
  const secrets = secretValuesOf(config);
  const fixed = (target: DeliveryTarget): DeliveryPlan => ({ target, guardedUrl: null, secrets });
  const guarded = (target: DeliveryTarget, url: string): DeliveryPlan => {
    const parsed = new URL(url);
    return { target, guardedUrl: PUBLIC_ORIGINS.includes(parsed.origin) ? null : parsed, secrets };
  };
  switch (config.type) {
    case "email": {
      const target: DeliveryTarget = {
        kind: "email",
        host: config.smtpHost,
        port: config.smtpPort,
        security: config.security,
        insecureTls: config.insecureTls ?? false,
        username: config.username || undefined,
        password: config.password || undefined,
        from: config.from,
        fromName: config.fromName,
        to: config.to,
      };
      if (!fromCustomUrl) return fixed(target);
      return { target, guardedUrl: new URL(`smtp://${config.smtpHost}:${config.smtpPort}`), secrets };
    }
    case "slack":
      return fixed(slackTarget(config));
    case "discord":
      return fixed(discordTarget(config));
    case "pushover":
      return fixed({
        kind: "pushover",
        url: `${providerBase("pushover")}/1/messages.json`,
        apiToken: config.apiToken,
        userKey: config.userKey,
        devices: config.devices,
        priority: config.priority,
      });
    case "telegram":
      return fixed({
        kind: "telegram",
        url: `${providerBase("telegram")}/bot${config.botToken}/sendMessage`,
        chatId: config.chatId,
        threadId: config.threadId,
      });
    case "gotify":
      return guarded(
        {
          kind: "gotify",
          url: joinPath(config.serverUrl, config.path, "message"),
          token: config.token,
          priority: config.priority,
        },
        config.serverUrl,
      );
    case "ntfy": {
      const authorization = config.accessToken
        ? `Bearer ${config.accessToken}`
        : config.username
          ? `Basic ${Buffer.from(`${config.username}:${config.password ?? ""}`).toString("base64")}`
          : undefined;
      const target: DeliveryTarget = {
        kind: "ntfy",
        url: config.serverUrl ? joinPath(config.serverUrl) : providerBase("ntfy"),
        topic: config.topic,
        priority: NTFY_PRIORITY[config.priority],
        authorization,
      };
      return config.serverUrl ? guarded(target, config.serverUrl) : fixed(target);
    }
    case "generic":
      return guarded(
        {
          kind: "generic",
          url: config.url,
          method: config.method,
          headers: (config.headers ?? []).map(splitHeader),
          contentType: config.contentType,
          useJson: config.useJson,
          titleKey: config.titleKey || "title",
          messageKey: config.messageKey || "message",
        },
        config.url,
      );
    case "healthchecks":
      return guarded({ kind: "healthchecks", url: config.url }, config.url);
  }
}

/** What delivering to this destination means; a config that cannot be delivered is a 400 saying why. */
export function planDelivery(config: DestinationConfig): DeliveryPlan {
  if (config.type !== "custom") return plan(config, false);
  const derived = plan(parseShoutrrrUrl(config.shoutrrrUrl), true);
  return { ...derived, secrets: [config.shoutrrrUrl, ...derived.secrets] };
}
