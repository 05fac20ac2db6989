import { parse } from "content-disposition";
import { describe, expect, it } from "vitest";
import { asciiFallback, attachmentDisposition } from "./content-disposition";

describe("attachment Content-Disposition", () => {
  it.each([
    "report.pdf",
    "name with spaces.txt",
    "quote \"double\" and 'single'.txt",
    "Ærøskøbing café – naïve.txt",
    "日本語のファイル.txt",
    "back\\slash;semi=colon%20.txt",
    "emoji 😀.bin",
    "line\nbreak\ttab.txt",
  ])("round-trips %j and keeps an ASCII fallback", (name) => {
    const header = attachmentDisposition(name);
    expect(header).toMatch(/^attachment; /);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    const parsed = parse(header);
    expect(parsed.type).toBe("attachment");
    // What RFC 6266 clients read (filename* wins), and what older ones fall back to.
    expect(parsed.parameters.filename).toBe(name);
    expect(parse(header, { extended: false }).parameters.filename).toBe(asciiFallback(name));
  });

  it("drops accents in the fallback instead of losing the letters", () => {
    expect(asciiFallback("café naïve.txt")).toBe("cafe naive.txt");
    expect(asciiFallback("日本.txt")).toBe("__.txt");
    expect(asciiFallback("\u0000")).toBe("_");
  });
});
