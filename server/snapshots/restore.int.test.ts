// Restores over real HTTP against the built app, with real restic (0.18, and 0.14 in `npm run test:compat`): byte
// for byte to a new folder, one selected file, the original location with each overwrite mode, cancel, and who may
// write where; and a crash mid-restore leaves nothing half-restored behind.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiSession } from "@/test/api-session";
import { writeFiles } from "@/test/fixtures/data-files";
import { restic } from "@/test/restic-cli";
import { STAGING_PREFIX } from "./restore-targets";
import {
  ODD_NAME,
  type SnapshotFixture,
  signUpMember,
  startSnapshotFixture,
  treeOf,
  waitForTask,
} from "./snapshot-fixture.test-helper";

let fixture: SnapshotFixture;
let overwriteModes: boolean;

beforeAll(async () => {
  fixture = await startSnapshotFixture();
  const { data } = await fixture.admin.client.GET("/api/v1/system/info");
  overwriteModes = !data!.versions.restic!.startsWith("0.14");
});
afterAll(() => fixture?.stop());

type RestoreRequest = {
  snapshotId?: string;
  include?: string[];
  exclude?: string[];
  excludeXattr?: string[];
  targetPath?: string;
  overwrite?: "always" | "if-changed" | "if-newer" | "never";
};

function startRestore(body: RestoreRequest, session: ApiSession = fixture.admin, shortId = fixture.shortId) {
  return session.client.POST("/api/v1/repositories/{shortId}/restore", {
    params: { path: { shortId } },
    body: { snapshotId: fixture.snapshotId, ...body } as never,
  });
}

async function restoreAndWait(body: RestoreRequest, session: ApiSession = fixture.admin, shortId?: string) {
  const { data, response, error } = await startRestore(body, session, shortId);
  expect({ status: response.status, error }).toEqual({ status: 202, error: undefined });
  expect(data).toMatchObject({ status: "started", restoreId: data!.taskId });
  const task = await waitForTask(session, data!.taskId);
  expect({ status: task.status, error: task.error }).toEqual({ status: "success", error: null });
  return task;
}

const newFolder = (name: string) => path.join(fixture.temp.dir, "restored", name);

describe("restore to another folder", () => {
  it("reproduces every file byte for byte: unicode, quotes, spaces, an empty folder, a symlink, 20 MB", async () => {
    const target = newFolder("everything");
    const task = await restoreAndWait({ targetPath: target });
    expect(task.kind).toBe("restore");
    expect(treeOf(target)).toEqual(treeOf(fixture.source));
    if (overwriteModes) expect(task.result).toMatchObject({ files_restored: expect.any(Number) });
  });

  it("restores one selected file as itself, and a selection below its common folder", async () => {
    const one = newFolder("one-file");
    await restoreAndWait({ targetPath: one, include: [path.join(fixture.source, ODD_NAME)] });
    expect(Object.keys(treeOf(one))).toEqual([ODD_NAME]);
    expect(readFileSync(path.join(one, ODD_NAME), "utf8")).toBe("accents and quotes\n");

    const some = newFolder("selection");
    await restoreAndWait({
      targetPath: some,
      include: [path.join(fixture.source, "docs"), path.join(fixture.source, "d[1]*?/in.txt")],
      exclude: ["*.md"],
    });
    expect(Object.keys(treeOf(some)).sort()).toEqual([
      "d[1]*?",
      "d[1]*?/in.txt",
      "docs",
      "docs/deep",
      "docs/deep/nested.txt",
    ]);

    const folder = newFolder("folder-content");
    await restoreAndWait({ targetPath: folder, include: [path.join(fixture.source, "docs")], exclude: ["/deep"] });
    expect(Object.keys(treeOf(folder)).sort()).toEqual(["deep", "deep/nested.txt", "readme.md"]);
    const excluded = newFolder("folder-excluded");
    await restoreAndWait({
      targetPath: excluded,
      include: [path.join(fixture.source, "docs")],
      exclude: [path.join(fixture.source, "docs/deep")],
    });
    expect(Object.keys(treeOf(excluded))).toEqual(["readme.md"]);
  });

  it("never writes through a symlink planted in the target", async () => {
    const victim = path.join(fixture.temp.dir, "victim");
    writeFiles(victim, { "nested.txt": "victim\n" });
    const target = newFolder("planted");
    mkdirSync(path.join(target, "docs"), { recursive: true });
    symlinkSync(victim, path.join(target, "docs/deep"));
    await restoreAndWait({
      targetPath: target,
      include: [path.join(fixture.source, "docs"), path.join(fixture.source, "hello.txt")],
    });
    expect(readFileSync(path.join(target, "docs/deep/nested.txt"), "utf8")).toBe("nested\n");
    expect(readFileSync(path.join(victim, "nested.txt"), "utf8")).toBe("victim\n");
  });
});

