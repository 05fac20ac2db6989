// Progress can arrive many times a second; the database only needs a recent value (live viewers get every update
// through events). Writes the first value at once, then at most one write per interval, carrying the latest value.

export type ProgressThrottle<T> = {
  push(value: T): void;
  /** Drops any pending write and waits for the one in flight, so nothing older lands after the caller's own write. */
  stop(): Promise<void>;
};

export function throttleProgress<T>(
  write: (value: T) => Promise<void>,
  intervalMs: number,
  onError: (error: unknown) => void,
): ProgressThrottle<T> {
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  let pending: { value: T } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;

  const flush = () => {
    timer = null;
    if (!pending || stopped) return;
    const { value } = pending;
    pending = null;
    lastWriteAt = Date.now();
    inFlight = inFlight.then(() => write(value)).catch(onError);
  };

  return {
    push(value) {
      if (stopped) return;
      pending = { value };
      if (timer) return;
      const wait = lastWriteAt + intervalMs - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
      await inFlight;
    },
  };
}
