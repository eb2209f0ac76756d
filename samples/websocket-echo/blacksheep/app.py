from blacksheep import Application, WebSocket, WebSocketDisconnectError, ws

app = Application()


@ws("/ws")
async def echo(websocket: WebSocket):
    await websocket.accept()
    try:
        while True:
            await websocket.send_text(await websocket.receive_text())
    except WebSocketDisconnectError:
        pass
