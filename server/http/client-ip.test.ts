import { describe, expect, it } from "vitest";
import { addressBucket, clientAddressFromChain } from "./client-ip";

describe("clientAddressFromChain", () => {
  it("uses the socket address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddressFromChain("203.0.113.9", "10.0.0.2", 0)).toBe("10.0.0.2");
    expect(clientAddressFromChain(undefined, "::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
  });

  it("reads the chain from the right: a client-chosen first entry behind nginx is never the client", () => {
    // nginx's proxy_add_x_forwarded_for appends the address it saw to whatever the client sent.
    expect(clientAddressFromChain("6.6.6.6, 198.51.100.7", "10.0.0.1", 1)).toBe("198.51.100.7");
    expect(clientAddressFromChain("6.6.6.6, 198.51.100.7, 10.0.0.5", "10.0.0.1", 2)).toBe("198.51.100.7");
  });

  it("falls back to the leftmost entry when the chain is shorter than the proxies trusted", () => {
    expect(clientAddressFromChain("", "10.0.0.1", 1)).toBe("10.0.0.1");
    expect(clientAddressFromChain("198.51.100.7", "10.0.0.1", 3)).toBe("198.51.100.7");
  });
});

describe("addressBucket", () => {
  it("keeps IPv4 addresses and folds IPv6 to its /64", () => {
    expect(addressBucket("198.51.100.7")).toBe("198.51.100.7");
    expect(addressBucket("2001:db8:0:1::42")).toBe("2001:db8:0:1::/64");
    expect(addressBucket("2001:0db8:0000:0001:ffff:ffff:ffff:ffff")).toBe("2001:db8:0:1::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
  });
});
