import asyncio

import tornado.web
import tornado.websocket
from tornado.options import define, options

define("port", default=8888, type=int)


class EchoHandler(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        self.write_message(message)


async def main():
    options.parse_command_line()
    app = tornado.web.Application([(r"/ws", EchoHandler)])
    app.listen(options.port, address="127.0.0.1")
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
