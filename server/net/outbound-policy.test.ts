import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { resetConfig } from "@/server/config";
import { assertOutboundAllowed } from "./outbound-policy";

const check = (host: string, port = 443) => assertOutboundAllowed({ host, port }, "config.url");

afterEach(() => {
  delete process.env.OUTBOUND_ALLOWED_HOSTS;
  resetConfig();
});

describe("outbound policy for members", () => {
  it.each([
    ["127.0.0.1", /loopback/],
    ["127.8.9.10", /loopback/],
    ["[::1]", /loopback/],
    ["::ffff:127.0.0.1", /loopback/],
    ["localhost", /loopback/],
    ["169.254.169.254", /link-local/],
    ["fe80::1", /link-local/],
    ["0.0.0.0", /unspecified/],
    ["224.0.0.251", /multicast/],
    ["no-such-host.invalid", /does not resolve/],
  ])("refuses %s", async (host, reason) => {
    await expect(check(host)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(reason) });
  });

  it("allows private LAN ranges and public addresses", async () => {
    for (const host of ["192.168.1.10", "10.0.0.5", "172.16.3.4", "fd00::5", "100.64.1.2", "203.0.113.7"]) {
      await expect(check(host, 8000)).resolves.toBeUndefined();
    }
  });

  it("refuses this machine's own addresses on the app's port only", async () => {
    const own = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry && !entry.internal && entry.family === "IPv4");
    if (!own) return;
    await expect(check(own.address, 4096)).rejects.toMatchObject({ message: expect.stringMatching(/itself/) });
    await expect(check(own.address, 9000)).resolves.toBeUndefined();
  });

  it("allows what OUTBOUND_ALLOWED_HOSTS names: hosts, addresses and CIDR ranges", async () => {
    process.env.OUTBOUND_ALLOWED_HOSTS = "localhost, 127.0.0.0/8, 169.254.169.254";
    resetConfig();
    await expect(check("localhost")).resolves.toBeUndefined();
    await expect(check("127.0.0.9")).resolves.toBeUndefined();
    await expect(check("169.254.169.254")).resolves.toBeUndefined();
    await expect(check("169.254.169.253")).rejects.toMatchObject({ status: 400 });
    await expect(check("::1")).rejects.toMatchObject({ status: 400 });
  });
});
