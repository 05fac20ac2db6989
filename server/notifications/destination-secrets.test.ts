import { describe, expect, it } from "vitest";
import { isEncrypted } from "@/server/crypto/secrets";
import { type DestinationConfig, destinationConfigSchema } from "./destination-config.schema";
import {
  decryptDestinationSecrets,
  encryptDestinationSecrets,
  maskDestinationSecrets,
  resolveMasks,
  secretValuesOf,
} from "./destination-secrets";

const parse = (config: unknown) => destinationConfigSchema.parse(config) as DestinationConfig;
const email = parse({
  type: "email",
  smtpHost: "mail.lan",
  smtpPort: 587,
  username: "alerts",
  password: "smtp-pass-1",
  from: "a@b.co",
  to: ["c@d.co"],
  useTLS: true,
});
const generic = parse({
  type: "generic",
  url: "https://hooks.lan/x",
  headers: ["Authorization: Bearer tok-1", "X-Team: ops"],
});

describe("destination secrets", () => {
  it("encrypts secret fields and header values, and decrypts them back", () => {
    const stored = encryptDestinationSecrets(email);
    expect(isEncrypted(stored.password as string)).toBe(true);
    expect(stored.username).toBe("alerts");
    expect(decryptDestinationSecrets(stored)).toEqual(email);

    const storedGeneric = encryptDestinationSecrets(generic);
    const [auth, team] = storedGeneric.headers as string[];
    expect(auth.startsWith("Authorization: enc:v1:")).toBe(true);
    expect(team.startsWith("X-Team: enc:v1:")).toBe(true);
    expect(decryptDestinationSecrets(storedGeneric)).toEqual(generic);
  });

  it("masks them in responses, keeping header names readable", () => {
    expect(maskDestinationSecrets(encryptDestinationSecrets(email)).password).toBe("********");
    expect(maskDestinationSecrets(encryptDestinationSecrets(generic)).headers).toEqual([
      "Authorization: ********",
      "X-Team: ********",
    ]);
  });

  it("resolves a mask sent back to the stored value, by field and by header name", () => {
    expect(resolveMasks(parse({ ...email, password: "********" }), email)).toEqual(email);
    const edited = parse({ ...generic, headers: ["authorization: ********", "X-New: 1"] });
    expect(resolveMasks(edited, generic)).toMatchObject({ headers: ["authorization: Bearer tok-1", "X-New: 1"] });
  });

  it("refuses a mask with nothing stored behind it", () => {
    expect(() => resolveMasks(parse({ ...email, password: "********" }), null)).toThrow(
      /config.password: send the value/,
    );
    const slack = parse({ type: "slack", webhookUrl: "********" });
    expect(() => resolveMasks(slack, email)).toThrow(/config.webhookUrl/);
    expect(() => resolveMasks(parse({ ...generic, headers: ["X-Other: ********"] }), generic)).toThrow(
      /config.headers.X-Other/,
    );
  });

  it("lists the values to scrub from error texts", () => {
    expect(secretValuesOf(email)).toEqual(["smtp-pass-1"]);
    expect(secretValuesOf(generic)).toEqual(["Bearer tok-1"]);
  });
});
