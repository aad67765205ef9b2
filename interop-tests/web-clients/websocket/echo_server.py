"""A WebSocket echo backend on Debian's python3-websockets: echoes each message, picks `chat` among offered
subprotocols, answers the text `headers` with the handshake's request headers as JSON and the text `last-close` with
the Close code and reason the session before this one received ({"code": null} when none). Prints `PORT n`."""
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
