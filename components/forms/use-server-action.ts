"use client";
import { useCallback, useState, useTransition } from "react";
import type { ActionFailure, ActionResult } from "@/server/actions/run-action";

type ServerAction<T> = (previous: unknown, input: unknown) => Promise<ActionResult<T>>;

/**
 * Calls a server action from a form or a button: `pending` while it runs, the failure to show (its message and each
 * field's message, by field path), and `onSuccess` with the service's answer. A refusal for an ended session goes
 * to the login page, as a tRPC query that is refused does.
 */
export function useServerAction<T>(action: ServerAction<T>, onSuccess?: (data: T) => void) {
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [data, setData] = useState<T | null>(null);
  const [pending, startTransition] = useTransition();

  const run = useCallback(
    (input: unknown) =>
      startTransition(async () => {
        const result = await action(null, input);
        if (result.ok) {
          setFailure(null);
          setData(result.data);
          onSuccess?.(result.data);
          return;
        }
        if (result.status === 401) window.location.assign("/login");
        setFailure(result);
      }),
    [action, onSuccess],
  );

  const reset = useCallback(() => {
    setFailure(null);
    setData(null);
  }, []);

  return {
    run,
    pending,
    data,
    failure,
    /** The message for one field (`config.path`), shown next to it. */
    fieldError: (path: string): string | undefined => failure?.fieldErrors[path],
    reset,
  };
}
