import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadProvisioningFile } from "./provisioning-file";

const folder = mkdtempSync(path.join(tmpdir(), "zerobyte-provisioning-"));
let files = 0;

function fileWith(content: unknown): string {
  const file = path.join(folder, `provisioning-${files++}.json`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const repository = (config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  provisioningId: "offsite",
  name: "Offsite",
  config: { backend: "local", path: "/srv/backups", ...config },
  ...extra,
});
const volume = { provisioningId: "docs", name: "Documents", config: { backend: "directory", path: "/srv/docs" } };
const schedule = (extra: Record<string, unknown> = {}) => ({
  provisioningId: "nightly",
  name: "Nightly",
  volume: "docs",
  repository: "offsite",
  cronExpression: "0 2 * * *",
  enabled: true,
  ...extra,
});
const load = (content: unknown) => () => loadProvisioningFile(fileWith(content));

afterEach(() => {
  delete process.env.ZB_PROVISIONING_TEST_PASSWORD;
});

describe("the provisioning file", () => {
  it("resolves env:// and file:// references and validates entries with the API's schemas", () => {
    process.env.ZB_PROVISIONING_TEST_PASSWORD = "from-the-environment";
    const secretFile = fileWith("from-a-file\n");
    const plan = loadProvisioningFile(
      fileWith({
        version: 1,
        volumes: [volume],
        repositories: [
          repository(
            { isExistingRepository: true, customPassword: "env://ZB_PROVISIONING_TEST_PASSWORD" },
            { checkSchedule: { cron: "0 4 * * *", readDataSubset: "rotate", rotateDays: 7 } },
          ),
        ],
        notifications: [
          {
            provisioningId: "alerts",
            name: "Alerts",
            config: { type: "ntfy", topic: "ops", accessToken: `file://${secretFile}` },
          },
        ],
        schedules: [
          schedule({
            notifications: [
              {
                destination: "alerts",
                notifyOnStart: false,
                notifyOnSuccess: false,
                notifyOnWarning: true,
                notifyOnFailure: true,
              },
            ],
          }),
        ],
      }),
    );
    expect(plan.entries.map((entry) => `${entry.kind}:${entry.provisioningId}`)).toEqual([
      "volume:docs",
      "repository:offsite",
      "destination:alerts",
      "schedule:nightly",
    ]);
    const [, repo, destination, nightly] = plan.entries;
    expect(repo.body).toMatchObject({ compressionMode: "auto", config: { customPassword: "from-the-environment" } });
    expect(repo.checkSchedule).toEqual({ cron: "0 4 * * *", readDataSubset: "rotate", rotateDays: 7, timezone: null });
    expect(destination.body).toMatchObject({ enabled: true, config: { accessToken: "from-a-file" } });
    expect(nightly.refs).toMatchObject({
      volume: "docs",
      repository: "offsite",
      notifications: [{ destination: "alerts" }],
    });
    expect(nightly.body).toMatchObject({ maxRetries: 2, retryDelay: 15 });
  });

  it("stops on a missing variable, a bad field or a dangling reference with one line naming the entry and field", () => {
    expect(
      load({ version: 1, repositories: [repository({ customPassword: "env://ZB_PROVISIONING_TEST_PASSWORD" })] }),
    ).toThrow("repositories[0] (offsite): config.customPassword: env://ZB_PROVISIONING_TEST_PASSWORD is not set");
    expect(load({ version: 1, repositories: [repository({}, { compressionMode: "fast" })] })).toThrow(
      /^repositories\[0\] \(offsite\): compressionMode: /,
    );
    expect(
      load({
        version: 1,
        volumes: [volume],
        repositories: [repository()],
        schedules: [schedule({ cronExpression: "61 * * * *" })],
      }),
    ).toThrow(/^schedules\[0\] \(nightly\): cronExpression: Invalid cron expression/);
    expect(load({ version: 1, repositories: [repository()], schedules: [schedule()] })).toThrow(
      'schedules (nightly): volume: no volume with provisioningId "docs" in the file',
    );
    expect(load({ version: 1, volumes: [volume, volume] })).toThrow('volumes[1]: provisioningId "docs" is used twice');
    expect(load({ version: 1, volumes: [{ ...volume, provisioningId: "no spaces" }] })).toThrow(
      /provisioningId must be/,
    );
    expect(load({ version: 2 })).toThrow("file: version: version must be 1");
    expect(load("{ not json")).toThrow(/^cannot read it as JSON/);
  });

  it("hashes an entry by its content, not by how the file is laid out", () => {
    const [a] = loadProvisioningFile(fileWith({ version: 1, volumes: [volume] })).entries;
    const reordered = {
      config: { path: "/srv/docs", backend: "directory" },
      name: "Documents",
      provisioningId: "docs",
    };
    const [b] = loadProvisioningFile(fileWith(JSON.stringify({ volumes: [reordered], version: 1 }, null, 2))).entries;
    const [c] = loadProvisioningFile(fileWith({ version: 1, volumes: [{ ...volume, name: "Docs" }] })).entries;
    expect(b.hash).toBe(a.hash);
    expect(c.hash).not.toBe(a.hash);
  });
});
