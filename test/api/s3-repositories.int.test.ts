// S3 and R2 repositories against a real S3-compatible server (s3rver over HTTPS on loopback, its certificate handed
// over in `cacert`): created through the API, then backed up with the runner, checked with --read-data, restored
// byte-identical, forgotten and pruned; a wrong secret key and unreachable endpoints give clear errors.
// Runs with restic 0.18 and, in `npm run test:compat`, with restic 0.14.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RepositoryConfigInput, repositoryConfigSchema } from "@/server/repositories/repository-config.schema";
import { backup } from "@/server/restic/backup";
import { checkRepository } from "@/server/restic/check";
import { forgetSnapshots } from "@/server/restic/forget";
import { restore } from "@/server/restic/restore";
import type { ResticTarget } from "@/server/restic/run";
import { listSnapshots } from "@/server/restic/snapshots";
import { ADMIN, type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { writeFiles, writeSampleTree } from "../fixtures/data-files";
import { getFreePort } from "../fixtures/free-port";
import { S3RVER_KEY, type S3Server, startS3Server } from "../fixtures/s3-server";
import { makeTempDir } from "../fixtures/temp-dir";

// Short, so the silent endpoint answers quickly (restic 0.18 retries a dead endpoint for about 15 minutes).
const RESTIC_TIMEOUT_SECONDS = "5";
const BUCKET = "zerobyte";
const temp = makeTempDir("zerobyte-s3-");
const source = path.join(temp.dir, "source");
let s3: S3Server;
let app: AppServer;
let admin: ApiSession;
let orgPassword: string;
let files: Record<string, string | Buffer>;
let blackHole: Server;

beforeAll(async () => {
  files = writeSampleTree(source, 3 * 1024 * 1024);
  [s3, app] = await Promise.all([startS3Server([BUCKET]), startApp({ RESTIC_TIMEOUT_SECONDS })]);
  admin = await signUpAdmin(app.url);
  const download = await admin.raw("/api/v1/system/restic-password", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password: ADMIN.password }),
  });
  orgPassword = await download.text();
  // Accepts connections and never answers: restic hangs in the TLS handshake.
  blackHole = createServer(() => undefined);
  await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  blackHole?.close();
  await Promise.all([app?.stop(), s3?.stop()]);
  temp.remove();
});

/** An S3 or R2 config for a repository under `prefix` in the bucket (both take `bucket/prefix`). */
function configFor(backend: "s3" | "r2", prefix: string, overrides: Record<string, unknown> = {}) {
  return {
    type: backend,
    endpoint: s3.endpoint,
    bucket: `${BUCKET}/${prefix}`,
    ...(backend === "s3" ? { region: "us-east-1" } : {}),
    accessKeyId: S3RVER_KEY,
    secretAccessKey: S3RVER_KEY,
    cacert: s3.cacert,
    ...overrides,
  } as RepositoryConfigInput;
}

const create = (name: string, config: RepositoryConfigInput) =>
  admin.client.POST("/api/v1/repositories", { body: { name, compressionMode: "auto", config } as never });

async function repositoryNames(): Promise<string[]> {
  const { data } = await admin.client.GET("/api/v1/repositories");
  return (data ?? []).map((repository) => repository.name);
}

describe.each(["s3", "r2"] as const)("%s repository on s3rver over HTTPS", (backend) => {
  it("is created through the API, backs up, passes check --read-data, restores byte-identical, forgets and prunes", async () => {
    const config = configFor(backend, `${backend}-repo`);
    const { data, response } = await create(`${backend}-real`, config);
    expect(response.status, JSON.stringify(data)).toBe(201);
    const repository = data!.repository;
    expect(repository).toMatchObject({ type: backend, status: "healthy" });
    expect(repository.config).toMatchObject({ secretAccessKey: "********", cacert: s3.cacert });

    const target: ResticTarget = { config: repositoryConfigSchema.parse(config), password: orgPassword };
    const first = await backup(target, { paths: [source] });
    writeFiles(source, { "added-later.bin": randomBytes(512 * 1024) });
    files["added-later.bin"] = readFileSync(path.join(source, "added-later.bin"));
    const second = await backup(target, { paths: [source] });
    expect([first.status, second.status]).toEqual(["success", "success"]);

    // The app reads the same repository through its own S3 configuration.
    const listed = await admin.client.POST("/api/v1/repositories/{shortId}/snapshots/refresh", {
      params: { path: { shortId: repository.shortId } },
    });
    expect(listed.response.status).toBe(200);
    const { data: snapshots } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId: repository.shortId } },
    });
    expect(snapshots).toHaveLength(2);

    expect((await checkRepository(target, { readData: true })).success).toBe(true);

    const restored = path.join(temp.dir, `restored-${backend}`);
    await restore(target, { snapshotId: "latest", target: restored });
    for (const [relative, content] of Object.entries(files)) {
      expect(readFileSync(path.join(restored, source, relative)).equals(Buffer.from(content)), relative).toBe(true);
    }

    const [oldest] = (await listSnapshots(target)).sort((a, b) => a.time.localeCompare(b.time));
    await forgetSnapshots(target, [oldest.id], { prune: true });
    expect((await listSnapshots(target)).map((snapshot) => snapshot.id)).not.toContain(oldest.id);
    expect((await checkRepository(target, { readData: true })).success).toBe(true);
  });

  it("answers a wrong secret key with a clear 400 and stores nothing", async () => {
    const name = `${backend}-wrong-secret`;
    const { response, error } = await create(
      name,
      configFor(backend, `${backend}-wrong`, { secretAccessKey: "not-the-secret" }),
    );
    expect(response.status).toBe(400);
    expect(error?.message).toBe("The storage refused access: check the access key and the secret key");
    expect(JSON.stringify(error)).not.toContain("not-the-secret");
    expect(await repositoryNames()).not.toContain(name);
  });
});

describe("unreachable endpoints", () => {
  it("answer 502 when the connection is refused and 504 when nothing answers, storing nothing", async () => {
    const closedPort = await getFreePort();
    // Without a region restic first asks for the bucket's location, which fails at once on a refused connection;
    // with one, minio-go retries its bucket check for 4 s (restic 0.18) to 12 s (0.14) before it says so.
    const cases = [
      { name: "s3-refused", endpoint: `https://127.0.0.1:${closedPort}`, region: undefined, status: 502 },
      {
        name: "s3-silent",
        endpoint: `https://127.0.0.1:${(blackHole.address() as { port: number }).port}`,
        region: "us-east-1",
        status: 504,
      },
    ];
    const answers = await Promise.all(
      cases.map(({ name, endpoint, region }) => create(name, configFor("s3", name, { endpoint, region }))),
    );
    expect(
      answers.map(({ response }) => response.status),
      JSON.stringify(answers.map((a) => a.error)),
    ).toEqual(cases.map(({ status }) => status));
    expect(answers[0].error?.message).toBe("The repository storage is unreachable");
    expect(answers[1].error?.message).toBe(`The restic command did not finish within ${RESTIC_TIMEOUT_SECONDS} s`);
    const names = await repositoryNames();
    for (const { name } of cases) expect(names).not.toContain(name);
  });
});
