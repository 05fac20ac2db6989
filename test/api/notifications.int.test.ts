// Notification destinations over real HTTP against the built app, delivering to real receivers on loopback: an SMTP
// server that checks auth and records each mail, and an HTTP server standing in for every webhook-style provider.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSseFrames } from "@/server/tasks/sse-test-reader.test-helper";
import { ADMIN, type ApiSession, apiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { getFreePort } from "../fixtures/free-port";
import {
  type HttpReceiver,
  type SmtpReceiver,
  startHttpReceiver,
  startSmtpReceiver,
} from "../fixtures/notification-receivers";

const SECRETS = {
  smtp: "smtp-Pa55word-never-shown",
  slack: "slackHookSecret42",
  discord: "discord-webhook-token-xyz",
  gotify: "GotifyAppToken77",
  ntfy: "tk_ntfyaccesstoken99",
  ntfyPassword: "ntfy-basic-password",
  pushover: "pushoverApiToken123",
  telegram: "987654:telegram-bot-secret",
  header: "Bearer generic-header-secret",
  healthchecks: "f1d2c3b4-hc-uuid",
  custom: "CustomGotifyToken55",
};

let app: AppServer;
let admin: ApiSession;
let smtp: SmtpReceiver;
let receiver: HttpReceiver;
let closedPort: number;
const responses: string[] = [];
/** Output of app instances already stopped. */
const earlierLogs: string[] = [];

function recordResponses(session: ApiSession) {
  session.client.use({
    async onResponse({ response }) {
      responses.push(await response.clone().text());
    },
  });
  return session;
}

const provider = (name: string) => `${name}=${receiver.url}/${name}`;

beforeAll(async () => {
  [smtp, receiver, closedPort] = await Promise.all([
    startSmtpReceiver({ users: { alerts: SECRETS.smtp } }),
    startHttpReceiver(),
    getFreePort(),
  ]);
  app = await startApp({
    WEBHOOK_ALLOWED_ORIGINS: `${receiver.url},http://127.0.0.1:${closedPort}`,
    NOTIFICATION_PROVIDER_URLS_FOR_TESTS: ["slack", "discord", "pushover", "telegram", "ntfy"].map(provider).join(","),
    NOTIFICATION_TIMEOUT_SECONDS: "2",
    LOG_LEVEL: "debug",
  });
  admin = recordResponses(await signUpAdmin(app.url));
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([smtp?.close(), receiver?.close()]);
});

type Body = { name: string; enabled?: boolean; config: Record<string, unknown> };
const create = (body: Body) => admin.client.POST("/api/v1/notifications/destinations", { body: body as never });
const byId = (id: number) => ({ params: { path: { id } } });
const sendTest = (id: number) => admin.client.POST("/api/v1/notifications/destinations/{id}/test", byId(id));
const fetchDestination = async (id: number) =>
  (await admin.client.GET("/api/v1/notifications/destinations/{id}", byId(id))).data!;

async function createOk(body: Body) {
  const { data, response, error } = await create(body);
  expect({ status: response.status, error }).toEqual({ status: 201, error: undefined });
  return data!;
}

/** Creates a destination, tests it, and returns the one request the receiver got for it. */
async function deliveredRequest(body: Body, receivedAt: string) {
  const destination = await createOk(body);
  const before = receiver.at(receivedAt).length;
  const { response, error } = await sendTest(destination.id);
  expect({ status: response.status, error }).toEqual({ status: 200, error: undefined });
  const received = receiver.at(receivedAt);
  expect(received).toHaveLength(before + 1);
  return received.at(-1)!;
}

const TEST_TITLE = "Zerobyte Test Notification";
const testBody = (name: string) => `This is a test notification from Zerobyte for destination: ${name}`;

describe("e-mail", () => {
  it("delivers the test mail once per recipient with the subject, body and SMTP auth", async () => {
    const destination = await createOk({
      name: "Ops mail",
      config: {
        type: "email",
        smtpHost: "127.0.0.1",
        smtpPort: smtp.port,
        username: "alerts",
        password: SECRETS.smtp,
        from: "zerobyte@example.com",
        fromName: "Zerobyte",
        to: ["ops@example.com", "oncall@example.com"],
        useTLS: false,
      },
    });
    expect(destination).toMatchObject({ name: "Ops mail", type: "email", enabled: true, status: "unknown" });
    expect(destination.config).toMatchObject({ password: "********", security: "none", useTLS: false });

    const { data, response } = await sendTest(destination.id);
    expect(response.status).toBe(200);
    expect(data).toEqual({ success: true });
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail.auth).toEqual({ username: "alerts", password: SECRETS.smtp });
    expect(mail.from).toBe("zerobyte@example.com");
    expect(mail.to).toEqual(["ops@example.com", "oncall@example.com"]);
    expect(mail.raw).toMatch(/^Subject: Zerobyte Test Notification\r?$/m);
    expect(mail.raw).toMatch(/^From: Zerobyte <zerobyte@example.com>\r?$/m);
    expect(mail.raw).toContain(testBody("Ops mail"));

    const checked = await fetchDestination(destination.id);
    expect(checked).toMatchObject({ status: "healthy", lastError: null });
    expect(checked.lastChecked).toBeGreaterThan(0);
  });

  it("keeps the stored password when the masked config is sent back", async () => {
    const [existing] = (await admin.client.GET("/api/v1/notifications/destinations")).data!;
    const { data, response } = await admin.client.PATCH("/api/v1/notifications/destinations/{id}", {
      ...byId(existing.id),
      body: { config: { ...existing.config, fromName: "Backups" } as never },
    });
    expect(response.status).toBe(200);
    expect(data?.config).toMatchObject({ password: "********", fromName: "Backups" });
    expect((await sendTest(existing.id)).response.status).toBe(200);
    expect(smtp.mails.at(-1)?.auth).toEqual({ username: "alerts", password: SECRETS.smtp });
    expect(smtp.mails.at(-1)?.raw).toMatch(/^From: Backups <zerobyte@example.com>\r?$/m);
  });

  it("speaks STARTTLS and implicit TLS", async () => {
    const starttls = await startSmtpReceiver();
    const tls = await startSmtpReceiver({ tls: true });
    try {
      for (const [server, security] of [
        [starttls, "starttls"],
        [tls, "tls"],
      ] as const) {
        const destination = await createOk({
          name: `mail over ${security}`,
          config: {
            type: "email",
            smtpHost: "127.0.0.1",
            smtpPort: server.port,
            from: "zerobyte@example.com",
            to: ["ops@example.com"],
            security,
            insecureTls: true,
          },
        });
        expect((await sendTest(destination.id)).response.status).toBe(200);
        expect(server.mails.map((mail) => mail.secure)).toEqual([true]);
      }
    } finally {
      await Promise.all([starttls.close(), tls.close()]);
    }
  });
});

