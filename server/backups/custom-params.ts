// Custom restic parameters a schedule may add to its backup (reference §5.4). Only an allow-list passes: anything
// that could change where restic writes, which password it uses, or what it runs (-o, --repo, --password-*) is
// refused, and so is every positional token.
import { BadRequestError } from "@/server/http/errors";
import type { ResticCapabilities } from "@/server/restic/version";

type Flag = {
  /** How its value looks; absent for a switch. */
  value?: { pattern: RegExp; description: string };
  /** Whether the installed restic has it (restic grew some flags after 0.14; VSS snapshots exist on Windows only). */
  available?: (capabilities: ResticCapabilities) => boolean;
  /** Also forwarded to `restic copy` (mirrors). */
  copy?: boolean;
};

const POSITIVE_INTEGER = { pattern: /^[1-9]\d*$/, description: "a positive integer" };
const SIZE = { pattern: /^[1-9]\d*[kKmMgGtT]?$/, description: "a size such as 500M or 2G" };

const FLAGS: Record<string, Flag> = {
  "--verbose": { copy: true },
  "-v": { copy: true },
  "--no-scan": { available: (restic) => restic.backupNoScan },
  "--skip-if-unchanged": { available: (restic) => restic.backupSkipIfUnchanged },
  "--exclude-caches": {},
  "--force": {},
  "--use-fs-snapshot": { available: () => process.platform === "win32" },
  "--ignore-ctime": {},
  "--ignore-inode": {},
  "--with-atime": {},
  "--no-cache": { copy: true },
  "--cleanup-cache": { copy: true },
  "--no-lock": { copy: true },
  "--exclude-larger-than": { value: SIZE },
  "--read-concurrency": { value: POSITIVE_INTEGER, available: (restic) => restic.backupReadConcurrency },
  "--limit-upload": { value: POSITIVE_INTEGER, copy: true },
  "--limit-download": { value: POSITIVE_INTEGER, copy: true },
  "--pack-size": { value: POSITIVE_INTEGER, copy: true },
};

/** One parameter as given: the flag and its value (`--flag=value` and `--flag value` both end up here). */
type Parameter = { flag: string; value?: string };

function tokenize(params: string[]): string[] {
  return params.flatMap((entry) => entry.split(/\s+/)).filter(Boolean);
}

function parse(params: string[]): Parameter[] {
  const tokens = tokenize(params);
  const parsed: Parameter[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token.startsWith("-")) {
      throw new BadRequestError(
        `customResticParams: "${token}" is not a flag; only flags from the allow-list are accepted`,
      );
    }
    const equals = token.indexOf("=");
    const flag = equals > 0 ? token.slice(0, equals) : token;
    const spec = FLAGS[flag];
    if (!spec) throw new BadRequestError(`customResticParams: ${flag} is not allowed`);
    if (!spec.value) {
      if (equals > 0) throw new BadRequestError(`customResticParams: ${flag} takes no value`);
      parsed.push({ flag });
      continue;
    }
    const value = equals > 0 ? token.slice(equals + 1) : tokens[++i];
    if (value === undefined || !spec.value.pattern.test(value)) {
      throw new BadRequestError(`customResticParams: ${flag} needs ${spec.value.description}`);
    }
    parsed.push({ flag, value });
  }
  return parsed;
}

const toArgs = (parameters: Parameter[]) =>
  parameters.flatMap(({ flag, value }) => (value === undefined ? [flag] : [flag, value]));

/** Throws a 400 naming the first parameter outside the allow-list or with a malformed value. */
export function validateCustomResticParams(params: string[]): void {
  parse(params);
}

/**
 * The backup's extra arguments. Flags the installed restic does not have are left out and reported in `dropped`:
 * each of them only tunes speed or platform behaviour, so the backup is still the one asked for.
 */
export function backupParamArgs(
  params: string[],
  capabilities: ResticCapabilities,
): { args: string[]; dropped: string[] } {
  const parameters = parse(params);
  const known = parameters.filter(({ flag }) => FLAGS[flag].available?.(capabilities) ?? true);
  const dropped = parameters.filter((parameter) => !known.includes(parameter)).map(({ flag }) => flag);
  return { args: toArgs(known), dropped };
}

/** The subset `restic copy` understands, for mirror syncs. */
export function copyParamArgs(params: string[]): string[] {
  return toArgs(parse(params).filter(({ flag }) => FLAGS[flag].copy));
}
