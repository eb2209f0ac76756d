from quart import Quart, websocket

app = Quart(__name__)


@app.websocket("/ws")
async def echo():
    while True:
        message = await websocket.receive()
        await websocket.send(message)
