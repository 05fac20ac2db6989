"use client";
import { useState } from "react";
import { Button } from "./button";

const TEXT = { idle: "Copy", copied: "Copied", failed: "Copy failed" } as const;

/** Copies `value` to the clipboard. The clipboard API exists only on https or localhost, so failure is reported. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<keyof typeof TEXT>("idle");
  async function copy() {
    const next = await navigator.clipboard?.writeText(value).then(
      () => "copied" as const,
      () => "failed" as const,
    );
    setState(next ?? "failed");
    setTimeout(() => setState("idle"), 2000);
  }
  return (
    <Button variant="secondary" onClick={copy} aria-label={label}>
      <span aria-live="polite">{TEXT[state]}</span>
    </Button>
  );
}
