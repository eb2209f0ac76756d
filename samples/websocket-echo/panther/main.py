from panther import Panther
from panther.websocket import GenericWebsocket


class EchoWebsocket(GenericWebsocket):
    async def connect(self, **kwargs):
        await self.accept()

    async def receive(self, data: str | bytes):
        await self.send(data)


url_routing = {"ws": EchoWebsocket}

app = Panther(__name__, configs=__name__, urls=url_routing)
