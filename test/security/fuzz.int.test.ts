// Bad input on purpose, to every operation the OpenAPI document describes (so a new route is covered without anyone
// adding it here): wrong types, missing and extra fields, NUL bytes, huge strings and numbers, traversal strings,
// option-looking strings, bad encodings, bad paging and unknown ids, in path, query and body, against the built app
// with real restic. Fails on any 5xx, any timeout, any non-JSON error under /api, any stack trace or server path in a
// body, and any secret in a response.
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN, type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { restic, sampleFiles } from "../restic-cli";
import { createMember, type Member, recoveryKey } from "./accounts";

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
};
type Parameter = { name: string; in: "path" | "query"; schema: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
};
type Probe = { method: string; url: string; body?: string; contentType?: string; label: string };

const APP_ROOT = path.resolve(import.meta.dirname, "../..");
const HUGE = "x".repeat(100_000);
/** Values put in place of one field of an otherwise plausible body. */
const BAD_VALUES: unknown[] = [
  null,
  123,
  "fuzz",
  1e308,
  -1,
  2 ** 64,
  "",
  "\u0000",
  "a\u0000b",
  HUGE,
  "../../../../etc/passwd",
  "/../../../../etc/passwd",
  "-oProxyCommand=touch /tmp/fuzzed",
  [],
  [1, "a"],
  {},
  { $ne: null },
  "\ud800",
];
/** Raw (already encoded) values for a path parameter besides a valid id. */
const BAD_PATH_VALUES = [
  "nonexistent-0000",
  "..%2F..%2Fetc%2Fpasswd",
  "%00",
  "%ZZ",
  "a".repeat(3000),
  "%F0%9F%99%82",
  "deadbeefdeadbeef",
];
/** Raw values for a query parameter. */
const BAD_QUERY_VALUES = ["-1", "0", "abc", "1e309", "99999999999999999999", "", "%00", "%ZZ", "x".repeat(5000), "1.5"];

let app: AppServer;
let admin: ApiSession;
let member: Member;
/** A third account for the /api/auth routes, whose sign-out and password checks must not disturb the others. */
let authUser: Member;
let document: { paths: Record<string, Record<string, Operation>> };
const secrets: string[] = [];
const validIds: Record<string, string> = {};
let addresses = 0;

beforeAll(async () => {
  // restic gets 20 s (under the requests' 30 s): on 2 busy cores a local `restic snapshots` can take more than 5 s.
  app = await startApp({ TRUST_PROXY: "1", RESTIC_TIMEOUT_SECONDS: "20" });
  admin = await signUpAdmin(app.url);
  member = await createMember(app.url, admin, "fuzz-member");
  authUser = await createMember(app.url, admin, "fuzz-auth");

  const { data } = await member.session.client.POST("/api/v1/repositories", {
    body: { name: "fuzzed", config: { type: "local", path: path.join(app.dataDir, "repositories") } } as never,
  });
  const repository = data!.repository;
  const orgPassword = await recoveryKey(member.session, member.password);
  restic(repository.config.path as string, orgPassword, ["backup", sampleFiles()]);
  const { data: snapshots } = await member.session.client.GET("/api/v1/repositories/{shortId}/snapshots", {
    params: { path: { shortId: repository.shortId } },
  });
  const doctor = await member.session.client.POST("/api/v1/repositories/{shortId}/doctor", {
    params: { path: { shortId: repository.shortId } },
  });
  const key = await member.session.client.POST("/api/v1/auth/api-keys", {
    body: { name: "fuzz", password: member.password },
  });
  const restPassword = "rest-fuzz-password";
  const restUser = await admin.client.POST("/api/v1/rest-users", {
    body: { username: "fuzz", password: restPassword },
  });
  Object.assign(validIds, {
    shortId: repository.shortId,
    snapshotId: snapshots![0].id,
    taskId: doctor.data!.taskId,
    keyId: key.data!.id,
    id: restUser.data!.id,
  });
  secrets.push(
    ADMIN.password,
    member.password,
    authUser.password,
    orgPassword,
    await recoveryKey(admin, ADMIN.password),
    restPassword,
    key.data!.key,
    process.env.APP_SECRET!,
  );
  document = await (await admin.raw("/api/v1/openapi.json")).json();
});
afterAll(() => app?.stop());

/** A plausible value for a schema, so that one bad field at a time reaches deeper than the first check. */
function plausible(schema: Schema): unknown {
  const options = schema.oneOf ?? schema.anyOf;
  if (options) return plausible(options[0]);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case "object":
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, plausible(value)]));
    case "array":
      return [];
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    default:
      return "fuzz";
  }
}

/** Dotted paths of the fields of a body (two levels deep; a union's first alternative stands for it). */
function fieldPaths(schema: Schema, prefix: string[] = [], depth = 0): string[][] {
  const options = schema.oneOf ?? schema.anyOf;
  const object = options ? options[0] : schema;
  if (object.type !== "object" || depth > 1) return [];
  return Object.entries(object.properties ?? {}).flatMap(([key, value]) => [
    [...prefix, key],
    ...fieldPaths(value, [...prefix, key], depth + 1),
  ]);
}

