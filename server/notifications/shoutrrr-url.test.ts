import { describe, expect, it } from "vitest";
import { parseShoutrrrUrl, SHOUTRRR_SCHEMES } from "./shoutrrr-url";

describe("shoutrrr URLs become native channel configs", () => {
  it("reads smtp with auth, recipients and the encryption choice", () => {
    expect(
      parseShoutrrrUrl(
        "smtp://alerts:p%40ss@mail.example.com:587/?from=zb@example.com&fromname=Zerobyte&to=a@example.com,b@example.com&starttls=yes",
      ),
    ).toMatchObject({
      type: "email",
      smtpHost: "mail.example.com",
      smtpPort: 587,
      username: "alerts",
      password: "p@ss",
      from: "zb@example.com",
      fromName: "Zerobyte",
      to: ["a@example.com", "b@example.com"],
      security: "starttls",
    });
    const implicit = parseShoutrrrUrl(
      "smtp://mail.example.com:465/?fromAddress=a@b.co&toAddresses=c@d.co&encryption=ImplicitTLS",
    );
    expect(implicit).toMatchObject({ security: "tls", smtpPort: 465, to: ["c@d.co"] });
    expect(parseShoutrrrUrl("smtp://relay.lan/?from=a@b.co&to=c@d.co")).toMatchObject({
      security: "auto",
      smtpPort: 25,
    });
  });

  it("reads slack (both token forms), discord, telegram and pushover", () => {
    expect(parseShoutrrrUrl("slack://hook:T0AB-B0CD-xyz123@webhook?username=bot&icon=:floppy_disk:")).toEqual({
      type: "slack",
      webhookUrl: "https://hooks.slack.com/services/T0AB/B0CD/xyz123",
      username: "bot",
      iconEmoji: ":floppy_disk:",
    });
    expect(parseShoutrrrUrl("slack://T0AB/B0CD/xyz123")).toMatchObject({
      webhookUrl: "https://hooks.slack.com/services/T0AB/B0CD/xyz123",
    });
    expect(parseShoutrrrUrl("discord://tok-en_1@123456789?thread_id=42&username=zb")).toMatchObject({
      type: "discord",
      webhookUrl: "https://discord.com/api/webhooks/123456789/tok-en_1",
      threadId: "42",
      username: "zb",
    });
    expect(parseShoutrrrUrl("telegram://123456:ABC-def_g@telegram?chats=-1001234:17")).toMatchObject({
      type: "telegram",
      botToken: "123456:ABC-def_g",
      chatId: "-1001234",
      threadId: "17",
    });
    expect(parseShoutrrrUrl("pushover://shoutrrr:apptoken123@userkey456/?devices=phone&priority=1")).toMatchObject({
      type: "pushover",
      apiToken: "apptoken123",
      userKey: "userkey456",
      devices: "phone",
      priority: 1,
    });
  });

  it("reads gotify and ntfy, with TLS off, sub-paths, tokens and basic auth", () => {
    expect(parseShoutrrrUrl("gotify://push.lan:8080/gotify/AbCdEf?disabletls=yes&priority=8")).toEqual({
      type: "gotify",
      serverUrl: "http://push.lan:8080",
      path: "gotify",
      token: "AbCdEf",
      priority: 8,
    });
    expect(parseShoutrrrUrl("ntfy://ntfy.sh/backups?priority=high")).toMatchObject({
      type: "ntfy",
      serverUrl: undefined,
      topic: "backups",
      priority: "high",
    });
    expect(parseShoutrrrUrl("ntfy://:tk_secret@ntfy.lan:81/backups?scheme=http&priority=5")).toMatchObject({
      serverUrl: "http://ntfy.lan:81",
      accessToken: "tk_secret",
      priority: "max",
    });
    expect(parseShoutrrrUrl("ntfy://me:pw@ntfy.lan/backups")).toMatchObject({
      serverUrl: "https://ntfy.lan",
      username: "me",
      password: "pw",
    });
  });

  it("reads generic webhooks: scheme, JSON template, keys, headers and passed-through query", () => {
    expect(
      parseShoutrrrUrl(
        "generic://hooks.lan/api/notify?disabletls=yes&template=json&titlekey=subject&messagekey=text&@X-Token=abc&team=ops&_template=raw",
      ),
    ).toEqual({
      type: "generic",
      url: "http://hooks.lan/api/notify?team=ops&template=raw",
      method: "POST",
      contentType: undefined,
      headers: ["X-Token: abc"],
      useJson: true,
      titleKey: "subject",
      messageKey: "text",
    });
    expect(parseShoutrrrUrl("generic+https://hooks.lan/x?method=get")).toMatchObject({
      url: "https://hooks.lan/x",
      method: "GET",
      useJson: false,
    });
  });

  it("refuses other schemes with the list of supported ones, without quoting the URL", () => {
    const attempt = () => parseShoutrrrUrl("matrix://user:sekrit-pass@matrix.example.com/?rooms=!x");
    expect(attempt).toThrow(
      `the scheme "matrix" is not supported; supported schemes are ${SHOUTRRR_SCHEMES.join(", ")}`,
    );
    expect(attempt).not.toThrow(/sekrit/);
    expect(() => parseShoutrrrUrl("not a url")).toThrow(/must be a URL/);
  });

  it("explains a URL that names a supported scheme but lacks its parts", () => {
    expect(() => parseShoutrrrUrl("slack://xoxb:123@general")).toThrow(/bot tokens are not supported/);
    expect(() => parseShoutrrrUrl("telegram://1:a@telegram?chats=1,2")).toThrow(/exactly one chat/);
    expect(() => parseShoutrrrUrl("smtp://mail.lan/?from=a@b.co")).toThrow(
      /config.shoutrrrUrl: smtp:\/\/ to needs an address/,
    );
  });
});
