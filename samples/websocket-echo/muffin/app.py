import muffin

app = muffin.Application()


@app.route("/ws")
async def echo(request):
    async with muffin.ResponseWebSocket(request) as ws:
        while True:
            message = await ws.receive()
            if not isinstance(message, str):  # the disconnect event
                break
            await ws.send(message)
    return ws
