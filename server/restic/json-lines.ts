// restic mixes JSON with plain text on stdout (e.g. `forget --prune` prints prune progress as text), so JSON is
// picked out line by line instead of parsing the whole output.
import { StringDecoder } from "node:string_decoder";

export function parseJsonLine<T = Record<string, unknown>>(line: string): T | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  try {
    return JSON.parse(trimmed) as T;
  } catch {
    return undefined;
  }
}

export function jsonLines<T = Record<string, unknown>>(output: string): T[] {
  return output.split("\n").flatMap((line) => {
    const parsed = parseJsonLine<T>(line);
    return parsed === undefined ? [] : [parsed];
  });
}

export function lastJsonLine<T = Record<string, unknown>>(output: string): T | undefined {
  return jsonLines<T>(output).at(-1);
}

/** Splits a byte stream into lines (restic also ends progress lines with `\r` on a terminal; never here). */
export function createLineSplitter(onLine: (line: string) => void) {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  return {
    push(chunk: Buffer) {
      pending += decoder.write(chunk);
      let newline = pending.indexOf("\n");
      while (newline !== -1) {
        onLine(pending.slice(0, newline).replace(/\r$/, ""));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf("\n");
      }
    },
    end() {
      pending += decoder.end();
      if (pending) onLine(pending.replace(/\r$/, ""));
      pending = "";
    },
  };
}
