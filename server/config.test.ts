import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, getConfig, resetConfig } from "./config";

const original = { ...process.env };
afterEach(() => {
  process.env = { ...original };
  resetConfig();
});

function configWith(env: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetConfig();
  return getConfig();
}

describe("configuration", () => {
  it("applies the documented defaults", () => {
    const config = configWith({ PORT: undefined, BASE_URL: undefined, MAX_CONCURRENT_JOBS: undefined });
    expect(config.port).toBe(4096);
    expect(config.baseUrl).toBe("http://localhost:4096");
    expect(config.maxConcurrentJobs).toBe(2);
    expect(config.databaseUrl).toBe(`file:${config.dataDir}/zerobyte.db`);
    expect(config.secureCookies).toBe(false);
  });

  it("makes cookies Secure when BASE_URL is https", () => {
    expect(configWith({ BASE_URL: "https://backup.example.com/" }).secureCookies).toBe(true);
  });

  it("stops with one line naming the variable when a value is wrong", () => {
    expect(() => configWith({ PORT: "not-a-port" })).toThrow(ConfigError);
    expect(() => configWith({ PORT: "not-a-port" })).toThrow(/^Invalid PORT: /);
  });

  it("refuses to start in production without APP_SECRET and says how to make one", () => {
    expect(() => configWith({ NODE_ENV: "production", APP_SECRET: undefined })).toThrow(
      /APP_SECRET is missing.*openssl rand/,
    );
    expect(() => configWith({ APP_SECRET: "short" })).toThrow(/APP_SECRET has the wrong length/);
  });

  it("generates and keeps a development secret in DATA_DIR", () => {
    const first = configWith({ NODE_ENV: "development", APP_SECRET: undefined }).appSecret;
    const second = configWith({ NODE_ENV: "development", APP_SECRET: undefined }).appSecret;
    expect(first).toHaveLength(64);
    expect(second).toBe(first);
  });

  it("reads WEBHOOK_ALLOWED_ORIGINS as normalised origins and refuses anything that is not one", () => {
    expect(configWith({ WEBHOOK_ALLOWED_ORIGINS: undefined }).webhookAllowedOrigins).toEqual([]);
    expect(
      configWith({ WEBHOOK_ALLOWED_ORIGINS: " https://Ntfy.Example.com:443/ ,http://10.0.0.5:8080" })
        .webhookAllowedOrigins,
    ).toEqual(["https://ntfy.example.com", "http://10.0.0.5:8080"]);
    expect(() => configWith({ WEBHOOK_ALLOWED_ORIGINS: "https://hooks.lan/path" })).toThrow(
      /^Invalid WEBHOOK_ALLOWED_ORIGINS: "https:\/\/hooks.lan\/path" is not an origin/,
    );
    expect(() => configWith({ WEBHOOK_ALLOWED_ORIGINS: "hooks.lan" })).toThrow(/WEBHOOK_ALLOWED_ORIGINS/);
  });
});
