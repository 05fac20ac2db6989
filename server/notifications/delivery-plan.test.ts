import { afterEach, describe, expect, it } from "vitest";
import { resetConfig } from "@/server/config";
import { assertOriginAllowed } from "@/server/http/outbound-allow-list";
import { planDelivery } from "./delivery-plan";
import { type DestinationConfig, destinationConfigSchema } from "./destination-config.schema";

const plan = (config: unknown) => planDelivery(destinationConfigSchema.parse(config) as DestinationConfig);
const guarded = (config: unknown) => plan(config).guardedUrl?.toString() ?? null;

afterEach(() => {
  delete process.env.WEBHOOK_ALLOWED_ORIGINS;
  delete process.env.NOTIFICATION_PROVIDER_URLS_FOR_TESTS;
  resetConfig();
});

describe("which address the allow-list must approve", () => {
  it("guards self-hosted servers and webhooks, not fixed providers", () => {
    expect(guarded({ type: "generic", url: "http://10.0.0.5:8080/hook?x=1" })).toBe("http://10.0.0.5:8080/hook?x=1");
    expect(guarded({ type: "gotify", serverUrl: "https://push.lan", token: "t" })).toBe("https://push.lan/");
    expect(guarded({ type: "ntfy", serverUrl: "http://ntfy.lan:81", topic: "b" })).toBe("http://ntfy.lan:81/");
    expect(guarded({ type: "healthchecks", url: "https://hc.lan/ping/abc" })).toBe("https://hc.lan/ping/abc");
    expect(guarded({ type: "ntfy", topic: "b" })).toBeNull();
    expect(guarded({ type: "ntfy", serverUrl: "https://ntfy.sh", topic: "b" })).toBeNull();
    expect(guarded({ type: "healthchecks", url: "https://hc-ping.com/5d2b" })).toBeNull();
    expect(guarded({ type: "telegram", botToken: "1:a", chatId: "12" })).toBeNull();
    expect(guarded({ type: "pushover", userKey: "u", apiToken: "t" })).toBeNull();
    expect(guarded({ type: "slack", webhookUrl: "https://hooks.slack.com/services/A/B/C" })).toBeNull();
  });

  it("guards the SMTP host of a custom URL, as the original, but not of a native e-mail destination", () => {
    expect(guarded({ type: "custom", shoutrrrUrl: "smtp://mail.lan:2525/?from=a@b.co&to=c@d.co" })).toBe(
      "smtp://mail.lan:2525",
    );
    expect(guarded({ type: "email", smtpHost: "mail.lan", smtpPort: 2525, from: "a@b.co", to: ["c@d.co"] })).toBeNull();
    expect(guarded({ type: "custom", shoutrrrUrl: "discord://tok@123" })).toBeNull();
  });

  it("compares origins exactly: scheme, host and port", () => {
    process.env.WEBHOOK_ALLOWED_ORIGINS = "http://10.0.0.5:8080, https://push.lan";
    resetConfig();
    expect(() => assertOriginAllowed(new URL("http://10.0.0.5:8080/any/path"))).not.toThrow();
    expect(() => assertOriginAllowed(new URL("https://push.lan:443/x"))).not.toThrow();
    expect(() => assertOriginAllowed(new URL("http://push.lan/x"))).toThrow(
      "The origin http://push.lan is not allowed for outbound requests. Add http://push.lan to WEBHOOK_ALLOWED_ORIGINS.",
    );
    expect(() => assertOriginAllowed(new URL("http://10.0.0.5:8081/"))).toThrow(/WEBHOOK_ALLOWED_ORIGINS/);
  });
});

describe("fixed providers", () => {
  it("reach only the provider's own host, whatever host the pasted URL names", () => {
    expect(() => plan({ type: "slack", webhookUrl: "https://evil.lan/services/A/B/C" })).toThrow(
      /must be a Slack incoming webhook/,
    );
    expect(() => plan({ type: "discord", webhookUrl: "http://169.254.169.254/api/webhooks/1/x" })).toThrow(
      /must be a Discord webhook/,
    );
    expect(
      plan({ type: "discord", webhookUrl: "https://discordapp.com/api/v10/webhooks/12/t-k", threadId: "9" }).target,
    ).toMatchObject({ url: "https://discord.com/api/webhooks/12/t-k?thread_id=9" });
  });

  it("builds each provider's API address, and tests may point them at a local receiver", () => {
    process.env.NOTIFICATION_PROVIDER_URLS_FOR_TESTS = "telegram=http://127.0.0.1:9/tg,slack=http://127.0.0.1:9/";
    resetConfig();
    expect(plan({ type: "telegram", botToken: "12:ab", chatId: "@opsteam" }).target).toMatchObject({
      url: "http://127.0.0.1:9/tg/bot12:ab/sendMessage",
      chatId: "@opsteam",
    });
    expect(plan({ type: "slack", webhookUrl: "https://hooks.slack.com/services/A/B/C" }).target).toMatchObject({
      url: "http://127.0.0.1:9/services/A/B/C",
    });
    expect(plan({ type: "pushover", userKey: "u", apiToken: "t" }).target).toMatchObject({
      url: "https://api.pushover.net/1/messages.json",
    });
    expect(plan({ type: "gotify", serverUrl: "https://push.lan/", path: "/gotify/", token: "t" }).target).toMatchObject(
      {
        url: "https://push.lan/gotify/message",
      },
    );
  });

  it("sends ntfy credentials as a token or basic auth, and scrubs a custom URL's parts", () => {
    expect(plan({ type: "ntfy", topic: "b", accessToken: "tk_1" }).target).toMatchObject({
      authorization: "Bearer tk_1",
      url: "https://ntfy.sh",
      priority: 3,
    });
    expect(plan({ type: "ntfy", topic: "b", username: "me", password: "pw" }).target).toMatchObject({
      authorization: `Basic ${Buffer.from("me:pw").toString("base64")}`,
    });
    const custom = plan({ type: "custom", shoutrrrUrl: "telegram://12:secret-part@telegram?chats=5" });
    expect(custom.secrets).toEqual(["telegram://12:secret-part@telegram?chats=5", "12:secret-part"]);
  });
});