function withField(body: unknown, at: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let target = copy;
  for (const key of at.slice(0, -1)) {
    if (typeof target[key] !== "object" || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[at.at(-1)!] = value;
  return copy;
}

function probesFor(route: string, method: string, operation: Operation): Probe[] {
  const parameters = operation.parameters ?? [];
  const pathParams = parameters.filter((parameter) => parameter.in === "path");
  const queryParams = parameters.filter((parameter) => parameter.in === "query");
  const fill = (overrides: Record<string, string> = {}) =>
    route.replace(/\{([^}]+)\}/g, (_, name: string) => overrides[name] ?? encodeURIComponent(validIds[name] ?? "x"));
  const upper = method.toUpperCase();
  const probes: Probe[] = [];
  const schema = operation.requestBody?.content["application/json"]?.schema;
  const baseline = schema ? JSON.stringify(plausible(schema)) : undefined;
  const json = (url: string, body: string | undefined, label: string): Probe => ({
    method: upper,
    url,
    body,
    contentType: body === undefined ? undefined : "application/json",
    label,
  });

  probes.push(json(fill(), baseline, "plausible"));
  for (const parameter of pathParams) {
    for (const value of BAD_PATH_VALUES) {
      probes.push(json(fill({ [parameter.name]: value }), baseline, `path ${parameter.name}=${value.slice(0, 20)}`));
    }
  }
  const queryCases = [
    ...queryParams.flatMap((parameter) => BAD_QUERY_VALUES.map((value) => `${parameter.name}=${value}`)),
    "offset=-1&limit=0",
    "limit=1001",
    "offset=abc&limit=abc",
    "unexpected=1&unexpected=2",
  ];
  for (const query of queryCases) probes.push(json(`${fill()}?${query}`, baseline, `query ${query.slice(0, 30)}`));
  if (schema) {
    for (const raw of ["null", "[]", '"text"', "1", "{}", '{"unclosed": ', "{".repeat(10_000)]) {
      probes.push(json(fill(), raw, `body ${raw.slice(0, 12)}`));
    }
    probes.push({ method: upper, url: fill(), body: baseline, contentType: "text/plain", label: "text/plain body" });
    const extra = JSON.stringify({ ...(plausible(schema) as object), unexpectedField: HUGE });
    probes.push(json(fill(), extra, "extra fields"));
    probes.push(json(fill(), `{"__proto__":{"polluted":true},${extra.slice(1)}`, "prototype pollution"));
    for (const at of fieldPaths(schema)) {
      for (const value of BAD_VALUES) {
        probes.push(json(fill(), JSON.stringify(withField(plausible(schema), at, value)), `body ${at.join(".")}`));
      }
      probes.push(
        json(fill(), JSON.stringify(withField(plausible(schema), at, undefined)), `body without ${at.join(".")}`),
      );
    }
  }
  return probes;
}

type Finding = { label: string; method: string; url: string; problem: string };

async function send(session: ApiSession, probe: Probe): Promise<{ status: number; text: string; type: string }> {
  const headers: Record<string, string> = { "x-forwarded-for": `192.0.2.${(addresses++ % 250) + 1}` };
  if (probe.contentType) headers["content-type"] = probe.contentType;
  const response = await session.raw(probe.url.slice(0, 8_000), {
    method: probe.method,
    headers,
    body: probe.body,
    signal: AbortSignal.timeout(30_000),
  });
  const type = response.headers.get("content-type") ?? "";
  if (type.startsWith("text/event-stream")) {
    await response.body?.cancel();
    return { status: response.status, text: "", type };
  }
  return { status: response.status, text: await response.text(), type };
}

function problemsOf(route: string, answer: { status: number; text: string; type: string }): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  if (answer.status >= 400 && route.startsWith("/api/")) {
    if (!answer.type.includes("application/json")) problems.push(`non-JSON error (${answer.type})`);
    else if (typeof JSON.parse(answer.text)?.message !== "string") problems.push("error without a message");
  }
  if (/\n\s+at .+:\d+:\d+/.test(answer.text)) problems.push("stack trace");
  if (answer.text.includes(APP_ROOT) || answer.text.includes("node_modules") || answer.text.includes("/.next/")) {
    problems.push("server path");
  }
  const leaked = secrets.find((secret) => answer.text.includes(secret));
  if (leaked) problems.push(`secret ${leaked.slice(0, 4)}…`);
  return problems;
}

it("answers malformed input to every documented operation without a 5xx, a timeout, a stack trace or a secret", async () => {
  const operations = Object.entries(document.paths).flatMap(([route, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ route, method, operation })),
  );
  expect(operations.length).toBeGreaterThan(40);
  // Deletions last, so the ids the other operations use stay valid while they run.
  operations.sort((a, b) => Number(a.method === "delete") - Number(b.method === "delete"));

  const findings: Finding[] = [];
  let sent = 0;
  const started = performance.now();
  for (const { route, method, operation } of operations) {
    // Instance-admin routes refuse members with 403 before any input is read: send those as the admin.
    const session = route.startsWith("/api/auth/")
      ? authUser.session
      : (await send(member.session, probesFor(route, method, operation)[0])).status === 403
        ? admin
        : member.session;
    const probes = probesFor(route, method, operation);
    for (let i = 0; i < probes.length; i += 6) {
      const batch = probes.slice(i, i + 6);
      const answers = await Promise.all(
        batch.map((probe) =>
          send(session, probe).catch((error: Error) => ({ status: 599, text: String(error), type: "error" })),
        ),
      );
      sent += batch.length;
      answers.forEach((answer, index) => {
        for (const problem of problemsOf(route, answer)) {
          findings.push({ label: batch[index].label, method, url: batch[index].url.slice(0, 120), problem });
        }
      });
    }
  }
  console.log(
    `fuzzed ${operations.length} operations with ${sent} requests in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(findings.slice(0, 20)).toEqual([]);
  expect(app.output()).not.toMatch(/unhandled error/);
}, 600_000);
