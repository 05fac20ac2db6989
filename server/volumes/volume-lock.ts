// One mount operation per volume at a time (mount, unmount, remount, health check, delete), in call order. On
// globalThis: the instrumentation bundle (monitor, start-up) and the route bundles share it.
const holder = globalThis as unknown as { __zerobyteVolumeLocks?: Map<number, Promise<unknown>> };

export function withVolumeLock<T>(volumeId: number, work: () => Promise<T>): Promise<T> {
  holder.__zerobyteVolumeLocks ??= new Map();
  const locks = holder.__zerobyteVolumeLocks;
  const previous = locks.get(volumeId) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  locks.set(volumeId, tail);
  void tail.then(() => {
    if (locks.get(volumeId) === tail) locks.delete(volumeId);
  });
  return run;
}
