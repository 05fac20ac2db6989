import { describe, expect, it } from "vitest";
import {
  RepositoryLockedError,
  RepositoryNotFoundError,
  ResticCommandError,
  ResticNetworkError,
  ResticUnsupportedError,
  StorageAccessDeniedError,
  toResticError,
  WrongPasswordError,
} from "./errors";
import { scrubSecrets } from "./scrub";
import { capabilitiesOf, requireCapability } from "./version";

const exitError = (code: number, message: string) => JSON.stringify({ message_type: "exit_error", code, message });

describe("toResticError", () => {
  it.each([
    ["Fatal: wrong password or no key found", WrongPasswordError, 400],
    [
      "unable to create lock in backend: repository is already locked by PID 1 on h by root",
      RepositoryLockedError,
      409,
    ],
    [
      "Fatal: unable to open config file: stat /x/config: no such file or directory\nIs there a repository at the following location?\n/x",
      RepositoryNotFoundError,
      400,
    ],
    [
      'Fatal: unable to open config file: client.Head: Head "http://127.0.0.1:1/x/config": dial tcp 127.0.0.1:1: connect: connection refused\nIs there a repository at the following location?',
      ResticNetworkError,
      502,
    ],
    ["Fatal: unable to open repository: dial tcp: lookup nowhere.invalid: no such host", ResticNetworkError, 502],
    ["subprocess ssh: ssh: connect to host 10.0.0.1 port 22: Connection timed out", ResticNetworkError, 502],
    // A wrong S3 secret key (seen with s3rver + signature checks; AWS says the same), not a missing repository.
    [
      "Fatal: unable to open config file: Stat: Access Denied.\nIs there a repository at the following location?",
      StorageAccessDeniedError,
      400,
    ],
    [
      "Fatal: create repository at s3:https://127.0.0.1:1/b failed: client.BucketExists: Access Denied.",
      StorageAccessDeniedError,
      400,
    ],
  ])("maps restic 0.14 stderr %#", (stderr, type, status) => {
    const error = toResticError({ command: "snapshots", exitCode: 1, stderr });
    expect(error).toBeInstanceOf(type);
    expect(error.status).toBe(status);
  });

  it("maps restic 0.17+ exit codes 10, 11, 12 and reads the JSON exit_error", () => {
    const notFound = toResticError({
      command: "x",
      exitCode: 10,
      stderr: exitError(10, "Fatal: repository does not exist"),
    });
    expect(notFound).toBeInstanceOf(RepositoryNotFoundError);
    expect(notFound.details).toBe("Fatal: repository does not exist");
    expect(toResticError({ command: "x", exitCode: 11, stderr: "" })).toBeInstanceOf(RepositoryLockedError);
    expect(toResticError({ command: "x", exitCode: 12, stderr: "" })).toBeInstanceOf(WrongPasswordError);
  });

  it("answers unknown failures with 500 and scrubbed details", () => {
    const error = toResticError({
      command: "backup",
      exitCode: 1,
      stderr: "Fatal: something odd at rest:https://bob:hunter22@host/repo with key AKIA-SECRET",
      secrets: ["AKIA-SECRET"],
    });
    expect(error).toBeInstanceOf(ResticCommandError);
    expect(error.status).toBe(500);
    expect(error.message).toBe("restic backup failed (exit code 1)");
    expect(error.details).toBe("Fatal: something odd at rest:https://bob:********@host/repo with key ********");
  });
});

describe("scrubSecrets", () => {
  it("masks URL userinfo, password=… and known values, also percent-encoded", () => {
    expect(scrubSecrets("sftp://u:pw@h and password=abc&x=1")).toBe("sftp://u:********@h and password=********&x=1");
    expect(scrubSecrets("rest:http://u:p%40ss@h/ token p@ss!", ["p@ss!"])).toBe(
      "rest:http://u:********@h/ token ********",
    );
    expect(scrubSecrets("a short b", ["a"])).toBe("a short b");
  });
});

describe("capabilities", () => {
  it("follow the version thresholds", () => {
    const v0161 = capabilitiesOf({ major: 0, minor: 16, patch: 1 });
    expect(v0161).toMatchObject({
      repairIndex: true,
      sftpArgs: true,
      restEnvCredentials: true,
      restoreOverwrite: false,
    });
    expect(capabilitiesOf({ major: 0, minor: 16, patch: 0 }).sftpArgs).toBe(false);
    const v014 = capabilitiesOf({ major: 0, minor: 14, patch: 0 });
    // 0.14 is the oldest supported restic: only what 0.12 already had is there.
    expect(Object.entries(v014).filter(([, value]) => value === true)).toEqual([["dumpArchive", true]]);
    expect(capabilitiesOf({ major: 0, minor: 11, patch: 0 }).dumpArchive).toBe(false);
    const v018 = capabilitiesOf({ major: 0, minor: 18, patch: 0 });
    expect(Object.entries(v018).filter(([, value]) => value === false)).toEqual([]);
  });

  it("refuse a missing feature with a 400 naming the version needed", () => {
    const v014 = capabilitiesOf({ major: 0, minor: 14, patch: 0 });
    expect(() => requireCapability(v014, "restoreOverwrite", "Restore overwrite mode")).toThrow(
      new ResticUnsupportedError("Restore overwrite mode", "0.17.0", "0.14.0"),
    );
    try {
      requireCapability(v014, "checkJson", "check --json");
    } catch (error) {
      expect((error as ResticUnsupportedError).status).toBe(400);
      expect((error as Error).message).toBe(
        "check --json needs restic 0.18.0 or newer; the installed restic is 0.14.0",
      );
    }
  });
});
