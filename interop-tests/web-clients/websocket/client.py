"""A WebSocket client on Debian's python3-websockets: text, binary, a fragmented message, a 200 kB message, a ping,
then Close 4000. Prints one line per check and `CLOSE code reason`, then `OK`."""
import asyncio
import sys

import websockets


async def main(url):
    async with websockets.connect(url, subprotocols=["superchat", "chat"], ping_interval=None,
                                  max_size=2 ** 24) as socket:
        print("SUBPROTOCOL", socket.subprotocol)
        await socket.send("hello")
        assert await socket.recv() == "hello", "text echo"
        print("TEXT ok")
        await socket.send(b"\x00\x01\xff")
        assert await socket.recv() == b"\x00\x01\xff", "binary echo"
        print("BINARY ok")
        await socket.send(["frag", "mented"])
        assert await socket.recv() == "fragmented", "fragmented echo"
        print("FRAGMENTED ok")
        big = "x" * 200000
        await socket.send(big)
        assert await socket.recv() == big, "big echo"
        print("BIG ok")
        pong = await socket.ping(b"abc")
        await asyncio.wait_for(pong, 10)
        print("PONG abc")
        await socket.close(code=4000, reason="bye")
        print("CLOSE", socket.close_code, socket.close_reason)
    print("OK")


asyncio.run(main(sys.argv[1]))
