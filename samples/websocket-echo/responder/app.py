import sys

import responder
from starlette.websockets import WebSocketDisconnect

api = responder.API()


@api.route("/ws", websocket=True)
async def echo(ws):
    await ws.accept()
    try:
        while True:
            await ws.send_text(await ws.receive_text())
    except WebSocketDisconnect:
        pass


if __name__ == "__main__":
    api.run(address="127.0.0.1", port=int(sys.argv[1]))
