// A `custom` destination's shoutrrr URL, read into the native channel config it means, so the same senders and the
// same checks apply. Only the common schemes; anything else is refused with the list of those that work. Error
// texts never quote the URL: it carries the credentials.
import { BadRequestError } from "@/server/http/errors";
import { type DestinationConfig, destinationConfigSchema } from "./destination-config.schema";

type NativeConfig = Exclude<DestinationConfig, { type: "custom" }>;

export const SHOUTRRR_SCHEMES = [
  "smtp",
  "slack",
  "discord",
  "gotify",
  "ntfy",
  "pushover",
  "telegram",
  "generic",
  "generic+http",
  "generic+https",
] as const;

const invalid = (reason: string) => new BadRequestError(`config.shoutrrrUrl: ${reason}`);

/** Query parameters with lower-cased names (shoutrrr's are case-insensitive), first value wins. */
function queryOf(url: URL): Map<string, string> {
  const query = new Map<string, string>();
  for (const [key, value] of url.searchParams) if (!query.has(key.toLowerCase())) query.set(key.toLowerCase(), value);
  return query;
}

const yes = (value: string | undefined) => value !== undefined && /^(yes|true|1)$/i.test(value);
const decode = (value: string) => decodeURIComponent(value);
const pathSegments = (url: URL) => url.pathname.split("/").filter(Boolean).map(decode);
const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);

function smtp(url: URL, query: Map<string, string>): Record<string, unknown> {
  const port = Number(url.port || 25);
  const encryption = query.get("encryption")?.toLowerCase();
  const startTls = query.get("usestarttls") ?? query.get("starttls");
  let security: string;
  if (encryption === "implicittls") security = "tls";
  else if (encryption === "explicittls") security = "starttls";
  else if (encryption === "none") security = "none";
  else if (startTls !== undefined) security = yes(startTls) ? "starttls" : "none";
  else security = "auto";
  return {
    type: "email",
    smtpHost: url.hostname,
    smtpPort: port,
    username: url.username ? decode(url.username) : undefined,
    password: url.password ? decode(url.password) : undefined,
    from: query.get("fromaddress") ?? query.get("from"),
    fromName: query.get("fromname"),
    to: list(query.get("toaddresses") ?? query.get("to")),
    security,
  };
}

function slack(url: URL, query: Map<string, string>): Record<string, unknown> {
  // `slack://hook:T-B-X@webhook` (current) or `slack://T/B/X` (older releases).
  const tokens = url.username === "hook" ? decode(url.password).split("-") : [url.hostname, ...pathSegments(url)];
  if (tokens.length !== 3 || tokens.some((token) => !/^[A-Za-z0-9]+$/.test(token)))
    throw invalid("slack:// needs a webhook token (slack://hook:T...-B...-X...@webhook); bot tokens are not supported");
  return {
    type: "slack",
    webhookUrl: `https://hooks.slack.com/services/${tokens.join("/")}`,
    username: query.get("username") ?? query.get("botname"),
    iconEmoji: query.get("icon"),
  };
}

function discord(url: URL, query: Map<string, string>): Record<string, unknown> {
  if (!url.username || !/^\d+$/.test(url.hostname)) throw invalid("discord:// must look like discord://token@id");
  return {
    type: "discord",
    webhookUrl: `https://discord.com/api/webhooks/${url.hostname}/${decode(url.username)}`,
    username: query.get("username"),
    avatarUrl: query.get("avatarurl") ?? query.get("avatar"),
    threadId: query.get("thread_id"),
  };
}

function gotify(url: URL, query: Map<string, string>): Record<string, unknown> {
  const segments = pathSegments(url);
  const token = segments.pop();
  if (!token) throw invalid("gotify:// must end with the application token (gotify://host/token)");
  const scheme = yes(query.get("disabletls")) ? "http" : "https";
  return {
    type: "gotify",
    serverUrl: `${scheme}://${url.host}`,
    path: segments.length ? segments.join("/") : undefined,
    token,
    priority: query.has("priority") ? Number(query.get("priority")) : undefined,
  };
}

