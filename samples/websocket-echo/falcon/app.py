import falcon
import falcon.asgi


class EchoResource:
    async def on_websocket(self, req, ws):
        await ws.accept()
        while True:
            try:
                text = await ws.receive_text()
            except falcon.WebSocketDisconnected:
                return
            await ws.send_text(text)


app = falcon.asgi.App()
app.add_route("/ws", EchoResource())
