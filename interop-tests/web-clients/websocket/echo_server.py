"""A WebSocket echo backend on Debian's python3-websockets: echoes each message, picks `chat` among offered
subprotocols, answers the text `headers` with the handshake's request headers as JSON. Prints `PORT n`."""
import asyncio
import json

import websockets


async def echo(socket, path=None):
    async for message in socket:
        if message == "headers":
            await socket.send(json.dumps({k.lower(): v for k, v in socket.request_headers.raw_items()}))
        else:
            await socket.send(message)


async def main():
    async with websockets.serve(echo, "127.0.0.1", 0, subprotocols=["chat"], ping_interval=None,
                                max_size=2 ** 24) as server:
        print("PORT", server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()


asyncio.run(main())
