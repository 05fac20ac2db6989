// The server's string literals stay within Latin-1. V8 keeps the source text of every loaded bundle for as long as
// the process lives, one byte per character, unless a single character lies beyond U+00FF: then the whole chunk is
// kept as UTF-16, twice its size. Nine "…" and "–" in error messages did that to the two largest server chunks
// (0.77 and 0.65 MB, the second loaded twice): without them the idle server's strings went from 11.4 to 9.0 MB.
// The route handlers under app/api are bundled the same way. Comments do not count: the minifier drops them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const beyondLatin1 = (text: string) => [...text].some((character) => character.codePointAt(0)! > 0xff);

function serverSources(): string[] {
  return ["server", "lib", "db", "app/api"].flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.ts$|\.test-helper\.ts$/.test(file))
      .map((file) => path.join(folder, file)),
  );
}

function wideLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(root, file), "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      if (beyondLatin1(node.text)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${file}:${line + 1}: ${node.text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("server source text", () => {
  it("has no string literal with a character beyond Latin-1", () => {
    const files = serverSources();
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(wideLiterals)).toEqual([]);
  });
});
