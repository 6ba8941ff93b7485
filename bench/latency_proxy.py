#!/usr/bin/env python3
"""A TCP proxy that adds latency: every byte is forwarded DELAY milliseconds after it arrived,
in each direction, in order and without limiting throughput.  With 10 ms each way, a client
on the listening port sees the server 20 ms away, as a laptop sees a hosted database.

    bench/latency_proxy.py --listen 127.0.0.1:0 --target 127.0.0.1:5432 --delay-ms 10

It prints "listening on HOST:PORT" once ready and runs until killed.  Standard library only;
bench/run starts it for the pipelined-script benchmark.
"""

import argparse
import asyncio
import sys
import time


async def pump(reader, writer, delay):
    """Copies reader to writer, each chunk delay seconds after it was read."""
    queue = asyncio.Queue()

    async def read_side():
        try:
            while True:
                data = await reader.read(65536)
                await queue.put((time.monotonic() + delay, data))
                if not data:
                    return
        except (ConnectionError, OSError):
            await queue.put((time.monotonic(), b""))

    async def write_side():
        try:
            while True:
                due, data = await queue.get()
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    break
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    await asyncio.gather(read_side(), write_side())


async def serve(listen_host, listen_port, target_host, target_port, delay):
    async def handle(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(target_host, target_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pump(client_reader, server_writer, delay), pump(server_reader, client_writer, delay))

    server = await asyncio.start_server(handle, listen_host, listen_port)
    host, port = server.sockets[0].getsockname()[:2]
    print("listening on %s:%d" % (host, port), flush=True)
    async with server:
        await server.serve_forever()


def address(text):
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listen", default="127.0.0.1:0", help="HOST:PORT to listen on (port 0: any free one)")
    parser.add_argument("--target", required=True, help="HOST:PORT of the server")
    parser.add_argument("--delay-ms", type=float, default=10.0, help="added latency in each direction")
    args = parser.parse_args()
    listen_host, listen_port = address(args.listen)
    target_host, target_port = address(args.target)
    try:
        asyncio.run(serve(listen_host, listen_port, target_host, target_port, args.delay_ms / 1000.0))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
