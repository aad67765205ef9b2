// WebSocket cases for a page the gateway itself serves: every socket goes to the page's own origin, so over
// https the browser may carry it on the HTTP/2 connection that loaded the page (RFC 8441). Passthrough to an echo
// backend (text, binary, a Close the page sends), JSON messages to the Greeter on its gRPC and REST paths, and
// improbable-eng's gRPC-Web client with its WebsocketTransport: unary, server and bidirectional streaming; last, an
// EventSource following an echo session as Server-Sent Events, with fetch POSTs sending into it.
import { create, createFileRegistry, fromBinary, toBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { grpc } from "@improbable-eng/grpc-web";
import { eventSourceSession } from "./event-source-case.js";

const CASE_TIMEOUT_MS = 10_000;
const SERVICE = "demo.greeter.v1.Greeter";

/**
 * Runs every case; `label` marks the echo paths so the gateway's access log tells the runs apart. A failing case is a
 * result, not an exception.
 */
async function runWebSocketCases(label) {
  const wsOrigin = location.origin.replace(/^http/, "ws");
  const echo = (name) => `${wsOrigin}/echo/${label}/${name}`;
  const registry = await descriptors("/descriptors.pb");
  const cases = [
    // first: the sessions after it show the gateway (and, over h2, the connection) still serving
    ["refused-handshake", () => refusedHandshake(`${wsOrigin}/index.html?websocket=${label}`)],
    ["echo-text", () => echoText(echo("text"))],
    ["echo-binary", () => echoBinary(echo("binary"))],
    ["echo-close", () => closeWithCode(echo("close"), echo("last-close"))],
    ["json-unary", () => jsonUnary(`${wsOrigin}/${SERVICE}/SayHello`)],
    ["json-chat", () => jsonChat(`${wsOrigin}/v1/greeter/chat`)],
    ["improbable-unary", () => improbable(registry, "SayHello", [{ name: "Chromium" }], false, false)],
    ["improbable-server-streaming", () => improbable(registry, "StreamGreetings",
      [{ name: "Chromium", count: 3, interval: { seconds: 0n, nanos: 50_000_000 } }], false, true)],
    ["improbable-bidi", () => improbable(registry, "Chat",
      [{ name: "Chromium", text: "one" }, { name: "Chromium", text: "two" }, { name: "Chromium", text: "three" }],
      true, true)],
    ["event-source", () => eventSourceSession(`${location.origin}/events/${label}/feed`)],
  ];
  const results = [];
  for (const [name, run] of cases) {
    const started = performance.now();
    let result;
    try {
      result = await withTimeout(run(), name);
    } catch (e) {
      result = { error: String(e?.message ?? e) };
    }
    results.push({ case: name, elapsed: Math.round(performance.now() - started), ...result });
  }
  return results;
}

async function descriptors(url) {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  return createFileRegistry(fromBinary(FileDescriptorSetSchema, bytes));
}

function withTimeout(promise, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not finish in ${CASE_TIMEOUT_MS} ms`)), CASE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A socket whose events are awaited in turn: `next()` is the next message (as text or an ArrayBuffer), `closed`
 * the close event's code, reason and cleanness. An error event or a close while a message is awaited rejects.
 */
function openSocket(url, protocols) {
  const socket = new WebSocket(url, protocols);
  socket.binaryType = "arraybuffer";
  const messages = [];
  const waiting = [];
  let failure = null;
  const fail = (error) => {
    failure = error;
    waiting.splice(0).forEach((w) => w.reject(error));
  };
  socket.onmessage = (event) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(event.data);
    else messages.push(event.data);
  };
  socket.onerror = () => fail(new Error(`WebSocket error on ${url}`));
  const closed = new Promise((resolve) => {
    socket.onclose = (event) => {
      resolve({ code: event.code, reason: event.reason, wasClean: event.wasClean });
      fail(new Error(`closed with ${event.code} '${event.reason}' while a message was awaited on ${url}`));
    };
  });
  const opened = new Promise((resolve, reject) => {
    socket.onopen = () => resolve();
    closed.then((c) => reject(new Error(`${url} closed with ${c.code} before opening`)));
  });
  const next = () => {
    if (messages.length > 0) return Promise.resolve(messages.shift());
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  return { socket, opened, next, closed };
}

/** A socket to a route that takes no WebSockets: the handshake is refused, and the page sees it never open. */
async function refusedHandshake(url) {
  const ws = openSocket(url);
  try {
    await ws.opened;
    return { opened: true, close: await ws.closed };
  } catch (e) {
    return { opened: false, close: await ws.closed };
  }
}

async function echoText(url) {
  const ws = openSocket(url);
  await ws.opened;
  const sent = "héllo from Chromium ✓";
  ws.socket.send(sent);
  const received = await ws.next();
  ws.socket.close(1000);
  return { sent, received, close: await ws.closed };
}

async function echoBinary(url) {
  const ws = openSocket(url);
  await ws.opened;
  const sent = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31 + 7) & 0xff);
  ws.socket.send(sent);
  const received = new Uint8Array(await ws.next());
  ws.socket.close(1000);
  const equal = received.length === sent.length && received.every((b, i) => b === sent[i]);
  return { sentBytes: sent.length, receivedBytes: received.length, binary: received instanceof Uint8Array, equal,
    close: await ws.closed };
}

/** Closes with a code and reason of the page's, then asks the backend, on a new session, what Close it received. */
async function closeWithCode(url, reportUrl) {
  const ws = openSocket(url);
  await ws.opened;
  ws.socket.send("before close");
  await ws.next();
  ws.socket.close(4001, "page says bye");
  const close = await ws.closed;
  const report = openSocket(reportUrl);
  await report.opened;
  report.socket.send("last-close");
  const backendReceived = JSON.parse(await report.next());
  report.socket.close(1000);
  await report.closed;
  return { close, backendReceived };
}

/**
 * JSON messages on the gRPC path: each text message one call; the backend's error and a message that is no JSON are
 * error answers and the session goes on; then "no more calls".
 */
async function jsonUnary(url) {
  const ws = openSocket(url);
  await ws.opened;
  const messages = [JSON.stringify({ name: "Chromium" }), JSON.stringify({ name: "" }), "{not json",
    JSON.stringify({ name: "again" })];
  messages.forEach((m) => ws.socket.send(m));
  const answers = [];
  for (const _ of messages) answers.push(JSON.parse(await ws.next()));
  ws.socket.send("");
  return { answers, close: await ws.closed };
}

/** JSON messages on the Chat's REST path: each message sent once the reply to the one before arrived. */
async function jsonChat(url) {
  const ws = openSocket(url);
  await ws.opened;
  const replies = [];
  for (const text of ["one", "two", "three"]) {
    ws.socket.send(JSON.stringify({ name: "Chromium", text }));
    replies.push(JSON.parse(await ws.next()));
  }
  ws.socket.send("");
  return { replies, close: await ws.closed };
}

/**
 * One call by improbable-eng's client over its WebsocketTransport to the page's origin. In a bidirectional call each
 * request is sent once the reply to the one before arrived, so the two directions interleave.
 */
function improbable(registry, methodName, requests, requestStream, responseStream) {
  const method = registry.getService(SERVICE).methods.find((m) => m.name === methodName);
  const message = (fields) => ({ serializeBinary: () => toBinary(method.input, create(method.input, fields)) });
  const descriptor = {
    methodName, service: { serviceName: SERVICE }, requestStream, responseStream, requestType: {},
    responseType: { deserializeBinary: (bytes) => fromBinary(method.output, bytes) },
  };
  return new Promise((resolve) => {
    const messages = [];
    const client = grpc.client(descriptor, { host: location.origin, transport: grpc.WebsocketTransport() });
    let next = 1;
    client.onMessage((reply) => {
      messages.push({ message: reply.message, sequence: reply.sequence });
      if (requestStream && next < requests.length) client.send(message(requests[next++]));
      else if (requestStream && next++ === requests.length) client.finishSend();
    });
    client.onEnd((code, statusMessage) => resolve({ code, statusMessage, messages }));
    client.start(new grpc.Metadata({ "x-client": "chromium" }));
    client.send(message(requests[0]));
    if (!requestStream) client.finishSend();
  });
}

window.runWebSocketCases = runWebSocketCases;
