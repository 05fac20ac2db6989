// One pino logger. Anything that can carry a secret is redacted by path, so a careless log call cannot leak it.
import pino from "pino";
import { getConfig } from "@/server/config";

const holder = globalThis as unknown as { __zerobyteLogger?: pino.Logger };

export const REDACTED_PATHS = [
  "password",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.secret",
  "*.token",
  "*.key",
  "headers.authorization",
  "headers.cookie",
  'headers["x-api-key"]',
  'headers["set-cookie"]',
  "*.headers.authorization",
  "*.headers.cookie",
  '*.headers["x-api-key"]',
];

export function getLogger(): pino.Logger {
  holder.__zerobyteLogger ??= pino({
    level: getConfig().logLevel,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    base: undefined,
  });
  return holder.__zerobyteLogger;
}
