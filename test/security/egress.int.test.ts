// Findings 7 and 8 of the security review, replayed against the built app with real restic: a PATCH that moves a
// repository to another host while sending the masked credentials back (the server sent the stored password to the
// new host), members pointing the server at loopback, link-local addresses or itself, and a purge that followed a
// redirect (a 307 keeps DELETE and the credentials) to another repository.
import { createServer, type IncomingMessage, request } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { restic, resticAsync, sampleFiles } from "../restic-cli";
import { createMember, type Member } from "./accounts";

let app: AppServer;
let admin: ApiSession;
let member: Member;
const VAULT = { username: "vault", password: "vault-secret-password" };
const PASSWORD = "repository-password";
const MASK = "********";

type Listening = { url: string; close(): Promise<void> };
async function listen(handler: (incoming: IncomingMessage, outgoing: import("node:http").ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  } satisfies Listening;
}

/** A host that records every request it gets (the attacker's, in finding 7). */
let seen: { path: string; authorization?: string }[] = [];
let capture: Listening;

beforeAll(async () => {
  app = await startApp({ RESTIC_TIMEOUT_SECONDS: "15" });
  admin = await signUpAdmin(app.url);
  member = await createMember(app.url, admin, "egress-member");
  await admin.client.POST("/api/v1/rest-users", { body: { ...VAULT, privateRepos: true } });
  capture = await listen((incoming, outgoing) => {
    seen.push({ path: incoming.url ?? "", authorization: incoming.headers.authorization });
    incoming.resume();
    outgoing.writeHead(404).end();
  });
});
afterAll(async () => {
  await capture?.close();
  await app?.stop();
});

const ownRest = (repo: string) => `${app.url}/rest/vault/${repo}/`;
const createRest = (session: ApiSession, name: string, url: string, extra: Record<string, unknown> = {}) =>
  session.client.POST("/api/v1/repositories", {
    body: { name, config: { type: "rest", url, ...VAULT, ...extra } } as never,
  });

describe("finding 7: masked credentials are never sent to a new destination", () => {
  it("refuses a destination change that sends the mask back, naming what to re-enter, before any request", async () => {
    const { data, response } = await createRest(admin, "moving", ownRest("moving"));
    expect(response.status).toBe(201);
    const { shortId, config } = data!.repository;
    seen = [];
    const changes: [Record<string, unknown>, string][] = [
      [{ url: `${capture.url}/steal/` }, "Re-enter config.username, config.password: url changed"],
      [{ url: `${capture.url}/steal/`, username: VAULT.username }, "Re-enter config.password: url changed"],
      [{ insecureTls: true }, "Re-enter config.username, config.password: insecureTls changed"],
      [
        { cacert: "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----" },
        "Re-enter config.username, config.password: cacert changed",
      ],
    ];
    for (const [change, message] of changes) {
      const patched = await admin.client.PATCH("/api/v1/repositories/{shortId}", {
        params: { path: { shortId } },
        body: { config: { ...config, ...change } } as never,
      });
      expect({ change, status: patched.response.status }).toEqual({ change, status: 400 });
      expect(patched.error?.message).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    }
    expect(seen).toEqual([]);

    // With the credentials typed in again the move goes ahead, and only the new credentials travel.
    const retyped = await admin.client.PATCH("/api/v1/repositories/{shortId}", {
      params: { path: { shortId } },
      body: {
        config: { ...config, url: `${capture.url}/new/`, username: "other", password: "other-password" },
      } as never,
    });
    expect(retyped.response.status).toBeGreaterThanOrEqual(400);
    expect(seen.length).toBeGreaterThan(0);
    const oldCredentials = `Basic ${Buffer.from(`${VAULT.username}:${VAULT.password}`).toString("base64")}`;
    expect(seen.map((entry) => entry.authorization)).not.toContain(oldCredentials);
    expect(JSON.stringify(seen)).not.toContain(VAULT.password);
  });

  it("keeps masked credentials when nothing about the destination changes", async () => {
    const { data } = await createRest(admin, "staying", ownRest("staying"));
    const patched = await admin.client.PATCH("/api/v1/repositories/{shortId}", {
      params: { path: { shortId: data!.repository.shortId } },
      body: { name: "still-here", config: { ...data!.repository.config, username: MASK, password: MASK } } as never,
    });
    expect(patched.response.status).toBe(200);
    expect(patched.data?.name).toBe("still-here");
  });
});

