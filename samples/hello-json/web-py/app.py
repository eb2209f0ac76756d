import json

import web

urls = ("/", "Hello")


class Hello:
    def GET(self):
        web.header("Content-Type", "application/json")
        return json.dumps({"message": "Hello, World!"})


app = web.application(urls, globals())

if __name__ == "__main__":
    app.run()  # serves on the address given as the first argument