describe("webhook-style channels, each in its provider's format", () => {
  it("Slack", async () => {
    const request = await deliveredRequest(
      {
        name: "slack",
        config: {
          type: "slack",
          webhookUrl: `https://hooks.slack.com/services/T000/B000/${SECRETS.slack}`,
          username: "zerobyte",
          iconEmoji: ":floppy_disk:",
        },
      },
      `/slack/services/T000/B000/${SECRETS.slack}`,
    );
    expect(request.method).toBe("POST");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual({
      text: `*${TEST_TITLE}*\n${testBody("slack")}`,
      username: "zerobyte",
      icon_emoji: ":floppy_disk:",
    });
  });

  it("Discord, into a thread", async () => {
    const request = await deliveredRequest(
      {
        name: "discord",
        config: {
          type: "discord",
          webhookUrl: `https://discord.com/api/webhooks/1234567890/${SECRETS.discord}`,
          threadId: "555",
        },
      },
      `/discord/api/webhooks/1234567890/${SECRETS.discord}`,
    );
    expect(request.query.get("thread_id")).toBe("555");
    expect(JSON.parse(request.body)).toEqual({
      embeds: [{ title: TEST_TITLE, description: testBody("discord"), color: 0x3498db }],
    });
  });

  it("Gotify, with the token in its header", async () => {
    const request = await deliveredRequest(
      {
        name: "gotify",
        config: { type: "gotify", serverUrl: receiver.url, path: "gotify", token: SECRETS.gotify, priority: 7 },
      },
      "/gotify/message",
    );
    expect(request.headers["x-gotify-key"]).toBe(SECRETS.gotify);
    expect(JSON.parse(request.body)).toEqual({ title: TEST_TITLE, message: testBody("gotify"), priority: 7 });
  });

  it("ntfy self-hosted with an access token, and ntfy.sh with basic auth", async () => {
    const selfHosted = await deliveredRequest(
      {
        name: "ntfy",
        config: {
          type: "ntfy",
          serverUrl: `${receiver.url}/self-ntfy`,
          topic: "backups",
          priority: "high",
          accessToken: SECRETS.ntfy,
        },
      },
      "/self-ntfy/",
    );
    expect(selfHosted.headers.authorization).toBe(`Bearer ${SECRETS.ntfy}`);
    expect(JSON.parse(selfHosted.body)).toEqual({
      topic: "backups",
      title: TEST_TITLE,
      message: testBody("ntfy"),
      priority: 4,
      tags: ["arrow_forward"],
    });
    const hosted = await deliveredRequest(
      {
        name: "ntfy.sh",
        config: { type: "ntfy", topic: "zb-alerts", username: "me", password: SECRETS.ntfyPassword },
      },
      "/ntfy/",
    );
    expect(hosted.headers.authorization).toBe(`Basic ${Buffer.from(`me:${SECRETS.ntfyPassword}`).toString("base64")}`);
    expect(JSON.parse(hosted.body)).toMatchObject({ topic: "zb-alerts", priority: 3 });
  });

  it("Pushover", async () => {
    const request = await deliveredRequest(
      {
        name: "pushover",
        config: {
          type: "pushover",
          userKey: "uQiRzpo4DXghDmr9QzzfQu27cmVRsG",
          apiToken: SECRETS.pushover,
          priority: 1,
        },
      },
      "/pushover/1/messages.json",
    );
    expect(request.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      token: SECRETS.pushover,
      user: "uQiRzpo4DXghDmr9QzzfQu27cmVRsG",
      title: TEST_TITLE,
      message: testBody("pushover"),
      priority: "1",
    });
  });

  it("Telegram, into a forum topic", async () => {
    const request = await deliveredRequest(
      { name: "telegram", config: { type: "telegram", botToken: SECRETS.telegram, chatId: "-1001234", threadId: 42 } },
      `/telegram/bot${SECRETS.telegram}/sendMessage`,
    );
    expect(JSON.parse(request.body)).toEqual({
      chat_id: "-1001234",
      text: `${TEST_TITLE}\n\n${testBody("telegram")}`,
      message_thread_id: 42,
    });
  });

  it("generic webhooks: JSON by POST with the user's keys and headers, or query parameters by GET", async () => {
    const posted = await deliveredRequest(
      {
        name: "generic",
        config: {
          type: "generic",
          url: `${receiver.url}/generic?source=zb`,
          headers: [`Authorization: ${SECRETS.header}`, "X-Team: ops"],
          titleKey: "subject",
          messageKey: "text",
        },
      },
      "/generic",
    );
    expect(posted.method).toBe("POST");
    expect(posted.query.get("source")).toBe("zb");
    expect(posted.headers).toMatchObject({ authorization: SECRETS.header, "x-team": "ops" });
    expect(JSON.parse(posted.body)).toEqual({ subject: TEST_TITLE, text: testBody("generic") });

    const got = await deliveredRequest(
      { name: "generic get", config: { type: "generic", url: `${receiver.url}/generic-get`, method: "GET" } },
      "/generic-get",
    );
    expect(got.method).toBe("GET");
    expect(Object.fromEntries(got.query)).toEqual({ title: TEST_TITLE, message: testBody("generic get") });
  });

  it("Healthchecks-style ping: the test pings the check's URL with the text as body", async () => {
    const request = await deliveredRequest(
      { name: "hc", config: { type: "healthchecks", url: `${receiver.url}/ping/${SECRETS.healthchecks}` } },
      `/ping/${SECRETS.healthchecks}`,
    );
    expect(request.method).toBe("POST");
    expect(request.body).toBe(`${TEST_TITLE}\n\n${testBody("hc")}`);
  });

  it("custom: a shoutrrr URL is delivered by the sender it names", async () => {
    const port = new URL(receiver.url).port;
    const request = await deliveredRequest(
      {
        name: "custom gotify",
        config: { type: "custom", shoutrrrUrl: `gotify://127.0.0.1:${port}/sub/${SECRETS.custom}?disabletls=yes` },
      },
      "/sub/message",
    );
    expect(request.headers["x-gotify-key"]).toBe(SECRETS.custom);
    expect(JSON.parse(request.body)).toMatchObject({ title: TEST_TITLE, message: testBody("custom gotify") });
  });
});

