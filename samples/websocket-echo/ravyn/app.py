from ravyn import Ravyn, WebSocket, WebSocketDisconnect, WebSocketGateway, websocket


@websocket("/ws")
async def echo(socket: WebSocket) -> None:
    await socket.accept()
    try:
        while True:
            await socket.send_text(await socket.receive_text())
    except WebSocketDisconnect:
        pass


app = Ravyn(routes=[WebSocketGateway(handler=echo)])
