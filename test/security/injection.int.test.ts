// Finding 2 of the security review, replayed against the built app: an sftp host, user or port that carries an ssh
// option (`x -oProxyCommand=touch${IFS}marker`) ran a command with restic < 0.16.1, where the whole ssh command line
// goes into `sftp.command`, and still reached ssh as an option with 0.18. Run with both: restic 0.14 (Debian
// bookworm, /usr/bin/restic) and 0.18. Plus rclone remotes: only names from the rclone config, members only the
// allowed ones.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { type SshServer, startSshd } from "../fixtures/sshd";
import { createMember, type Member } from "./accounts";

const work = mkdtempSync(path.join(tmpdir(), "zerobyte-sec-injection-"));
const marker = path.join(work, "pwned");
const IFS = "$" + "{IFS}";
let sshd: SshServer;

beforeAll(async () => {
  sshd = await startSshd(path.join(work, "sshd"));
});
afterAll(async () => {
  await sshd?.stop();
  rmSync(work, { recursive: true, force: true });
});

const HOSTILE: Record<string, unknown>[] = [
  { host: `x -oProxyCommand=touch${IFS}${marker}` },
  { host: `-oProxyCommand=touch${IFS}${marker}` },
  { user: `-oProxyCommand=touch${IFS}${marker}` },
  { user: `root -oProxyCommand=touch${IFS}${marker}` },
  { port: `22 -oProxyCommand=touch${IFS}${marker}` },
];

describe.each([
  ["restic 0.14", "/usr/bin/restic"],
  ["restic 0.18", undefined],
])("sftp fields cannot carry ssh options (%s)", (_label, resticBin) => {
  let app: AppServer;
  let admin: ApiSession;
  beforeAll(async () => {
    app = await startApp({ RESTIC_TIMEOUT_SECONDS: "20", ...(resticBin ? { RESTIC_BIN: resticBin } : {}) });
    admin = await signUpAdmin(app.url);
  });
  afterAll(() => app?.stop());

  it("refuses them on create and on update, and the injected command never runs", async () => {
    const base = {
      type: "sftp",
      host: sshd.host,
      port: sshd.port,
      user: sshd.user,
      path: path.join(work, `repo-${Math.random().toString(36).slice(2)}`),
      privateKey: sshd.privateKey,
      knownHosts: sshd.knownHosts,
    };
    for (const hostile of HOSTILE) {
      const created = await admin.client.POST("/api/v1/repositories", {
        body: { name: `hostile-${Math.random()}`, config: { ...base, ...hostile } } as never,
      });
      expect({ hostile, status: created.response.status }).toEqual({ hostile, status: 400 });
      expect(created.error?.message).toMatch(/^Invalid request body: config\.(host|user|port): /);
    }

    const { data, response } = await admin.client.POST("/api/v1/repositories", {
      body: { name: "real-sftp", config: base } as never,
    });
    expect(response.status).toBe(201);
    for (const hostile of HOSTILE) {
      const updated = await admin.client.PATCH("/api/v1/repositories/{shortId}", {
        params: { path: { shortId: data!.repository.shortId } },
        body: { config: { ...base, ...hostile } } as never,
      });
      expect({ hostile, status: updated.response.status }).toEqual({ hostile, status: 400 });
    }
    expect(existsSync(marker)).toBe(false);
  });
});

describe("rclone remotes", () => {
  let app: AppServer;
  let admin: ApiSession;
  let member: Member;
  beforeAll(async () => {
    const config = path.join(work, "rclone.conf");
    writeFileSync(config, "[shared]\ntype = local\n\n[private]\ntype = local\n");
    app = await startApp({ RCLONE_CONFIG: config, RCLONE_MEMBER_REMOTES: "shared", RESTIC_TIMEOUT_SECONDS: "20" });
    admin = await signUpAdmin(app.url);
    member = await createMember(app.url, admin, "rclone-member");
  });
  afterAll(() => app?.stop());

  const create = (session: ApiSession, remote: string, folder = `rclone-${Math.random().toString(36).slice(2)}`) =>
    session.client.POST("/api/v1/repositories", {
      body: { name: folder, config: { type: "rclone", remote, path: path.join(work, folder) } } as never,
    });

  it("accepts only names from the rclone config, never a remote defined on the fly", async () => {
    for (const hostile of [
      ":local:",
      ":http,url=http://169.254.169.254/:",
      "shared,copy_links=true",
      "--config=/dev/null",
    ]) {
      const answer = await create(admin, hostile);
      expect({ hostile, status: answer.response.status }).toEqual({ hostile, status: 400 });
    }
    const unknown = await create(admin, "nowhere");
    expect(unknown.response.status).toBe(400);
    expect(unknown.error?.message).toBe('config.remote: there is no remote named "nowhere" in the rclone config');
  });

  it("gives members only the remotes an admin allowed; admins every configured remote", async () => {
    expect((await member.session.client.GET("/api/v1/repositories/rclone-remotes")).data).toEqual([
      { name: "shared", type: "local" },
    ]);
    expect((await admin.client.GET("/api/v1/repositories/rclone-remotes")).data?.map((r) => r.name)).toEqual([
      "private",
      "shared",
    ]);
    const refused = await create(member.session, "private");
    expect(refused.response.status).toBe(403);
    expect(refused.error?.message).toMatch(/RCLONE_MEMBER_REMOTES/);
    expect((await create(member.session, "shared")).response.status).toBe(201);
    expect((await create(admin, "private")).response.status).toBe(201);
  });
});
