// The one resolver for paths on the host that users name: local repositories, directory volumes, restore targets and
// the host directory browser (DESIGN.md, trust boundaries). A path is absolute, carries no restic scheme (anything
// not starting with "/" is refused, so `rest:…`/`sftp:…` never reach restic), and is resolved through symlinks
// (realpath of the nearest existing parent) before it is checked against the app's own data and the allowed roots.
// Refusals never say whether the path exists.
import { realpath } from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/server/config";
import { BadRequestError, ForbiddenError } from "@/server/http/errors";

export type HostPathRule = {
  /** The field named in error messages, e.g. `config.path`. */
  field: string;
  /** When given, the resolved path must lie inside one of these (resolved) roots. */
  roots?: readonly string[];
  /** Folders inside DATA_DIR that are allowed anyway (local repositories: `DATA_DIR/repositories`). */
  dataDirExceptions?: readonly string[];
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** True when `child` is `parent` or lies inside it (both absolute and normalised). */
export function isWithin(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** realpath of the nearest existing ancestor, with the missing tail appended: what the path will be once created. */
export async function resolveThroughSymlinks(absolute: string): Promise<string> {
  const missing: string[] = [];
  let current = path.normalize(absolute);
  for (;;) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.join(current, ...missing.reverse());
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/** Syntax only: absolute, no control characters, no scheme. Throws a 400 naming the field. */
export function assertAbsoluteHostPath(input: string, field: string): void {
  if (CONTROL_CHARACTERS.test(input)) throw new BadRequestError(`${field} must not contain control characters`);
  if (!input.startsWith("/")) throw new BadRequestError(`${field} must be an absolute path starting with /`);
}

/**
 * Resolves a user-given host path and checks it against the rule: never inside DATA_DIR (except the listed
 * exceptions), and inside one of `roots` when roots are given. Returns the resolved path to store and use.
 */
export async function resolveHostPath(input: string, rule: HostPathRule): Promise<string> {
  assertAbsoluteHostPath(input, rule.field);
  const resolved = await resolveThroughSymlinks(input);
  const dataDir = await resolveThroughSymlinks(getConfig().dataDir);
  if (isWithin(resolved, dataDir) && resolved !== dataDir) {
    // An ancestor of DATA_DIR (such as "/") would hand the app's own data over with everything else.
    throw new ForbiddenError(`${rule.field} must not contain Zerobyte's data directory`);
  }
  if (isWithin(dataDir, resolved)) {
    const exceptions = await Promise.all((rule.dataDirExceptions ?? []).map(resolveThroughSymlinks));
    if (!exceptions.some((allowed) => isWithin(allowed, resolved))) {
      throw new ForbiddenError(`${rule.field} must not be inside Zerobyte's data directory`);
    }
  }
  if (rule.roots) {
    const roots = await Promise.all(rule.roots.map(resolveThroughSymlinks));
    if (!roots.some((root) => isWithin(root, resolved))) {
      throw new ForbiddenError(`${rule.field} must be inside one of the allowed folders: ${rule.roots.join(", ")}`);
    }
  }
  return resolved;
}
