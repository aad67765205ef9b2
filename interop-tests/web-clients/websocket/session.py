"""A scripted WebSocket session on Debian's python3-websockets, one step per argument after the URL:
  >TEXT  send TEXT as a text message (a bare `>` sends the empty message)
  <      receive one message and print `MESSAGE text` (binary: `BINARY hex`)
  <*     receive until the server closes, printing each message
  x      close from this side with 1000 (also done after the last step if the session is still open)
Ends with `CLOSE code reason` once the session is closed, then `OK`. Each receive waits at most 15 s."""
import asyncio
import sys

import websockets


def show(message):
    if isinstance(message, bytes):
        print("BINARY", message.hex(), flush=True)
    else:
        print("MESSAGE", message, flush=True)


async def main(url, steps):
    async with websockets.connect(url, ping_interval=None, max_size=2 ** 24) as socket:
        for step in steps:
            if step.startswith(">"):
                await socket.send(step[1:])
            elif step == "<":
                show(await asyncio.wait_for(socket.recv(), 15))
            elif step == "<*":
                try:
                    while True:
                        show(await asyncio.wait_for(socket.recv(), 15))
                except websockets.ConnectionClosed:
                    pass
            elif step == "x":
                await socket.close()
            else:
                raise SystemExit("unknown step " + step)
    # Leaving the block closes the session with 1000 if neither side has yet.
    print("CLOSE", socket.close_code, socket.close_reason, flush=True)
    print("OK")


asyncio.run(main(sys.argv[1], sys.argv[2:]))
