// restic failures as typed errors. Messages are fixed summaries; restic's own words (scrubbed) go to `details`.
import { AppError } from "@/server/http/errors";
import { scrubSecrets } from "./scrub";

export type ResticErrorKind =
  | "wrong-password"
  | "access-denied"
  | "not-found"
  | "locked"
  | "network"
  | "cancelled"
  | "timeout"
  | "unsupported"
  | "failed";

export class ResticError extends AppError {
  constructor(
    readonly kind: ResticErrorKind,
    status: number,
    message: string,
    readonly exitCode: number | null,
    details?: string,
  ) {
    super(status, message, details ? { details } : {});
  }

  get details(): string | undefined {
    return this.extra.details;
  }
}

export class WrongPasswordError extends ResticError {
  constructor(exitCode: number | null, details?: string) {
    super("wrong-password", 400, "The repository password is wrong (no key found for it)", exitCode, details);
  }
}

/** The storage itself refused the credentials (S3 access key or secret key), as opposed to the repository password. */
export class StorageAccessDeniedError extends ResticError {
  constructor(exitCode: number | null, details?: string) {
    super(
      "access-denied",
      400,
      "The storage refused access: check the access key and the secret key",
      exitCode,
      details,
    );
  }
}

export class RepositoryNotFoundError extends ResticError {
  constructor(exitCode: number | null, details?: string) {
    super("not-found", 400, "No restic repository exists at this location", exitCode, details);
  }
}

export class RepositoryLockedError extends ResticError {
  constructor(exitCode: number | null, details?: string) {
    super("locked", 409, "The repository is locked by another restic process", exitCode, details);
  }
}

export class ResticNetworkError extends ResticError {
  constructor(exitCode: number | null, details?: string) {
    super("network", 502, "The repository storage is unreachable", exitCode, details);
  }
}

export class ResticCancelledError extends ResticError {
  constructor(details?: string) {
    super("cancelled", 409, "The restic command was cancelled", null, details);
  }
}

export class ResticTimeoutError extends ResticError {
  constructor(timeoutMs: number, details?: string) {
    super("timeout", 504, `The restic command did not finish within ${Math.round(timeoutMs / 1000)} s`, null, details);
  }
}

export class ResticUnsupportedError extends ResticError {
  constructor(feature: string, requiredVersion: string, installedVersion: string) {
    super(
      "unsupported",
      400,
      `${feature} needs restic ${requiredVersion} or newer; the installed restic is ${installedVersion}`,
      null,
    );
  }
}

export class ResticCommandError extends ResticError {
  constructor(command: string, exitCode: number | null, details?: string) {
    super(
      "failed",
      500,
      `restic ${command} failed${exitCode === null ? "" : ` (exit code ${exitCode})`}`,
      exitCode,
      details,
    );
  }
}

/** restic ≥0.17 with `--json` reports fatal errors as `{"message_type":"exit_error",...}` on stderr. */
function readableStderr(stderr: string): string {
  return stderr
    .split("\n")
    .map((line) => {
      if (!line.startsWith("{")) return line;
      try {
        const parsed = JSON.parse(line) as { message_type?: string; message?: string };
        return parsed.message_type === "exit_error" && parsed.message ? parsed.message : line;
      } catch {
        return line;
      }
    })
    .join("\n")
    .trim();
}

const WRONG_PASSWORD = /wrong password or no key found/i;
// S3 (minio-go) answers a wrong secret key with 403 SignatureDoesNotMatch, shown as "Access Denied" for HEAD requests.
const ACCESS_DENIED =
  /Access Denied|AccessDenied|SignatureDoesNotMatch|signature we calculated does not match|InvalidAccessKeyId/i;
const LOCKED = /repository is already locked|unable to create lock in backend|failed to lock repository/i;
const NETWORK =
  /connection refused|no such host|i\/o timeout|network is unreachable|no route to host|connection reset|context deadline exceeded|TLS handshake timeout|server misbehaving|Could not resolve hostname|Connection timed out|ssh: connect to host|Host key verification failed|Permission denied \(publickey|unable to start the sftp session|x509: certificate|tls: failed to verify/i;
const NOT_FOUND =
  /unable to open config file|Is there a repository at the following location\?|repository does not exist|config file does not exist|repository not found/i;

// 0.17+ exit codes; 12 arrived in 0.17.1. Older versions only say it in stderr, hence the text patterns too.
const EXIT_NOT_FOUND = 10;
const EXIT_LOCKED = 11;
const EXIT_WRONG_PASSWORD = 12;

export type ResticFailure = { command: string; exitCode: number | null; stderr: string; secrets?: readonly string[] };

export function toResticError({ command, exitCode, stderr, secrets = [] }: ResticFailure): ResticError {
  const text = readableStderr(stderr);
  const details = scrubSecrets(text, secrets) || undefined;
  if (exitCode === EXIT_WRONG_PASSWORD || WRONG_PASSWORD.test(text)) return new WrongPasswordError(exitCode, details);
  if (exitCode === EXIT_LOCKED || LOCKED.test(text)) return new RepositoryLockedError(exitCode, details);
  // Before the not-found texts and exit code: restic reports a refused config read as a missing repository.
  if (ACCESS_DENIED.test(text)) return new StorageAccessDeniedError(exitCode, details);
  if (exitCode === EXIT_NOT_FOUND) return new RepositoryNotFoundError(exitCode, details);
  // Before the not-found texts: restic 0.14 wraps an unreachable server in "unable to open config file".
  if (NETWORK.test(text)) return new ResticNetworkError(exitCode, details);
  if (NOT_FOUND.test(text)) return new RepositoryNotFoundError(exitCode, details);
  return new ResticCommandError(command, exitCode, details);
}

/** Whether stderr so far shows the storage is unreachable (used when a command is stopped by its timeout). */
export function looksLikeNetworkFailure(stderr: string): boolean {
  return NETWORK.test(readableStderr(stderr));
}
