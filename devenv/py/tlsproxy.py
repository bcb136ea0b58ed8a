"""A TLS terminator for the dev environment: accepts TLS on LISTEN with CERT/KEY and relays the plain bytes to
TARGET. It puts a real Keystone behind HTTPS with the environment's own CA, so that berth's CA handling is
tested against the real service rather than a fake.

usage: tlsproxy.py LISTEN_HOST:PORT TARGET_HOST:PORT CERT KEY
"""
import asyncio
import ssl
import sys


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError):
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def main(listen, target, cert, key):
    lhost, lport = listen.rsplit(":", 1)
    thost, tport = target.rsplit(":", 1)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)

    async def handle(client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.open_connection(thost, int(tport))
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, up_writer), pipe(up_reader, client_writer))

    server = await asyncio.start_server(handle, lhost, int(lport), ssl=ctx)
    print(f"tlsproxy: https://{listen} -> http://{target}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    asyncio.run(main(*sys.argv[1:]))
