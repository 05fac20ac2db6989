import { describe, expect, it } from "vitest";
import { commandArgumentField, hostnameField, isHostname, portField, unixUserField } from "./input-fields";

describe("fields that reach a command line", () => {
  it("accepts host names and IP literals, and refuses what could carry an ssh option", () => {
    for (const ok of ["nas", "nas.local", "backup-1.example.com", "127.0.0.1", "::1", "[fe80::1]"]) {
      expect(isHostname(ok), ok).toBe(true);
    }
    for (const bad of [
      "x -oProxyCommand=touch$IFS$9m",
      "-oProxyCommand=x",
      "a b",
      "host;rm",
      "-host",
      "a\u0000b",
      "",
    ]) {
      expect(hostnameField("host").safeParse(bad).success, bad).toBe(false);
    }
  });

  it("takes ports as integers 1-65535, from numbers or numeric strings", () => {
    expect(portField("port", 22).parse(undefined)).toBe(22);
    expect(portField("port", 22).parse("2222")).toBe(2222);
    for (const bad of [0, 70000, 22.5, "22 -o", "-1"]) expect(portField("port", 22).safeParse(bad).success).toBe(false);
  });

  it("refuses user names and arguments that start with a hyphen or hold whitespace", () => {
    expect(unixUserField("user").parse("backup.user_1")).toBe("backup.user_1");
    for (const bad of ["-oProxyCommand", "a b", "root@x", "a\nb"]) {
      expect(unixUserField("user").safeParse(bad).success, bad).toBe(false);
    }
    expect(commandArgumentField("remote").parse("nas")).toBe("nas");
    for (const bad of ["--config=/x", "a b", "a\tb", "a\u0000b"]) {
      expect(commandArgumentField("remote").safeParse(bad).success, bad).toBe(false);
    }
  });
});
