/**
 * `fn`, called at most once per `ms`; calls in between are dropped. For errors a dependency repeats
 * on every reconnect attempt: one log line per outage rather than one per attempt.
 */
export function onceEvery<A extends unknown[]>(ms: number, fn: (...args: A) => void): (...args: A) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (...args) => {
    const now = Date.now();
    if (now - last < ms) return;
    last = now;
    fn(...args);
  };
}
