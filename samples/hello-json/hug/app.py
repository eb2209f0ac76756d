import hug


@hug.get("/")
def hello():
    return {"message": "Hello, World!"}
