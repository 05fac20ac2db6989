// The one refusal of NUL and other control characters in what callers send, applied to every REST body, query and
// path parameter (api-route.ts) and every tRPC input (trpc/init.ts) before a schema sees it. Left through, a NUL cuts
// a string short in SQLite and C APIs ("ab\u0000cd" stored as "ab") or makes spawn throw; other control characters
// hide text in logs and on command lines. Tab, line feed and carriage return stay allowed: PEM keys, known_hosts
// lines and JSON credentials are multi-line, and single-line fields refuse them in their own schemas.
import { BadRequestError } from "./errors";

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

type Visit = { value: unknown; key: string; parent: Visit | null };

const pathOf = (visit: Visit): string => {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join(".");
};

/** The dotted path of the first string (or object key) holding a control character, or null when there is none. */
export function findControlCharacter(value: unknown): string | null {
  // Iterative with parent links, so a deeply nested body neither overflows the stack nor costs quadratic time.
  const pending: Visit[] = [{ value, key: "", parent: null }];
  while (pending.length > 0) {
    const visit = pending.pop()!;
    const current = visit.value;
    if (typeof current === "string") {
      if (CONTROL_CHARACTER.test(current)) return pathOf(visit);
    } else if (typeof current === "object" && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const child = { value: item, key, parent: visit };
        if (CONTROL_CHARACTER.test(key)) return pathOf(child);
        pending.push(child);
      }
    }
  }
  return null;
}

/** Throws a 400 naming the field (`where` is e.g. "request body") when the input holds a control character. */
export function assertCleanInput(value: unknown, where: string): void {
  const field = findControlCharacter(value);
  if (field === null) return;
  const message = "must not contain NUL or other control characters";
  throw new BadRequestError(`Invalid ${where}: ${field ? `${field}: ` : ""}${message}`, {
    issues: [{ path: field, message }],
  });
}
