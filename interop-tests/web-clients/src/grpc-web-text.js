// A minimal gRPC-Web text client (application/grpc-web-text) on fetch, for the browser. connect-web's gRPC-Web
// transport has no text mode, so this covers it: the request is base64 of one framed message, the response body
// is read as it streams and decoded in 4-character groups (the gateway pads every chunk, so padding can appear
// mid-stream), and each message is reported with the time it arrived.

const TRAILER_FLAG = 0x80;

/**
 * Calls `path` on `baseUrl` with one request message (already serialized) and reads every response message.
 * Resolves to { messages: [{ bytes, at }], status, statusMessage, httpStatus }; `at` is performance.now().
 */
export async function grpcWebTextCall(baseUrl, path, requestBytes) {
  const response = await fetch(baseUrl + path, {
    method: "POST",
    headers: {
      "content-type": "application/grpc-web-text",
      accept: "application/grpc-web-text",
      "x-grpc-web": "1",
      "x-user-agent": "polygate-interop-grpc-web-text/1",
    },
    body: base64Encode(frame(0, requestBytes)),
  });
  const result = { messages: [], status: null, statusMessage: null, httpStatus: response.status };
  // A trailers-only answer carries the status in the headers (exposed by CORS).
  readStatus(result, (name) => response.headers.get(name));
  if (response.body === null) {
    return result;
  }
  const frames = new FrameReader();
  const text = new Base64Reader();
  const reader = response.body.getReader();
  const decoder = new TextDecoder("ascii");
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    const at = performance.now();
    for (const { flags, payload } of frames.push(text.push(decoder.decode(value, { stream: true })))) {
      if (flags & TRAILER_FLAG) {
        const trailers = parseTrailers(new TextDecoder().decode(payload));
        readStatus(result, (name) => trailers.get(name) ?? null);
      } else {
        result.messages.push({ bytes: payload, at });
      }
    }
  }
  if (text.pending.length > 0 || frames.pending.length > 0) {
    throw new Error("the response body ended inside a base64 group or a frame");
  }
  return result;
}

function readStatus(result, get) {
  const status = get("grpc-status");
  if (status !== null) {
    result.status = Number(status);
    const message = get("grpc-message");
    result.statusMessage = message === null ? null : decodeURIComponent(message);
  }
}

function frame(flags, payload) {
  const out = new Uint8Array(5 + payload.length);
  out[0] = flags;
  new DataView(out.buffer).setUint32(1, payload.length);
  out.set(payload, 5);
  return out;
}

function base64Encode(bytes) {
  let binary = "";
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary);
}

/** Decodes base64 text as it arrives; each complete 4-character group is decoded on its own. */
class Base64Reader {
  pending = "";

  push(chunk) {
    this.pending += chunk.replace(/[\s]/g, "");
    const usable = this.pending.length - (this.pending.length % 4);
    const out = [];
    for (let i = 0; i < usable; i += 4) {
      const group = atob(this.pending.slice(i, i + 4));
      for (let j = 0; j < group.length; j++) {
        out.push(group.charCodeAt(j));
      }
    }
    this.pending = this.pending.slice(usable);
    return Uint8Array.from(out);
  }
}

/** Splits the decoded byte stream into gRPC frames, carrying an unfinished frame to the next chunk. */
class FrameReader {
  pending = new Uint8Array(0);

  push(bytes) {
    const all = new Uint8Array(this.pending.length + bytes.length);
    all.set(this.pending);
    all.set(bytes, this.pending.length);
    const frames = [];
    let offset = 0;
    while (all.length - offset >= 5) {
      const length = new DataView(all.buffer, offset + 1, 4).getUint32(0);
      if (all.length - offset - 5 < length) {
        break;
      }
      frames.push({ flags: all[offset], payload: all.slice(offset + 5, offset + 5 + length) });
      offset += 5 + length;
    }
    this.pending = all.slice(offset);
    return frames;
  }
}

function parseTrailers(block) {
  const trailers = new Map();
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }
  return trailers;
}
