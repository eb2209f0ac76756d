import sys

from microdot import Microdot
from microdot.websocket import with_websocket

app = Microdot()


@app.route("/ws")
@with_websocket
async def echo(request, ws):
    while True:
        await ws.send(await ws.receive())


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]))
