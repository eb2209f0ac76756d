from emmett import App, websocket

app = App(__name__)


@app.websocket("/ws")
async def echo():
    while True:
        await websocket.send(await websocket.receive())
