// Requests take turns, a few per event-loop iteration. libuv (1.45 on, so Node 20) accepts one new connection per
// iteration, and an iteration runs every request that has arrived on the open connections. Under load an iteration
// lasts as long as all of those take, so a burst of new clients is accepted a few per second: with 100 connections on
// 2 cores, 8 to 28 of them had no answer after 15 s (autocannon's 10 s timeouts), the bare healthcheck included.
// Handing the app at most PER_TURN requests per iteration, the rest in arrival order on the next ones, keeps each
// iteration short, so a new connection waits its turn like any request instead of behind all of them.
const PER_TURN = 4;

/** Wraps a node:http request listener so that requests reach it in arrival order, at most `perTurn` per iteration. */
export function takingTurns(listener, perTurn = PER_TURN) {
  const waiting = [];
  let scheduled = false;
  const schedule = () => {
    scheduled = true;
    // An immediate queued while immediates run waits for the next iteration, and so for its poll (and accept).
    setImmediate(turn);
  };
  // Each request starts in a callback of its own, as it did from its own socket read: the microtasks it queues run
  // before the next request starts. The embedded database relies on that: an interactive transaction that runs
  // without waiting on I/O commits before another can begin (a second BEGIN IMMEDIATE blocks the loop for the busy
  // timeout, 5 s, then fails; started together in one callback, 6 concurrent reorders got 500s).
  const serve = (request, response) => {
    // A client that went away while waiting has nothing left to be answered.
    if (!response.destroyed) listener(request, response);
  };
  function turn() {
    scheduled = false;
    for (const [request, response] of waiting.splice(0, perTurn)) setImmediate(serve, request, response);
    if (waiting.length > 0) schedule();
  }
  return (request, response) => {
    waiting.push([request, response]);
    if (!scheduled) schedule();
  };
}
