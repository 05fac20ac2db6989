// What a schedule backs up, relative to its volume (reference §5.4). Paths and patterns are stored volume-relative
// and joined with the volume's folder only when a run starts, so a remounted volume keeps working; none may leave
// the volume, neither by ".." (checked on save) nor through a symlink (checked at run time).
import { realpath } from "node:fs/promises";
import path from "node:path";
import { BadRequestError } from "@/server/http/errors";

/** "a/../b" → "b", "/docs/" → "docs"; null when it climbs out of the volume. */
function volumeRelative(input: string): string | null {
  const normalised = path.posix.normalize(input.replace(/^\/+/, "") || ".");
  if (normalised === ".." || normalised.startsWith("../")) return null;
  return normalised.replace(/\/+$/, "") || ".";
}

function negation(input: string): { negated: boolean; rest: string } {
  return input.startsWith("!") ? { negated: true, rest: input.slice(1) } : { negated: false, rest: input };
}

/** Include paths as stored: volume-relative and normalised. Throws a 400 naming the entry that leaves the volume. */
export function normaliseIncludePath(input: string): string {
  if (input.includes("\0")) throw new BadRequestError("includePaths entries must not contain NUL characters");
  const relative = volumeRelative(input);
  if (relative === null) throw new BadRequestError(`includePaths entry "${input}" points outside the volume`);
  return relative;
}

export function normaliseIncludePattern(input: string): string {
  if (input.includes("\n")) throw new BadRequestError("includePatterns entries must not contain newlines");
  const { negated, rest } = negation(input);
  const relative = volumeRelative(rest);
  if (relative === null) throw new BadRequestError(`includePatterns entry "${input}" points outside the volume`);
  return `${negated ? "!" : ""}${relative}`;
}

export function normaliseExcludePattern(input: string): string {
  if (input.includes("\n")) throw new BadRequestError("excludePatterns entries must not contain newlines");
  const { rest } = negation(input);
  if (rest.startsWith("/") && volumeRelative(rest) === null) {
    throw new BadRequestError(`excludePatterns entry "${input}" points outside the volume`);
  }
  return input;
}

/** restic globs (Go's filepath.Match) treat these as pattern syntax; a volume folder named "[2024]" must not. */
const escapeGlob = (literal: string) => literal.replace(/[\\*?[\]]/g, "\\$&");

export type ScheduleSelection = {
  includePaths: string[];
  includePatterns: string[];
  excludePatterns: string[];
};

export type ResolvedSelection = {
  /** Backed up as positional arguments: the whole volume when nothing is included explicitly. */
  paths: string[];
  includePaths: string[];
  includePatterns: string[];
  excludePatterns: string[];
};

/**
 * Joins the stored selection with the volume's folder. Include paths are resolved through symlinks and refused
 * (400) when they end up outside the volume; a path that does not exist stays as it is (restic reports it).
 */
export async function resolveSelection(volumeRoot: string, selection: ScheduleSelection): Promise<ResolvedSelection> {
  const root = await realpath(volumeRoot);
  const includePaths = await Promise.all(
    selection.includePaths.map(async (relative) => {
      const joined = path.join(root, relative);
      const resolved = await realpath(joined).catch(() => joined);
      const inside = path.relative(root, resolved);
      if (inside.startsWith("..") || path.isAbsolute(inside)) {
        throw new BadRequestError(`includePaths entry "${relative}" leads outside the volume (through a symlink)`);
      }
      return joined;
    }),
  );
  const anchored = (pattern: string) => {
    const { negated, rest } = negation(pattern);
    return `${negated ? "!" : ""}${escapeGlob(root)}/${rest.replace(/^\/+/, "")}`;
  };
  const includePatterns = selection.includePatterns.map(anchored);
  const excludePatterns = selection.excludePatterns.map((pattern) =>
    negation(pattern).rest.startsWith("/") ? anchored(pattern) : pattern,
  );
  const hasIncludes = includePaths.length > 0 || includePatterns.length > 0;
  return { paths: hasIncludes ? [] : [root], includePaths, includePatterns, excludePatterns };
}
