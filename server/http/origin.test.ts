import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./origin";

const trusted = ["http://localhost:4096", "https://backup.example.com"];

describe("isSameOriginRequest", () => {
  it("lets safe methods through from anywhere", () => {
    expect(isSameOriginRequest("GET", { origin: "https://evil.example" }, trusted)).toBe(true);
  });

  it("accepts state changes from a trusted origin or from no browser at all", () => {
    expect(isSameOriginRequest("POST", { origin: "http://localhost:4096" }, trusted)).toBe(true);
    expect(isSameOriginRequest("DELETE", { origin: "https://backup.example.com" }, trusted)).toBe(true);
    expect(isSameOriginRequest("POST", {}, trusted)).toBe(true);
    expect(isSameOriginRequest("POST", { referer: "http://localhost:4096/settings" }, trusted)).toBe(true);
  });

  it("refuses state changes a page of another origin makes a browser send", () => {
    expect(isSameOriginRequest("POST", { origin: "https://evil.example" }, trusted)).toBe(false);
    expect(isSameOriginRequest("POST", { origin: "http://localhost:4097" }, trusted)).toBe(false);
    expect(isSameOriginRequest("PATCH", { origin: "null" }, trusted)).toBe(false);
    expect(isSameOriginRequest("POST", { "sec-fetch-site": "cross-site" }, trusted)).toBe(false);
    expect(isSameOriginRequest("POST", { referer: "https://evil.example/form" }, trusted)).toBe(false);
  });
});
