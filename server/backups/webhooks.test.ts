import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/server/config";
import { isEncrypted } from "@/server/crypto/secrets";
import { webhookReceiver } from "@/test/fixtures/webhook-receiver";
import { assertWebhookAllowed, maskWebhooks, sealWebhooks, sendWebhook, webhookSchema } from "./webhooks";

let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
beforeAll(async () => {
  receiver = await webhookReceiver((path) => (path === "/fail" ? 500 : path === "/moved" ? 302 : 200));
  process.env.WEBHOOK_ALLOWED_ORIGINS = `https://hooks.example.com, ${receiver.origin}`;
  resetConfig();
});
afterAll(async () => {
  await receiver.close();
  delete process.env.WEBHOOK_ALLOWED_ORIGINS;
  resetConfig();
});

const payload = {
  jobId: "task-1",
  scheduleId: "abcd1234",
  organizationId: "org",
  sourcePath: "/data",
};

describe("backup webhooks", () => {
  it("allows only the listed origins", () => {
    expect(() => assertWebhookAllowed("https://hooks.example.com/ping?x=1")).not.toThrow();
    expect(() => assertWebhookAllowed("https://evil.example.com/ping")).toThrow(
      "The origin https://evil.example.com is not allowed for outbound requests. Add https://evil.example.com to WEBHOOK_ALLOWED_ORIGINS.",
    );
  });

  it("validates the shape: URL scheme, header syntax, header injection", () => {
    expect(webhookSchema.safeParse({ url: "ftp://x/y" }).success).toBe(false);
    expect(webhookSchema.safeParse({ url: "https://u:p@x/y" }).success).toBe(false);
    expect(webhookSchema.safeParse({ url: "https://x/y", headers: ["no colon"] }).success).toBe(false);
    expect(webhookSchema.safeParse({ url: "https://x/y", headers: ["X-A: b\r\nX-Injected: 1"] }).success).toBe(false);
    expect(webhookSchema.safeParse({ url: "https://x/y", headers: ["Authorization: Bearer t"] }).success).toBe(true);
  });

  it("stores header values encrypted, masks them, and keeps a masked value on update", () => {
    const sealed = sealWebhooks(
      { pre: { url: "https://x/y", headers: ["Authorization: Bearer s3cret"] }, post: null },
      null,
    );
    const stored = sealed!.pre!.headers![0];
    expect(stored).not.toContain("s3cret");
    expect(isEncrypted(stored.slice("Authorization: ".length))).toBe(true);
    expect(maskWebhooks(sealed)!.pre!.headers).toEqual(["Authorization: ********"]);
    const kept = sealWebhooks(
      { pre: { url: "https://x/y", headers: ["authorization: ********"] }, post: null },
      sealed,
    );
    expect(kept!.pre!.headers).toEqual([stored]);
    expect(() =>
      sealWebhooks({ pre: { url: "https://x/y", headers: ["X-New: ********"] }, post: null }, sealed),
    ).toThrow(/no stored value/);
  });

  it("POSTs the default JSON payload with the decrypted headers", async () => {
    const [hook] = [
      sealWebhooks({ pre: { url: `${receiver.origin}/hook`, headers: ["X-Token: abc"] }, post: null }, null)!.pre!,
    ];
    await sendWebhook(hook, { ...payload, phase: "post", status: "success" });
    const request = receiver.received.at(-1)!;
    expect(request.method).toBe("POST");
    expect(request.headers["x-token"]).toBe("abc");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual({ ...payload, phase: "post", event: "backup.post", status: "success" });
  });

  it("sends a custom body verbatim", async () => {
    await sendWebhook({ url: `${receiver.origin}/raw`, body: "plain text" }, { ...payload, phase: "pre" });
    expect(receiver.received.at(-1)!.body).toBe("plain text");
  });

  it("fails on a non-2xx answer, a redirect, a refused origin and a dead host", async () => {
    await expect(sendWebhook({ url: `${receiver.origin}/fail` }, { ...payload, phase: "pre" })).rejects.toThrow(
      /pre-backup webhook .*\/fail answered HTTP 500/,
    );
    await expect(sendWebhook({ url: `${receiver.origin}/moved` }, { ...payload, phase: "pre" })).rejects.toThrow(
      /answered HTTP 302/,
    );
    expect(receiver.received.some((request) => request.path === "/redirected")).toBe(false);
    await expect(sendWebhook({ url: "https://evil.example.com/x" }, { ...payload, phase: "pre" })).rejects.toThrow(
      /not allowed/,
    );
    process.env.WEBHOOK_ALLOWED_ORIGINS = "http://127.0.0.1:9";
    resetConfig();
    await expect(sendWebhook({ url: "http://127.0.0.1:9/x" }, { ...payload, phase: "pre" })).rejects.toThrow(
      /ECONNREFUSED/,
    );
    process.env.WEBHOOK_ALLOWED_ORIGINS = receiver.origin;
    resetConfig();
  });
});
