// The one refusal of NUL and other control characters in what callers send, applied to every REST body, query and
// path parameter (api-route.ts) and every tRPC input (trpc/init.ts) before a schema sees it. Left through, a NUL cuts
// a string short in SQLite and C APIs ("ab\u0000cd" stored as "ab") or makes spawn throw; other control characters
// hide text in logs and on command lines. Tab, line feed and carriage return stay allowed: PEM keys, known_hosts
// lines and JSON credentials are multi-line, and single-line fields refuse them in their own schemas.
import { BadRequestError } from "./errors";

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The dotted path of the first string (or object key) holding a control character, or null when there is none. */
export function findControlCharacter(value: unknown): string | null {
  // Iterative, so a deeply nested body cannot overflow the stack.
  const pending: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === "string") {
      if (CONTROL_CHARACTER.test(current)) return path.join(".");
    } else if (Array.isArray(current)) {
      for (const [index, item] of current.entries()) pending.push({ value: item, path: [...path, String(index)] });
    } else if (typeof current === "object" && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        if (CONTROL_CHARACTER.test(key)) return [...path, key].join(".");
        pending.push({ value: item, path: [...path, key] });
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