describe("restore to the original location", () => {
  const local = (name: string) => path.join(fixture.source, name);

  /** After the backup: one file edited now (newer), one edited but dated 2001 (older), one deleted. */
  function changeSource() {
    writeFileSync(local("hello.txt"), "edited, newer\n");
    writeFileSync(local("name with spaces.txt"), "edited, older\n");
    utimesSync(local("name with spaces.txt"), new Date("2001-01-01"), new Date("2001-01-01"));
    rmSync(local("docs/readme.md"));
  }
  const state = () => ({
    newer: readFileSync(local("hello.txt"), "utf8"),
    older: readFileSync(local("name with spaces.txt"), "utf8"),
    deleted: existsSync(local("docs/readme.md")) ? readFileSync(local("docs/readme.md"), "utf8") : null,
  });
  const include = () => ["hello.txt", "name with spaces.txt", "docs"].map(local);

  it.each([
    ["always", { newer: "hello world\n", older: "spaces\n", deleted: "# readme\n" }],
    ["if-changed", { newer: "hello world\n", older: "spaces\n", deleted: "# readme\n" }],
    ["if-newer", { newer: "edited, newer\n", older: "spaces\n", deleted: "# readme\n" }],
    ["never", { newer: "edited, newer\n", older: "edited, older\n", deleted: "# readme\n" }],
  ] as const)("overwrite %s", async (overwrite, expected) => {
    if (!overwriteModes && overwrite !== "always") {
      const { response, error } = await startRestore({ include: include(), overwrite });
      expect(response.status).toBe(400);
      expect(error?.message).toMatch(/needs restic 0\.17\.0 or newer; the installed restic is 0\.14/);
      return;
    }
    changeSource();
    await restoreAndWait({ include: include(), overwrite });
    expect(state()).toEqual(expected);
  });

  it("brings everything back, deleted folders included, and leaves the folders above the snapshot's paths alone", async () => {
    // The snapshot also recorded the folder above its path (mode 0700); restic given `--target /` would reset it.
    chmodSync(fixture.temp.dir, 0o711);
    rmSync(local("docs"), { recursive: true });
    await restoreAndWait({});
    expect(treeOf(fixture.source)).toEqual(treeOf(newFolder("everything")));
    expect(statSync(fixture.temp.dir).mode & 0o777).toBe(0o711);
  });
});

