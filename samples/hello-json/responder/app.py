import sys

import responder

api = responder.API()


@api.route("/")
def hello(req, resp):
    resp.media = {"message": "Hello, World!"}


if __name__ == "__main__":
    api.run(address="127.0.0.1", port=int(sys.argv[1]))
