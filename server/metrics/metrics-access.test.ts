import { afterEach, describe, expect, it } from "vitest";
import type { AuthContext } from "@/server/auth/auth-context";
import { resetConfig } from "@/server/config";
import { authorizeScrape } from "./metrics-access";

const TOKEN = "scrape-token-0123456789";
const request = (token?: string) =>
  new Request("http://localhost/metrics", { headers: token ? { authorization: `Bearer ${token}` } : {} });
const caller = (role: "admin" | "user") => ({ user: { role } }) as AuthContext;

function withToken(token: string | undefined) {
  if (token) process.env.METRICS_TOKEN = token;
  else delete process.env.METRICS_TOKEN;
  resetConfig();
}

afterEach(() => withToken(undefined));

describe("who may scrape /metrics", () => {
  it("without METRICS_TOKEN: 404 to anonymous callers, 403 to members, open to admins", () => {
    withToken(undefined);
    expect(() => authorizeScrape(request(), null)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => authorizeScrape(request("anything-at-all-here"), null)).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(() => authorizeScrape(request(), caller("user"))).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => authorizeScrape(request(), caller("admin"))).not.toThrow();
  });

  it("with METRICS_TOKEN: the token is enough, a wrong or missing one is 401", () => {
    withToken(TOKEN);
    expect(() => authorizeScrape(request(TOKEN), null)).not.toThrow();
    expect(() => authorizeScrape(request(`${TOKEN}x`), null)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => authorizeScrape(request(), null)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => authorizeScrape(request(), caller("admin"))).not.toThrow();
  });
});
