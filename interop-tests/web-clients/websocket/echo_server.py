"""A WebSocket echo backend on Debian's python3-websockets: echoes each message, picks `chat` among offered
subprotocols, answers the text `headers` with the handshake's request headers as JSON, `last-close` with the Close
code and reason the session before this one received ({"code": null} when none), `fragments N SIZE` with one binary
message of N fragments of SIZE bytes (byte i is i % 251), and `close CODE REASON` by closing with that code and
reason. Prints `PORT n`."""
import asyncio
import json

import websockets

last_close = {"code": None, "reason": None}


async def echo(socket, path=None):
    global last_close
    try:
        while True:
            message = await socket.recv()
            if message == "headers":
                await socket.send(json.dumps({k.lower(): v for k, v in socket.request_headers.raw_items()}))
            elif message == "last-close":
                await socket.send(json.dumps(last_close))
            elif isinstance(message, str) and message.startswith("fragments "):
                count, size = (int(word) for word in message.split()[1:3])
                await socket.send(bytes((start + i) % 251 for i in range(size))
                                  for start in range(0, count * size, size))
            elif isinstance(message, str) and message.startswith("close "):
                _, code, reason = message.split(" ", 2)
                await socket.close(int(code), reason)
            else:
                await socket.send(message)
    except websockets.ConnectionClosed as closed:
        received = closed.rcvd
        last_close = {"code": received.code if received else None, "reason": received.reason if received else None}


async def main():
    async with websockets.serve(echo, "127.0.0.1", 0, subprotocols=["chat"], ping_interval=None,
                                max_size=2 ** 24) as server:
        print("PORT", server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()


asyncio.run(main())
