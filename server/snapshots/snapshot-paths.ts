// Paths inside a snapshot (restic's tree paths: POSIX, absolute) and the restic patterns built from them.
import path from "node:path/posix";
import { BadRequestError } from "@/server/http/errors";

/**
 * A user-given path inside a snapshot as restic writes it: absolute, single slashes, no trailing slash (except `/`).
 * `.` and `..` segments are refused rather than resolved, so a path always names what it says.
 */
export function normaliseSnapshotPath(input: string, field = "path"): string {
  if (!input.startsWith("/")) throw new BadRequestError(`${field} must be an absolute path inside the snapshot`);
  const segments = input.split("/").filter(Boolean);
  if (segments.some((segment) => segment === "." || segment === ".."))
    throw new BadRequestError(`${field} must not contain "." or ".." segments`);
  return `/${segments.join("/")}`;
}

/** True when `child` is `parent` or lies below it. */
export function isWithinSnapshotPath(parent: string, child: string): boolean {
  return parent === "/" || child === parent || child.startsWith(`${parent}/`);
}

/** The deepest folder holding every path (`/` for none, for paths with nothing in common, or any non-absolute one). */
export function commonAncestor(paths: readonly string[]): string {
  if (paths.length === 0 || paths.some((entry) => !entry.startsWith("/"))) return "/";
  let ancestor = paths[0];
  for (const candidate of paths.slice(1)) {
    while (!isWithinSnapshotPath(ancestor, candidate)) ancestor = path.dirname(ancestor);
  }
  return ancestor;
}

/** `child` as seen from `ancestor` (both absolute): `/srv/data` + `/srv/data/a/b` → `/a/b`. */
export function relativeTo(ancestor: string, child: string): string {
  return ancestor === "/" ? child : child.slice(ancestor.length) || "/";
}

/** Drops paths that lie below another one of the list (selecting a folder already selects what it holds). */
export function outermostPaths(paths: readonly string[]): string[] {
  const unique = [...new Set(paths)].sort();
  return unique.filter(
    (candidate) => !unique.some((other) => other !== candidate && isWithinSnapshotPath(other, candidate)),
  );
}

/** A literal path as a restic include/exclude pattern: glob metacharacters escaped. */
export function escapeResticPattern(literal: string): string {
  return literal.replace(/[\\*?[\]]/g, "\\$&");
}

/**
 * Orders names as restic (Go) and SQLite's BINARY collation do: by Unicode code point (UTF-8 byte order), not by
 * UTF-16 code unit as `<` on JS strings would for characters outside the BMP.
 */
export function compareNames(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const left = a.codePointAt(index)!;
    const right = b.codePointAt(index)!;
    if (left !== right) return left - right;
    if (left > 0xffff) index++;
  }
  return a.length - b.length;
}