describe("bad input and refusals", () => {
  it("answers 400/404/409 with a message and starts nothing", async () => {
    const cases: [RestoreRequest, number, RegExp][] = [
      [{ snapshotId: "deadbeefdeadbeef" }, 404, /Snapshot not found/],
      [{ snapshotId: "xyz" }, 400, /snapshotId/],
      [{ include: [`${fixture.source}/../etc`] }, 400, /"\.\."/],
      [
        { include: [path.join(fixture.source, "missing.txt")], targetPath: newFolder("x") },
        404,
        /missing\.txt is not in this snapshot/,
      ],
      [{ include: [path.join(fixture.source, "missing.txt")] }, 404, /missing\.txt is not in this snapshot/],
      [{ targetPath: "relative/folder" }, 400, /targetPath must be an absolute path/],
      [{ targetPath: path.join(fixture.app.dataDir, "elsewhere") }, 403, /data directory/],
      [{ targetPath: path.join(fixture.location, "data") }, 400, /repository storage/],
      [{ targetPath: newFolder("x"), overwrite: "sometimes" as never }, 400, /overwrite/],
    ];
    if (!overwriteModes)
      cases.push([{ targetPath: newFolder("x"), excludeXattr: ["user.x"] }, 400, /needs restic 0\.18\.0/]);
    for (const [body, status, message] of cases) {
      const { response, error } = await startRestore(body);
      expect({ body, status: response.status }).toEqual({ body, status });
      expect(error?.message).toMatch(message);
    }
    const { data: active } = await fixture.admin.client.GET("/api/v1/tasks");
    expect(active?.filter((task) => task.kind === "restore")).toEqual([]);
  });

  it("restores into DATA_DIR/restores for an admin", async () => {
    const target = path.join(fixture.app.dataDir, "restores", "admin");
    await restoreAndWait({ targetPath: target, include: [path.join(fixture.source, "hello.txt")] });
    expect(readFileSync(path.join(target, "hello.txt"), "utf8")).toBeTruthy();
  });

  it("lets a member restore only inside RESTORE_ROOTS, and never through an original location elsewhere", async () => {
    const member = await signUpMember(fixture);
    const imported = await member.client.POST("/api/v1/repositories", {
      body: {
        name: "imported",
        config: {
          type: "local",
          path: fixture.location,
          isExistingRepository: true,
          customPassword: fixture.orgPassword,
        },
      } as never,
    });
    expect(imported.response.status).toBe(201);
    const shortId = imported.data!.repository.shortId;

    for (const body of [
      { targetPath: newFolder("member") },
      {},
      { include: [path.join(fixture.source, "hello.txt")] },
    ]) {
      const { response, error } = await startRestore(body, member, shortId);
      expect({ body, status: response.status }).toEqual({ body, status: 403 });
      expect(error?.message).toMatch(/allowed folders/);
    }

    const allowed = path.join(fixture.restoreRoot, "mine");
    await restoreAndWait({ targetPath: allowed, include: [path.join(fixture.source, "docs")] }, member, shortId);
    expect(readFileSync(path.join(allowed, "readme.md"), "utf8")).toBe("# readme\n");

    // A snapshot of a folder named `etc`, made from inside the restore root with a relative path: restic stores it as
    // /etc, although its recorded path is inside the root. Its "original location" must not be /etc.
    writeFiles(path.join(fixture.restoreRoot, "etc"), { "passwd-test": "evil\n" });
    restic(fixture.location, fixture.orgPassword, ["backup", "etc", "--tag", "relative"], {}, fixture.restoreRoot);
    const [relative] = JSON.parse(
      restic(fixture.location, fixture.orgPassword, ["snapshots", "--json", "--tag", "relative"]),
    ) as { id: string }[];
    const sneaky = await startRestore({ snapshotId: relative.id }, member, shortId);
    expect(sneaky.response.status).toBe(400);
    expect(sneaky.error?.message).toMatch(/no original location/);
    expect(existsSync("/etc/passwd-test")).toBe(false);
  });

  it("lets a member restore into their own volume, and refuses a read-only one", async () => {
    const member = await signUpMember(fixture);
    const imported = await member.client.POST("/api/v1/repositories", {
      body: {
        name: "for-volumes",
        config: {
          type: "local",
          path: fixture.location,
          isExistingRepository: true,
          customPassword: fixture.orgPassword,
        },
      } as never,
    });
    const shortId = imported.data!.repository.shortId;
    const volume = async (name: string, share: string, readOnly: boolean) => {
      mkdirSync(share, { recursive: true });
      const { data, response } = await member.client.POST("/api/v1/volumes", {
        body: { name, config: { type: "rclone", remote: "localdisk", path: share, readOnly } } as never,
      });
      expect(response.status).toBe(201);
      return data!;
    };
    const writable = await volume("share", path.join(fixture.temp.dir, "member-share"), false);
    const readOnly = await volume("archive", path.join(fixture.temp.dir, "member-archive"), true);
    const mountOf = (shortId: string) => path.join(fixture.app.dataDir, "volumes", shortId);

    const into = path.join(mountOf(writable.shortId), "back");
    const started = await startRestore(
      { targetPath: into, include: [path.join(fixture.source, "hello.txt")] },
      member,
      shortId,
    );
    expect(started.response.status).toBe(202);
    const task = await waitForTask(member, started.data!.taskId);
    // rclone 1.60's FUSE mount answers extended-attribute calls with EIO: the files arrive, the task says so.
    expect(["success", "warning"], JSON.stringify(task)).toContain(task.status);
    if (task.status === "warning") expect(JSON.stringify(task.result)).toMatch(/xattr/);
    expect(readFileSync(path.join(into, "hello.txt"), "utf8")).toBe(
      readFileSync(path.join(fixture.source, "hello.txt"), "utf8"),
    );

    const refused = await startRestore({ targetPath: path.join(mountOf(readOnly.shortId), "x") }, member, shortId);
    expect(refused.response.status).toBe(400);
    expect(refused.error?.message).toMatch(/read-only/);
  });
});

