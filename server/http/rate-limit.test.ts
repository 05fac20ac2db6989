import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/server/config";
import { enforceRateLimit, MAX_TRACKED, trackedAddresses } from "./rate-limit";

const request = (ip: string) => new Request("http://localhost/api/v1/x", { headers: { "x-forwarded-for": ip } });

beforeAll(() => {
  process.env.DISABLE_RATE_LIMITING = "false";
  process.env.RATE_LIMIT_MAX = "2";
  resetConfig();
});
afterAll(() => {
  process.env.DISABLE_RATE_LIMITING = "true";
  delete process.env.RATE_LIMIT_MAX;
  resetConfig();
});

describe("rate limit", () => {
  it("counts an IPv6 /64 as one client", () => {
    enforceRateLimit(request("2001:db8:1:2::1"), 0);
    enforceRateLimit(request("2001:db8:1:2::2"), 0);
    expect(() => enforceRateLimit(request("2001:db8:1:2::3"), 0)).toThrow(/Too many requests/);
  });

  it("keeps at most MAX_TRACKED windows however many addresses arrive within one window", () => {
    for (let i = 0; i < MAX_TRACKED + 3_000; i++) {
      enforceRateLimit(request(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`), 1_000);
    }
    expect(trackedAddresses()).toBeLessThanOrEqual(MAX_TRACKED);
  });
});
