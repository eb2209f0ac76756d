from bottle import Bottle

app = Bottle()


@app.get("/")
def hello():
    return {"message": "Hello, World!"}  # dicts are turned into JSON
