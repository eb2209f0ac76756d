from sanic import Sanic

app = Sanic("WebSocketEcho")


@app.websocket("/ws")
async def echo(request, ws):
    async for message in ws:
        await ws.send(message)
