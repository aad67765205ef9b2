// The cases run in headless Chromium, on a page whose origin differs from the gateway's, so every call is a
// CORS request with a preflight. connect-web's gRPC-Web transport covers binary mode; grpc-web-text.js covers
// text mode. The service description is built at run time from the descriptor set the page is given.
import { create, createFileRegistry, fromBinary, toBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { grpcWebTextCall } from "./grpc-web-text.js";

const SERVICE = "demo.greeter.v1.Greeter";

/** Runs every case against the gateway at `baseUrl`; never throws: failures are results. */
async function runGreeterCases(baseUrl, descriptorsUrl) {
  const bytes = new Uint8Array(await (await fetch(descriptorsUrl)).arrayBuffer());
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, bytes));
  const greeter = registry.getService(SERVICE);
  const schemas = {
    request: registry.getMessage("demo.greeter.v1.HelloRequest"),
    reply: registry.getMessage("demo.greeter.v1.HelloReply"),
  };
  const client = createClient(greeter, createGrpcWebTransport({ baseUrl, useBinaryFormat: true }));
  const stream = { name: "Chromium", count: 4, interval: { seconds: 0n, nanos: 200_000_000 } };
  const cases = [
    ["connect-web", "binary", "SayHello", () => connectUnary(client, { name: "Chromium" })],
    ["connect-web", "binary", "StreamGreetings", () => connectStream(client, stream)],
    ["connect-web", "binary", "SayHello-empty-name", () => connectUnary(client, { name: "" })],
    ["grpc-web-text", "text", "SayHello", () => textCall(baseUrl, "SayHello", schemas, { name: "Chromium" })],
    ["grpc-web-text", "text", "StreamGreetings", () => textCall(baseUrl, "StreamGreetings", schemas, stream)],
    ["grpc-web-text", "text", "SayHello-empty-name", () => textCall(baseUrl, "SayHello", schemas, { name: "" })],
  ];
  const results = [];
  for (const [clientName, mode, rpc, run] of cases) {
    const started = performance.now();
    const result = { client: clientName, mode, rpc, messages: [], code: 0, codeName: "OK", error: null };
    try {
      Object.assign(result, await run());
    } catch (e) {
      const error = ConnectError.from(e);
      Object.assign(result, { code: error.code, codeName: Code[error.code], error: error.rawMessage });
    }
    for (const message of result.messages) {
      message.at = Math.round(message.at - started);
    }
    result.elapsed = Math.round(performance.now() - started);
    results.push(result);
  }
  return results;
}

async function connectUnary(client, request) {
  const reply = await client.sayHello(request);
  return { messages: [toResult(reply, performance.now())] };
}

async function connectStream(client, request) {
  const messages = [];
  for await (const reply of client.streamGreetings(request)) {
    messages.push(toResult(reply, performance.now()));
  }
  return { messages };
}

async function textCall(baseUrl, method, schemas, request) {
  const body = toBinary(schemas.request, create(schemas.request, request));
  const answer = await grpcWebTextCall(baseUrl, `/${SERVICE}/${method}`, body);
  const messages = answer.messages.map((m) => toResult(fromBinary(schemas.reply, m.bytes), m.at));
  if (answer.status === null) {
    return { messages, code: Code.Unknown, codeName: "Unknown", error: `no grpc-status (HTTP ${answer.httpStatus})` };
  }
  return { messages, code: answer.status, codeName: answer.status === 0 ? "OK" : Code[answer.status] ?? "Unknown", error: answer.statusMessage };
}

function toResult(reply, at) {
  return { message: reply.message, sequence: reply.sequence, at };
}

window.runGreeterCases = runGreeterCases;