/** The fixture's repository once more, behind a 4 Mbit/s download limit: restoring its 20 MB file takes ~40 s. */
async function slowRepository(name: string): Promise<string> {
  const slow = await fixture.admin.client.POST("/api/v1/repositories", {
    body: {
      name,
      config: {
        type: "local",
        path: fixture.location,
        isExistingRepository: true,
        customPassword: fixture.orgPassword,
        downloadLimit: { enabled: true, value: 4, unit: "Mbps" },
      },
    } as never,
  });
  expect(slow.response.status).toBe(201);
  return slow.data!.repository.shortId;
}

async function taskStatus(taskId: string) {
  return (await fixture.admin.client.GET("/api/v1/tasks/{taskId}", { params: { path: { taskId } } })).data?.status;
}

describe("cancel", () => {
  it("stops a running restore: the task ends cancelled and restic leaves no lock", async () => {
    const shortId = await slowRepository("slow");
    const { data } = await startRestore(
      { targetPath: newFolder("cancelled"), include: [path.join(fixture.source, "big.bin")] },
      fixture.admin,
      shortId,
    );
    await expect.poll(() => taskStatus(data!.taskId), { timeout: 15_000 }).toBe("running");
    const twice = await startRestore({ targetPath: newFolder("again") }, fixture.admin, shortId);
    expect(twice.response.status).toBe(409);
    const cancel = await fixture.admin.client.POST("/api/v1/tasks/{taskId}/cancel", {
      params: { path: { taskId: data!.taskId } },
    });
    expect(cancel.response.status).toBe(202);
    const task = await waitForTask(fixture.admin, data!.taskId);
    expect(task.status).toBe("cancelled");
    // restic 0.14 interrupted while it opens the repository can leave its lock behind; it is stale (its process is
    // gone), which plain `unlock` proves by removing it. Newer restic removes it itself.
    if (!overwriteModes) restic(fixture.location, fixture.orgPassword, ["unlock"]);
    expect(restic(fixture.location, fixture.orgPassword, ["list", "locks"]).trim()).toBe("");
  });
});

describe("a crash mid-restore", () => {
  it("leaves nothing half-restored in the target once the app is back", async (context) => {
    // restic ≥ 0.17 restores in place; only older restic stages files in a folder of ours inside the target.
    if (overwriteModes) context.skip();
    const shortId = await slowRepository("slow, then killed");
    const target = newFolder("crashed");
    const { data } = await startRestore(
      { targetPath: target, include: [path.join(fixture.source, "big.bin")] },
      fixture.admin,
      shortId,
    );
    const staged = () =>
      existsSync(target) ? readdirSync(target).filter((name) => name.startsWith(STAGING_PREFIX)) : [];
    await expect.poll(staged, { timeout: 15_000 }).toHaveLength(1);
    await expect.poll(() => taskStatus(data!.taskId), { timeout: 15_000 }).toBe("running");
    await fixture.app.crash();
    expect(staged()).toHaveLength(1);

    await fixture.app.restart();
    await expect.poll(() => readdirSync(target), { timeout: 15_000 }).toEqual([]);
    expect(await taskStatus(data!.taskId)).toBe("interrupted");
  });
});
