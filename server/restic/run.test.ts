// runRestic against a stand-in restic script: what it receives (argv, env, password file) and how it is stopped.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/server/config";
import { repositoryConfigSchema } from "@/server/repositories/repository-config.schema";
import { ResticCancelledError, ResticTimeoutError, WrongPasswordError } from "./errors";
import { runRestic } from "./run";

const dir = mkdtempSync(path.join(tmpdir(), "zb-fake-restic-"));
const fake = path.join(dir, "restic");
const previousBin = process.env.RESTIC_BIN;
const target = {
  config: repositoryConfigSchema.parse({ type: "rest", url: "http://h/", username: "user", password: "rest-secret" }),
  password: "repo password 123",
};

beforeAll(() => {
  writeFileSync(
    fake,
    `#!/bin/bash
if [ "$1" = version ]; then echo "restic 0.18.0 compiled with go1.24.4 on linux/amd64"; exit 0; fi
case " $* " in
  *" dumpenv "*)
    env | sort
    echo "MODES $(stat -c '%a' "$RESTIC_PASSWORD_FILE" "$(dirname "$RESTIC_PASSWORD_FILE")" | tr '\\n' ' ')"
    echo "PASSWORD $(cat "$RESTIC_PASSWORD_FILE")"
    echo "ARGS $*"
    exit 0;;
  *" hang "*)
    trap 'echo "interrupted, lock removed" >&2; exit 130' INT
    echo '{"message_type":"status"}'
    while true; do sleep 0.05; done;;
  *" fail "*) echo "Fatal: wrong password or no key found, repo password 123 rest-secret" >&2; exit 1;;
esac
`,
  );
  chmodSync(fake, 0o755);
  process.env.RESTIC_BIN = fake;
  process.env.APP_SECRET_LEAK_CHECK = "must-not-reach-restic";
  resetConfig();
});

afterAll(() => {
  process.env.RESTIC_BIN = previousBin;
  delete process.env.APP_SECRET_LEAK_CHECK;
  resetConfig();
  rmSync(dir, { recursive: true, force: true });
});

describe("runRestic", () => {
  it("passes the password through a 0600 file in a 0700 dir, removed afterwards, never in argv", async () => {
    const { stdout } = await runRestic(target, ["dumpenv"]);
    const passwordFile = stdout.match(/^RESTIC_PASSWORD_FILE=(.*)$/m)?.[1] ?? "";
    expect(stdout).toContain("MODES 600 700");
    expect(stdout).toContain("PASSWORD repo password 123");
    expect(stdout).toMatch(/^ARGS --repo rest:http:\/\/h dumpenv$/m);
    expect(existsSync(path.dirname(passwordFile))).toBe(false);
  });

  it("gives restic a clean environment", async () => {
    const { stdout } = await runRestic(target, ["dumpenv"]);
    expect(stdout).not.toContain("APP_SECRET");
    expect(stdout).toMatch(/^RESTIC_REST_PASSWORD=rest-secret$/m);
    expect(stdout).toMatch(/^RESTIC_CACHE_DIR=.*restic-cache$/m);
  });

  it("throws typed errors with the secrets scrubbed from details", async () => {
    const error = (await runRestic(target, ["fail"]).catch((e: unknown) => e)) as WrongPasswordError;
    expect(error).toBeInstanceOf(WrongPasswordError);
    expect(error.details).toBe("Fatal: wrong password or no key found, ******** ********");
  });

  it("cancels with SIGINT through an AbortSignal, streaming lines meanwhile", async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const run = runRestic(target, ["hang"], {
      signal: controller.signal,
      captureStdout: false,
      onStdoutLine: (line) => {
        lines.push(line);
        controller.abort();
      },
    });
    const error = (await run.catch((e: unknown) => e)) as ResticCancelledError;
    expect(error).toBeInstanceOf(ResticCancelledError);
    expect(error.details).toBe("interrupted, lock removed");
    expect(lines).toEqual(['{"message_type":"status"}']);
  });

  it("stops a command at its timeout", async () => {
    await expect(runRestic(target, ["hang"], { timeoutMs: 300 })).rejects.toBeInstanceOf(ResticTimeoutError);
  });

  it("refuses to start when already cancelled", async () => {
    await expect(runRestic(target, ["dumpenv"], { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      ResticCancelledError,
    );
  });
});
