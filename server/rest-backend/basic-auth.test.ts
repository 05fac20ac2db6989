import { describe, expect, it } from "vitest";
import { parseBasicAuthorization } from "./basic-auth";

const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`;

describe("parseBasicAuthorization", () => {
  it("splits at the first colon, so passwords may contain colons", () => {
    expect(parseBasicAuthorization(basic("alice:pa:ss"))).toEqual({ username: "alice", password: "pa:ss" });
    expect(parseBasicAuthorization(basic("alice:"))).toEqual({ username: "alice", password: "" });
  });

  it.each([null, "", "Bearer abc", "Basic", "Basic !!!", basic("nocolon"), basic(":password")])(
    "rejects %j",
    (header) => {
      expect(parseBasicAuthorization(header)).toBeNull();
    },
  );
});
