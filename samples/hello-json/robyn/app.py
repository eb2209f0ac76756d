import sys

from robyn import Robyn

app = Robyn(__file__)


@app.get("/")
async def hello():
    return {"message": "Hello, World!"}  # dicts are sent as JSON


if __name__ == "__main__":
    app.start(host="127.0.0.1", port=int(sys.argv[1]))
