import asyncio

import tornado.web
from tornado.options import define, options

define("port", default=8888, type=int)


class HelloHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({"message": "Hello, World!"})  # a dict is written as JSON


async def main():
    options.parse_command_line()
    app = tornado.web.Application([(r"/", HelloHandler)])
    app.listen(options.port, address="127.0.0.1")
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
