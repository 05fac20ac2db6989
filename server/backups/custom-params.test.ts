import { describe, expect, it } from "vitest";
import { capabilitiesOf } from "@/server/restic/version";
import { backupParamArgs, copyParamArgs, validateCustomResticParams } from "./custom-params";

const v014 = capabilitiesOf({ major: 0, minor: 14, patch: 0 });
const v018 = capabilitiesOf({ major: 0, minor: 18, patch: 0 });

describe("custom restic parameters", () => {
  it("accepts allow-listed switches and valued flags in both spellings", () => {
    const params = ["--exclude-caches --pack-size 32", "--exclude-larger-than=2G", "--limit-upload", "500"];
    expect(() => validateCustomResticParams(params)).not.toThrow();
    expect(backupParamArgs(params, v018).args).toEqual([
      "--exclude-caches",
      "--pack-size",
      "32",
      "--exclude-larger-than",
      "2G",
      "--limit-upload",
      "500",
    ]);
  });

  it.each([
    [["--password-file", "/etc/passwd"], /--password-file is not allowed/],
    [["-o", "sftp.command=sh"], /-o is not allowed/],
    [["--repo=/tmp/other"], /--repo is not allowed/],
    [["--option=x"], /--option is not allowed/],
    [["/etc"], /"\/etc" is not a flag/],
    [["--pack-size", "-5"], /--pack-size needs a positive integer/],
    [["--pack-size"], /--pack-size needs a positive integer/],
    [["--read-concurrency=0"], /needs a positive integer/],
    [["--exclude-larger-than", "big"], /needs a size/],
    [["--force=yes"], /--force takes no value/],
  ])("refuses %j", (params, message) => {
    expect(() => validateCustomResticParams(params)).toThrow(message);
  });

  it("leaves out flags the installed restic does not have, and says which", () => {
    const params = ["--no-scan", "--skip-if-unchanged", "--read-concurrency 4", "--use-fs-snapshot", "--force"];
    expect(backupParamArgs(params, v014)).toEqual({
      args: ["--force"],
      dropped: ["--no-scan", "--skip-if-unchanged", "--read-concurrency", "--use-fs-snapshot"],
    });
    expect(backupParamArgs(params, v018)).toEqual({
      args: ["--no-scan", "--skip-if-unchanged", "--read-concurrency", "4", "--force"],
      dropped: ["--use-fs-snapshot"],
    });
  });

  it("forwards only copy-compatible flags to restic copy", () => {
    expect(copyParamArgs(["--verbose", "--exclude-caches", "--limit-download 100", "--no-scan"])).toEqual([
      "--verbose",
      "--limit-download",
      "100",
    ]);
  });
});