describe("input", () => {
  it("refuses an unsupported shoutrrr scheme, naming the supported ones", async () => {
    const { response, error } = await create({
      name: "matrix",
      config: { type: "custom", shoutrrrUrl: "matrix://user:pw@matrix.example.com/" },
    });
    expect(response.status).toBe(400);
    expect(error?.message).toBe(
      'config.shoutrrrUrl: the scheme "matrix" is not supported; supported schemes are smtp, slack, discord, gotify, ntfy, pushover, telegram, generic, generic+http, generic+https',
    );
  });

  it("answers bad names, types, masks and ids with a 400 or 404 that says what is wrong", async () => {
    const empty = await create({ name: " ", config: { type: "ntfy", topic: "x" } });
    expect([empty.response.status, empty.error?.message]).toEqual([
      400,
      "Invalid request body: name: must not be empty",
    ]);
    const unknown = await create({ name: "x", config: { type: "pager" } });
    expect(unknown.response.status).toBe(400);
    expect(unknown.error?.message).toMatch(/type must be one of email, slack/);
    const mask = await create({ name: "x", config: { type: "gotify", serverUrl: receiver.url, token: "********" } });
    expect([mask.response.status, mask.error?.message]).toEqual([
      400,
      'config.token: send the value itself; "********" only keeps a value already stored',
    ]);
    const missing = await admin.client.GET("/api/v1/notifications/destinations/{id}", byId(999_999));
    expect([missing.response.status, missing.error?.message]).toEqual([404, "Notification destination not found"]);
    const notANumber = await admin.raw("/api/v1/notifications/destinations/abc");
    expect(notANumber.status).toBe(400);
  });

  it("lists destinations by name and deletes them", async () => {
    const names = (await admin.client.GET("/api/v1/notifications/destinations")).data!.map((d) => d.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const doomed = await createOk({ name: "doomed", config: { type: "ntfy", topic: "bye" } });
    const { data, response } = await admin.client.DELETE("/api/v1/notifications/destinations/{id}", byId(doomed.id));
    expect([response.status, data]).toEqual([200, { message: "Notification destination deleted" }]);
    expect((await admin.client.GET("/api/v1/notifications/destinations/{id}", byId(doomed.id))).response.status).toBe(
      404,
    );
  });
});

describe("delivery failures", () => {
  it("reports the reason from the test endpoint, turns the status to error, and says so over SSE", async () => {
    const events = readSseFrames(await admin.raw("/api/v1/events"));
    const destination = await createOk({
      name: "down",
      config: { type: "generic", url: `http://127.0.0.1:${closedPort}/hook` },
    });
    const { response, error } = await sendTest(destination.id);
    expect(response.status).toBe(502);
    expect(error?.message).toBe(`Failed to send test notification: connect ECONNREFUSED 127.0.0.1:${closedPort}`);
    const failed = await fetchDestination(destination.id);
    expect(failed).toMatchObject({ status: "error", lastError: `connect ECONNREFUSED 127.0.0.1:${closedPort}` });
    expect(failed.lastChecked).toBeGreaterThan(0);
    const frames = await events.until((frame) => frame.event === "notification:updated");
    expect(frames.at(-1)?.data).toMatchObject({
      notificationId: destination.id,
      notificationName: "down",
      status: "error",
    });
    await events.cancel();
  });

  it("passes on what the provider answered, and turns healthy again once delivery works", async () => {
    receiver.reply("/telegram/bot1:AAA/sendMessage", {
      status: 400,
      body: JSON.stringify({ ok: false, error_code: 400, description: "Bad Request: chat not found" }),
    });
    const destination = await createOk({ name: "tg", config: { type: "telegram", botToken: "1:AAA", chatId: "77" } });
    const { response, error } = await sendTest(destination.id);
    expect([response.status, error?.message]).toEqual([
      502,
      "Failed to send test notification: HTTP 400: Bad Request: chat not found",
    ]);
    receiver.reply("/telegram/bot1:AAA/sendMessage", { status: 200, body: '{"ok":true}' });
    expect((await sendTest(destination.id)).response.status).toBe(200);
    expect(await fetchDestination(destination.id)).toMatchObject({ status: "healthy", lastError: null });
  });

  it("gives up on a webhook that never answers after NOTIFICATION_TIMEOUT_SECONDS", async () => {
    receiver.reply("/never", "hang");
    const destination = await createOk({ name: "slow", config: { type: "generic", url: `${receiver.url}/never` } });
    const started = performance.now();
    const { response, error } = await sendTest(destination.id);
    const elapsed = performance.now() - started;
    expect([response.status, error?.message]).toEqual([502, "Failed to send test notification: no answer within 2 s"]);
    expect(elapsed).toBeGreaterThan(1_900);
    expect(elapsed).toBeLessThan(6_000);
  });
});

describe("the outbound allow-list (WEBHOOK_ALLOWED_ORIGINS)", () => {
  const message = (origin: string) =>
    `The origin ${origin} is not allowed for outbound requests. Add ${origin} to WEBHOOK_ALLOWED_ORIGINS.`;

  it("refuses a host that is not listed at create and on update, naming the variable", async () => {
    const created = await create({
      name: "elsewhere",
      config: { type: "generic", url: "http://127.0.0.2:8080/hook" },
    });
    expect([created.response.status, created.error?.message]).toEqual([400, message("http://127.0.0.2:8080")]);
    const viaCustom = await create({
      name: "custom smtp",
      config: { type: "custom", shoutrrrUrl: `smtp://127.0.0.1:${smtp.port}/?from=a@b.co&to=c@d.co` },
    });
    expect([viaCustom.response.status, viaCustom.error?.message]).toEqual([
      400,
      message(`smtp://127.0.0.1:${smtp.port}`),
    ]);

    const destination = await createOk({
      name: "allowed",
      config: { type: "gotify", serverUrl: receiver.url, token: "tok1" },
    });
    const moved = await admin.client.PATCH("/api/v1/notifications/destinations/{id}", {
      ...byId(destination.id),
      body: { config: { type: "gotify", serverUrl: "https://push.example.com", token: "********" } as never },
    });
    expect([moved.response.status, moved.error?.message]).toEqual([400, message("https://push.example.com")]);
    expect((await fetchDestination(destination.id)).config).toMatchObject({ serverUrl: receiver.url });
  });

  it("refuses at send time once the origin is no longer listed", async () => {
    const destination = await createOk({
      name: "later refused",
      config: { type: "generic", url: `${receiver.url}/refused-later` },
    });
    await app.stop();
    earlierLogs.push(app.output());
    app = await startApp({ DATA_DIR: app.dataDir, WEBHOOK_ALLOWED_ORIGINS: "", LOG_LEVEL: "debug" });
    admin = recordResponses(apiSession(app.url));
    await admin.client.POST("/api/auth/sign-in/email", { body: { email: ADMIN.email, password: ADMIN.password } });
    const { response, error } = await sendTest(destination.id);
    expect([response.status, error?.message]).toEqual([400, message(receiver.url)]);
    expect(receiver.at("/refused-later")).toEqual([]);
    expect(await fetchDestination(destination.id)).toMatchObject({ status: "error", lastError: message(receiver.url) });
  });
});

describe("secrets", () => {
  function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? filesUnder(file) : [file];
    });
  }

  it("appear in no response, no log line and nowhere in clear in DATA_DIR", async () => {
    expect(responses.length).toBeGreaterThan(30);
    const everything = responses.join("\n");
    const logs = [...earlierLogs, app.output()].join("\n");
    expect(logs).toContain("notification failed");
    const files = filesUnder(app.dataDir).map((file) => [file, readFileSync(file)] as const);
    expect(files.map(([file]) => path.basename(file))).toContain("zerobyte.db");
    for (const secret of Object.values(SECRETS)) {
      expect({ secret, inResponses: everything.includes(secret) }).toEqual({ secret, inResponses: false });
      expect({ secret, inLogs: logs.includes(secret) }).toEqual({ secret, inLogs: false });
      const leaking = files.filter(([, content]) => content.includes(secret)).map(([file]) => file);
      expect({ secret, leaking }).toEqual({ secret, leaking: [] });
    }
  });
});
