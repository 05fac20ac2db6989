"use client";
import { type FormEvent, useState } from "react";
import { errorMessage } from "./auth-request";

/**
 * Runs a form's async action with its fields, keeping the pending flag and the failure message.
 * Used by the sign-in family, which calls REST routes rather than tRPC mutations.
 */
export function useSubmit(action: (form: FormData) => Promise<void>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await action(new FormData(event.currentTarget));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  }
  return { onSubmit, pending, error, setError };
}
