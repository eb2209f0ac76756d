from eve import Eve

# Eve's own home endpoint (its list of resources) would take "/"; it moves to /api/ here.
app = Eve(settings={"DOMAIN": {}, "URL_PREFIX": "api"})


@app.route("/")
def hello():
    return {"message": "Hello, World!"}  # Eve is a Flask app, so a plain Flask view works
