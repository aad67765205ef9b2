// @improbable-eng/grpc-web with its WebsocketTransport (the grpc-websockets framing) against the gateway's Greeter:
// unary, a failing unary call, server streaming and bidirectional streaming. Node has no WebSocket of its own in
// every version we run, so the `ws` package stands in for the browser's. Prints one JSON line per case.
// Usage: node improbable-client.mjs http://127.0.0.1:PORT
import grpcWeb from "@improbable-eng/grpc-web";
import { WebSocket } from "ws";

globalThis.WebSocket = WebSocket;
const { grpc } = grpcWeb;
const host = process.argv[2];
const SERVICE = { serviceName: "demo.greeter.v1.Greeter" };

// Hand-written protobuf for the two shapes the Greeter uses: strings and int32s by field number.
function varint(value, out) {
  let v = value >>> 0;
  while (v > 0x7f) { out.push((v & 0x7f) | 0x80); v >>>= 7; }
  out.push(v);
}
function encode(fields) {
  const out = [];
  for (const [number, value] of fields) {
    if (typeof value === "string") {
      if (value === "") continue;
      const bytes = Buffer.from(value, "utf8");
      varint((number << 3) | 2, out); varint(bytes.length, out); out.push(...bytes);
    } else if (value) {
      varint(number << 3, out); varint(value, out);
    }
  }
  return Uint8Array.from(out);
}
function decode(bytes) {
  const fields = {};
  let i = 0;
  const readVarint = () => { let v = 0, shift = 0, b; do { b = bytes[i++]; v |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80); return v >>> 0; };
  while (i < bytes.length) {
    const key = readVarint();
    if ((key & 7) === 2) { const n = readVarint(); fields[key >>> 3] = Buffer.from(bytes.subarray(i, i + n)).toString("utf8"); i += n; }
    else fields[key >>> 3] = readVarint();
  }
  return fields;
}
const message = (fields) => ({ serializeBinary: () => encode(fields) });
const Reply = { deserializeBinary: (bytes) => { const f = decode(bytes); return { message: f[1] ?? "", sequence: f[2] ?? 0 }; } };
const method = (name, requestStream, responseStream) => ({
  methodName: name, service: SERVICE, requestStream, responseStream, requestType: {}, responseType: Reply,
});

function call(name, requestStream, responseStream, requests, between) {
  return new Promise((resolve) => {
    const messages = [];
    const client = grpc.client(method(name, requestStream, responseStream), { host, transport: grpc.WebsocketTransport() });
    let next = 1;
    client.onMessage((reply) => {
      messages.push(reply);
      if (between && next < requests.length) client.send(message(requests[next++]));
      else if (between && next === requests.length) { next++; client.finishSend(); }
    });
    client.onEnd((code, statusMessage) => resolve({ case: name, code, statusMessage, messages }));
    client.start(new grpc.Metadata({ "x-client": "improbable" }));
    client.send(message(requests[0]));
    if (!between) client.finishSend();
  });
}

const results = [
  await call("SayHello", false, false, [[[1, "improbable"]]]),
  { ...(await call("SayHello", false, false, [[[1, ""]]])), case: "SayHello-empty-name" },
  await call("StreamGreetings", false, true, [[[1, "improbable"], [2, 3]]]),
  // bidi: each message is sent once the reply to the one before arrived, so they interleave
  await call("Chat", true, true, [[[1, "me"], [2, "one"]], [[1, "me"], [2, "two"]], [[1, "me"], [2, "three"]]], true),
];
for (const result of results) console.log(JSON.stringify(result));
process.exit(0);