const NTFY_NUMERIC_PRIORITY: Record<string, string> = {
  "1": "min",
  "2": "low",
  "3": "default",
  "4": "high",
  "5": "max",
};

function ntfy(url: URL, query: Map<string, string>): Record<string, unknown> {
  const [topic, ...rest] = pathSegments(url);
  if (!topic || rest.length) throw invalid("ntfy:// must name one topic (ntfy://host/topic)");
  const scheme = query.get("scheme") === "http" ? "http" : "https";
  const priority = query.get("priority")?.toLowerCase();
  const token = !url.username && url.password ? decode(url.password) : undefined;
  return {
    type: "ntfy",
    serverUrl: url.hostname === "ntfy.sh" && !url.port ? undefined : `${scheme}://${url.host}`,
    topic,
    priority: priority ? (NTFY_NUMERIC_PRIORITY[priority] ?? priority) : undefined,
    username: url.username ? decode(url.username) : undefined,
    password: url.username && url.password ? decode(url.password) : undefined,
    accessToken: token,
  };
}

function pushover(url: URL, query: Map<string, string>): Record<string, unknown> {
  if (!url.password || !url.hostname) throw invalid("pushover:// must look like pushover://shoutrrr:token@userKey/");
  return {
    type: "pushover",
    userKey: decode(url.hostname),
    apiToken: decode(url.password),
    devices: query.get("devices"),
    priority: query.has("priority") ? Number(query.get("priority")) : undefined,
  };
}

function telegram(url: URL, query: Map<string, string>): Record<string, unknown> {
  const chats = list(query.get("chats") ?? query.get("channels"));
  if (chats.length !== 1) throw invalid("telegram:// needs exactly one chat (?chats=<chat id>[:<thread id>])");
  const [chatId, threadId] = chats[0].split(":");
  return {
    type: "telegram",
    botToken: `${decode(url.username)}:${decode(url.password)}`,
    chatId,
    threadId,
  };
}

const GENERIC_RESERVED = new Set(["method", "contenttype", "template", "titlekey", "messagekey", "disabletls"]);

function generic(url: URL, query: Map<string, string>, scheme: string): Record<string, unknown> {
  const tls = scheme === "generic+http" ? false : scheme === "generic+https" ? true : !yes(query.get("disabletls"));
  const target = new URL(`${tls ? "https" : "http"}://${url.host}${url.pathname}`);
  const headers: string[] = [];
  for (const [key, value] of url.searchParams) {
    if (key.startsWith("@")) headers.push(`${key.slice(1)}: ${value}`);
    else if (key.startsWith("_")) target.searchParams.append(key.slice(1), value);
    else if (!GENERIC_RESERVED.has(key.toLowerCase())) target.searchParams.append(key, value);
  }
  if (url.username) target.username = url.username;
  if (url.password) target.password = url.password;
  return {
    type: "generic",
    url: target.toString(),
    method: query.get("method")?.toUpperCase(),
    contentType: query.get("contenttype"),
    headers: headers.length ? headers : undefined,
    useJson: query.get("template") === "json",
    titleKey: query.get("titlekey"),
    messageKey: query.get("messagekey"),
  };
}

const PARSERS: Record<string, (url: URL, query: Map<string, string>, scheme: string) => Record<string, unknown>> = {
  smtp,
  slack,
  discord,
  gotify,
  ntfy,
  pushover,
  telegram,
  generic,
  "generic+http": generic,
  "generic+https": generic,
};

/** The native config a shoutrrr URL stands for; a 400 naming the supported schemes for any other. */
export function parseShoutrrrUrl(raw: string): NativeConfig {
  const url = URL.parse(raw.trim());
  if (!url) throw invalid("must be a URL such as ntfy://ntfy.sh/my-topic");
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  const parser = PARSERS[scheme];
  if (!parser)
    throw invalid(`the scheme "${scheme}" is not supported; supported schemes are ${SHOUTRRR_SCHEMES.join(", ")}`);
  const parsed = destinationConfigSchema.safeParse(parser(url, queryOf(url), scheme));
  if (!parsed.success) throw invalid(`${scheme}:// ${parsed.error.issues[0].message}`);
  return parsed.data as NativeConfig;
}
