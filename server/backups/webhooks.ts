// Backup pre/post webhooks (reference §5.8): a POST to an allow-listed origin before and after each run. Header
// values often carry tokens, so they are encrypted at rest and masked in responses like every other secret.
import http from "node:http";
import https from "node:https";
import { z } from "zod";
import { getConfig } from "@/server/config";
import { SECRET_MASK } from "@/server/crypto/config-secrets";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { BadRequestError } from "@/server/http/errors";
import { assertOriginAllowed } from "@/server/http/outbound-allow-list";

const MAX_BODY_BYTES = 64 * 1024;
const MAX_HEADERS = 32;
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER = /^([A-Za-z0-9-]+):[ \t]*(.*)$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: header values must not carry CR/LF or other controls
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\u007f]/;

export const webhookSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "url must be an http or https URL" })
    .refine((url) => !new URL(url).username && !new URL(url).password, "url must not contain credentials"),
  /** `"Name: value"` lines; values come back masked. */
  headers: z
    .array(
      z
        .string()
        .regex(HEADER, 'each header must look like "Name: value" (name: letters, digits, "-")')
        .refine((line) => !CONTROL_CHARACTERS.test(line), "headers must not contain control characters"),
    )
    .max(MAX_HEADERS, `at most ${MAX_HEADERS} headers`)
    .refine((lines) => Buffer.byteLength(lines.join("\r\n")) <= MAX_HEADER_BYTES, "headers must fit in 8 KiB")
    .optional(),
  /** Sent verbatim instead of the default JSON payload. */
  body: z
    .string()
    .refine((body) => Buffer.byteLength(body) <= MAX_BODY_BYTES, "body must be at most 64 KiB")
    .optional(),
  insecureTls: z.boolean().optional(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const backupWebhooksSchema = z.object({
  pre: webhookSchema.nullable().default(null),
  post: webhookSchema.nullable().default(null),
});
export type BackupWebhooks = z.infer<typeof backupWebhooksSchema>;

/** Throws a 400 when the URL's origin is not in WEBHOOK_ALLOWED_ORIGINS (checked on save and before each send). */
export function assertWebhookAllowed(url: string): void {
  assertOriginAllowed(new URL(url));
}

const split = (line: string) => {
  const [, name, value] = line.match(HEADER)!;
  return { name, value };
};

function mapWebhooks(hooks: BackupWebhooks | null, change: (hook: Webhook, phase: keyof BackupWebhooks) => Webhook) {
  if (!hooks) return null;
  return {
    pre: hooks.pre && change(hooks.pre, "pre"),
    post: hooks.post && change(hooks.post, "post"),
  };
}

/** For storage: header values encrypted; a masked value sent back keeps the stored one for that header name. */
export function sealWebhooks(hooks: BackupWebhooks | null, previous: BackupWebhooks | null): BackupWebhooks | null {
  return mapWebhooks(hooks, (hook, phase) => ({
    ...hook,
    headers: hook.headers?.map((line) => {
      const { name, value } = split(line);
      if (value !== SECRET_MASK) return `${name}: ${encryptSecret(value)}`;
      const kept = previous?.[phase]?.headers?.find(
        (stored) => split(stored).name.toLowerCase() === name.toLowerCase(),
      );
      if (!kept) throw new BadRequestError(`Header ${name} has no stored value to keep; send its value`);
      return kept;
    }),
  }));
}

export function maskWebhooks(hooks: BackupWebhooks | null): BackupWebhooks | null {
  return mapWebhooks(hooks, (hook) => ({
    ...hook,
    headers: hook.headers?.map((line) => `${split(line).name}: ${SECRET_MASK}`),
  }));
}

export type WebhookPayload = {
  phase: "pre" | "post";
  jobId: string;
  scheduleId: string;
  organizationId: string;
  sourcePath: string;
  status?: "success" | "warning" | "error" | "cancelled";
  error?: string;
};

function post(url: URL, headers: Record<string, string>, body: string, insecureTls: boolean): Promise<number> {
  const { webhookTimeoutMs } = getConfig();
  return new Promise((resolve, reject) => {
    const transport = url.protocol === "https:" ? https : http;
    const request = transport.request(
      url,
      {
        method: "POST",
        headers: { "content-length": String(Buffer.byteLength(body)), ...headers },
        timeout: webhookTimeoutMs,
        ...(url.protocol === "https:" ? { rejectUnauthorized: !insecureTls } : {}),
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${webhookTimeoutMs / 1000} s`)));
    request.on("error", reject);
    request.end(body);
  });
}

/** Sends one webhook (stored form, header values encrypted); throws an Error saying why it failed. Redirects are not followed. */
export async function sendWebhook(hook: Webhook, payload: WebhookPayload): Promise<void> {
  const url = new URL(hook.url);
  const where = `${payload.phase}-backup webhook ${url.origin}${url.pathname}`;
  try {
    assertWebhookAllowed(hook.url);
  } catch (error) {
    throw new Error(`${where} failed: ${(error as Error).message}`);
  }
  const headers: Record<string, string> = {};
  for (const line of hook.headers ?? []) {
    const { name, value } = split(line);
    headers[name] = decryptSecret(value);
  }
  let body = hook.body;
  if (body === undefined) {
    body = JSON.stringify({ ...payload, event: `backup.${payload.phase}` });
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) {
      headers["content-type"] = "application/json";
    }
  }
  const status = await post(url, headers, body, hook.insecureTls ?? false).catch((error: Error) => {
    throw new Error(`${where} failed: ${error.message}`);
  });
  if (status < 200 || status >= 300) throw new Error(`${where} answered HTTP ${status}`);
}
