import muffin

app = muffin.Application()


@app.route("/")
async def hello(request):
    return {"message": "Hello, World!"}  # dicts are sent as JSON
