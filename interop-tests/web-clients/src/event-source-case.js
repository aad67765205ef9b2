// The browser's EventSource on a `websocket` route with `eventStream`: the backend session streamed as Server-Sent
// Events, messages sent into it by fetch POSTs that are simple requests (the session id in the query, a text body).

/** Text messages sent into the session, each expected back exactly; the second spans lines EventSource must join. */
export const EVENT_STREAM_MESSAGES = [
  "héllo from EventSource ✓",
  "first line\n  indented second\n\nafter an empty line\ndata: looks like a field\n: looks like a comment\nlast line\n",
];
/** What the backend is asked to close with (the echo backend closes on `close CODE REASON`). */
export const EVENT_STREAM_CLOSE = { code: 4002, reason: "backend says bye" };

/**
 * An EventSource whose events are awaited in turn: `next(type)` is the next event of that type (`session`, `message`,
 * `close`). An `error` event while one is awaited rejects: the gateway ends a stream by a `close` event, never so.
 */
function openEventSource(url) {
  const source = new EventSource(url);
  const queues = new Map();
  const waiting = new Map();
  const errors = [];
  const deliver = (type, event) => {
    const waiter = waiting.get(type)?.shift();
    if (waiter) waiter.resolve(event);
    else queues.set(type, [...(queues.get(type) ?? []), event]);
  };
  for (const type of ["session", "message", "close"]) {
    source.addEventListener(type, (event) => {
      const readyState = source.readyState;
      // on the last event the page closes the source at once, before the stream's end makes it reconnect
      if (type === "close") source.close();
      deliver(type, { data: event.data, readyState });
    });
  }
  source.onerror = () => {
    errors.push({ readyState: source.readyState });
    const error = new Error(`EventSource error on ${url} (readyState ${source.readyState})`);
    for (const list of waiting.values()) list.splice(0).forEach((w) => w.reject(error));
  };
  const next = (type) => {
    const queued = queues.get(type);
    if (queued?.length) return Promise.resolve(queued.shift());
    return new Promise((resolve, reject) => {
      waiting.set(type, [...(waiting.get(type) ?? []), { resolve, reject }]);
    });
  };
  return { source, next, errors };
}

/** POSTs `text` into the session `id` as a simple request: a text body, the id in the query. The status. */
async function post(url, id, text) {
  const response = await fetch(`${url}?session=${encodeURIComponent(id)}`, { method: "POST", body: text });
  return response.status;
}

/**
 * Opens the stream, reads the session id, sends each message and awaits its echo, then asks the backend to close and
 * awaits the `close` event; the source is closed on it.
 */
export async function eventSourceSession(url) {
  const es = openEventSource(url);
  try {
    const session = (await es.next("session")).data;
    const echoes = [];
    for (const text of EVENT_STREAM_MESSAGES) {
      const status = await post(url, session, text);
      const event = await es.next("message");
      echoes.push({ sent: text, status, received: event.data });
    }
    const closeStatus = await post(url, session, `close ${EVENT_STREAM_CLOSE.code} ${EVENT_STREAM_CLOSE.reason}`);
    const close = await es.next("close");
    return { session, echoes, closeStatus, close: JSON.parse(close.data), readyStateAtClose: close.readyState,
      readyStateAfter: es.source.readyState, errors: es.errors };
  } finally {
    es.source.close();
  }
}