describe("finding 8: members cannot point the server at loopback, link-local addresses or itself", () => {
  it("refuses such endpoints for every backend that connects out, and no request leaves", async () => {
    seen = [];
    const port = new URL(capture.url).port;
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry && !entry.internal && entry.family === "IPv4")?.address;
    const refused: [string, Record<string, unknown>][] = [
      ["rest", { url: `${capture.url}/` }],
      ["rest", { url: `http://localhost:${port}/` }],
      ["rest", { url: `http://[::1]:${port}/` }],
      ["rest", { url: `http://0.0.0.0:${port}/` }],
      ["rest", { url: "http://169.254.169.254/latest/meta-data/" }],
      ["rest", { url: `${app.url}/rest/vault/mine/` }],
      ...(lan
        ? [
            ["rest", { url: `http://${lan}:${new URL(app.url).port}/rest/vault/mine/` }] as [
              string,
              Record<string, unknown>,
            ],
          ]
        : []),
      ["s3", { endpoint: `127.0.0.1:${port}`, bucket: "b", accessKeyId: "k", secretAccessKey: "s" }],
      ["r2", { endpoint: "http://169.254.169.254", bucket: "b", accessKeyId: "k", secretAccessKey: "s" }],
      [
        "sftp",
        {
          host: "127.0.0.1",
          user: "root",
          path: "/srv",
          privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----",
        },
      ],
      ["azure", { container: "c", accountName: "a", accountKey: "k", endpointSuffix: "localhost" }],
    ];
    for (const [type, config] of refused) {
      const answer = await member.session.client.POST("/api/v1/repositories", {
        body: { name: `egress-${Math.random()}`, config: { type, ...config } } as never,
      });
      expect({ type, config, status: answer.response.status }).toEqual({ type, config, status: 400 });
      expect(answer.error?.message).toMatch(/loopback|link-local|unspecified|itself|does not resolve/);
    }
    expect(seen).toEqual([]);
    expect((await member.session.client.GET("/api/v1/repositories")).data).toEqual([]);
  });

  it("still lets an instance admin use the app's own REST server", async () => {
    expect((await createRest(admin, "own-server", ownRest("admin-own"))).response.status).toBe(201);
  });
});

describe("finding 8: purge follows no redirect", () => {
  it("does not follow a 307 to another repository, which keeps its snapshots", async () => {
    const victimUrl = `rest:${app.url.replace("http://", `http://${VAULT.username}:${VAULT.password}@`)}/rest/vault/victim/`;
    restic(victimUrl, PASSWORD, ["init"]);
    restic(victimUrl, PASSWORD, ["backup", sampleFiles()]);
    // The attacker's front for the REST server: serves /decoy/ and /victim/, but answers a DELETE of the decoy with a
    // same-origin 307 to the victim (fetch would keep the method and the credentials).
    const upstream = new URL(app.url);
    const front = await listen((incoming, outgoing) => {
      if (incoming.method === "DELETE" && incoming.url === "/decoy/") {
        outgoing.writeHead(307, { location: "/victim/" }).end();
        return;
      }
      const forwarded = request(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: `/rest/vault${incoming.url}`,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      incoming.pipe(forwarded);
    });
    try {
      const { data, response } = await createRest(admin, "decoy", `${front.url}/decoy/`);
      expect(response.status).toBe(201);
      const purged = await admin.client.DELETE("/api/v1/repositories/{shortId}", {
        params: { path: { shortId: data!.repository.shortId }, query: { purge: "true" } },
      });
      expect(purged.response.status).toBe(400);
      expect(purged.error?.message).toMatch(/HTTP 307/);
    } finally {
      await front.close();
    }
    expect(JSON.parse(await resticAsync(victimUrl, PASSWORD, ["snapshots", "--json"]))).toHaveLength(1);
  });
});
