import sys

from microdot import Microdot

app = Microdot()


@app.get("/")
async def hello(request):
    return {"message": "Hello, World!"}  # dicts are sent as JSON


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]))
