// Calls demo.greeter.v1.Greeter over gRPC-Web with nothing but fetch: the two messages are encoded and
// decoded by hand, so the page needs no build step and no library.
'use strict';
(() => {
  const SERVICE = '/demo.greeter.v1.Greeter/';
  const CODES = ['OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND',
    'ALREADY_EXISTS', 'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED',
    'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED'];
  const $ = (id) => document.getElementById(id);
  const utf8 = new TextEncoder();
  const utf8Decoder = new TextDecoder();

  // Protobuf: varints are 64-bit two's complement, so a negative int32 takes ten bytes.
  function varint(out, value) {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v > 127n) { out.push(Number(v & 127n) | 128); v >>= 7n; }
    out.push(Number(v));
  }

  // HelloRequest { string name = 1; int32 count = 2; google.protobuf.Duration interval = 3; }
  function encodeHelloRequest(name, count, intervalMs) {
    const out = [];
    const bytes = utf8.encode(name);
    if (bytes.length) { out.push(0x0a); varint(out, bytes.length); out.push(...bytes); }
    if (count) { out.push(0x10); varint(out, count); }
    if (intervalMs !== null) {
      // Duration { int64 seconds = 1; int32 nanos = 2; }, both with the same sign
      const duration = [];
      const seconds = Math.trunc(intervalMs / 1000), nanos = Math.trunc(intervalMs % 1000) * 1e6;
      if (seconds) { duration.push(0x08); varint(duration, seconds); }
      if (nanos) { duration.push(0x10); varint(duration, nanos); }
      out.push(0x1a); varint(out, duration.length); out.push(...duration);
    }
    return Uint8Array.from(out);
  }

  // HelloReply { string message = 1; int32 sequence = 2; }; unknown fields are skipped.
  function decodeHelloReply(bytes) {
    const reply = { message: '', sequence: 0 };
    let i = 0;
    const readVarint = () => {
      let result = 0n, shift = 0n, b;
      do {
        if (i >= bytes.length) throw new Error('truncated HelloReply');
        b = bytes[i++];
        result |= BigInt(b & 127) << shift;
        shift += 7n;
      } while (b & 128);
      return result;
    };
    while (i < bytes.length) {
      const key = Number(readVarint()), field = key >>> 3, wireType = key & 7;
      if (wireType === 0) {
        const value = readVarint();
        if (field === 2) reply.sequence = Number(BigInt.asIntN(32, value));
      } else if (wireType === 2) {
        const length = Number(readVarint());
        if (i + length > bytes.length) throw new Error('truncated HelloReply');
        if (field === 1) reply.message = utf8Decoder.decode(bytes.subarray(i, i + length));
        i += length;
      } else if (wireType === 1 || wireType === 5) {
        i += wireType === 1 ? 8 : 4;
      } else {
        throw new Error('unexpected wire type ' + wireType + ' in HelloReply');
      }
    }
    return reply;
  }

  // gRPC-Web frames: a flag byte (0x80 marks the trailers), a 4-byte big-endian length, the payload.
  function frame(payload) {
    const bytes = new Uint8Array(5 + payload.length);
    new DataView(bytes.buffer).setUint32(1, payload.length);
    bytes.set(payload, 5);
    return bytes;
  }

  class FrameReader {
    constructor(onMessage, onTrailers) {
      this.buffer = new Uint8Array(0);
      this.onMessage = onMessage;
      this.onTrailers = onTrailers;
    }

    push(bytes) {
      const joined = new Uint8Array(this.buffer.length + bytes.length);
      joined.set(this.buffer);
      joined.set(bytes, this.buffer.length);
      let at = 0;
      while (joined.length - at >= 5) {
        const length = new DataView(joined.buffer, at + 1, 4).getUint32(0);
        if (joined.length - at - 5 < length) break;
        const flag = joined[at], payload = joined.subarray(at + 5, at + 5 + length);
        at += 5 + length;
        if (flag & 0x80) this.onTrailers(parseTrailers(payload));
        else if (flag & 0x01) throw new Error('compressed message, but none was asked for');
        else this.onMessage(payload);
      }
      this.buffer = joined.slice(at);
    }
  }

  function parseTrailers(payload) {
    const trailers = {};
    for (const line of utf8Decoder.decode(payload).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    return trailers;
  }

  // grpc-web-text: each chunk of the answer may be padded on its own, so decode whole 4-character groups.
  class Base64Reader {
    constructor() { this.rest = ''; this.ascii = new TextDecoder('ascii'); }

    push(bytes) {
      const chars = this.rest + this.ascii.decode(bytes, { stream: true }).replace(/\s+/g, '');
      const end = chars.length - chars.length % 4;
      this.rest = chars.slice(end);
      const out = [];
      for (let i = 0; i < end; i += 4) {
        for (const c of atob(chars.slice(i, i + 4))) out.push(c.charCodeAt(0));
      }
      return Uint8Array.from(out);
    }
  }

  function statusOf(source) {
    const code = source['grpc-status'];
    if (code === undefined || code === null) return null;
    let message = source['grpc-message'] || '';
    try { message = decodeURIComponent(message); } catch (e) { /* shown as sent */ }
    return { code: Number(code), message };
  }

  // One call: sends one HelloRequest, hands each HelloReply to onReply as its frame arrives, returns the status.
  async function call(method, request, text, onReply) {
    const type = text ? 'application/grpc-web-text+proto' : 'application/grpc-web+proto';
    const body = frame(request);
    const response = await fetch(SERVICE + method, {
      method: 'POST',
      headers: { 'content-type': type, 'accept': type, 'x-grpc-web': '1' },
      body: text ? btoa(String.fromCharCode(...body)) : body,
    });
    // A call that fails before any message ("trailers-only") carries its status in the headers.
    const headerStatus = statusOf({
      'grpc-status': response.headers.get('grpc-status'),
      'grpc-message': response.headers.get('grpc-message'),
    });
    if (!response.ok) {
      if (headerStatus) return headerStatus;
      throw new Error('HTTP ' + response.status + ': ' + (await response.text()).slice(0, 200));
    }
    let trailerStatus = null;
    const frames = new FrameReader((payload) => onReply(decodeHelloReply(payload)),
      (trailers) => { trailerStatus = statusOf(trailers); });
    const base64 = text ? new Base64Reader() : null;
    const reader = response.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      frames.push(text ? base64.push(value) : value);
    }
    if (frames.buffer.length) throw new Error('the answer ended inside a frame');
    const status = trailerStatus || headerStatus;
    if (!status) throw new Error('the answer ended without a grpc-status');
    return status;
  }

  function log(kind, text) {
    const item = document.createElement('li');
    item.className = kind;
    item.textContent = text;
    $('log').append(item);
  }

  function showStatus(label, status) {
    const name = CODES[status.code] || 'code ' + status.code;
    log(status.code === 0 ? 'status' : 'error',
      label + ': grpc-status ' + status.code + ' ' + name + (status.message ? ' "' + status.message + '"' : ''));
  }

  function number(id) {
    const value = $(id).value.trim();
    return value === '' ? null : Number(value);
  }

  async function run(label, method, text) {
    const request = encodeHelloRequest($('name').value, method === 'SayHello' ? 0 : number('count') || 0,
      method === 'SayHello' ? null : number('interval'));
    log('status', label + ': calling ' + method + ' (' + (text ? 'grpc-web-text' : 'grpc-web') + ')');
    try {
      const status = await call(method, request, text, (reply) =>
        log('reply', reply.message + (reply.sequence ? '   [sequence ' + reply.sequence + ']' : '')));
      showStatus(label, status);
    } catch (e) {
      log('error', label + ': ' + e.message);
    }
  }

  let calls = 0;
  $('hello').addEventListener('click', () => run('#' + ++calls, 'SayHello', false));
  $('stream').addEventListener('click', () => run('#' + ++calls, 'StreamGreetings', true));
  $('clear').addEventListener('click', () => { $('log').textContent = ''; });

  // The terminal equivalents, for the address this page was loaded from.
  const origin = location.origin;
  const tls = location.protocol === 'https:';
  const cacert = tls ? ' --cacert .polygate/dev-ca.pem' : '';
  $('curl').textContent = [
    'curl' + cacert + ' ' + origin + '/v1/greeter/world',
    'curl' + cacert + ' -N "' + origin + '/v1/greeter/world/stream?count=3"',
    'curl' + cacert + ' -H "content-type: application/json" -d \'{"name":"world"}\' ' + origin + '/v1/greeter',
  ].join('\n');
  const buf = 'buf curl' + (tls ? cacert : ' --http2-prior-knowledge');
  $('buf').textContent = [
    buf + ' --protocol grpc -d \'{"name":"world"}\' ' + origin + SERVICE + 'SayHello',
    'buf curl' + cacert + ' --protocol grpcweb -d \'{"name":"world","count":3}\' ' + origin + SERVICE
        + 'StreamGreetings',
  ].join('\n');
})();
