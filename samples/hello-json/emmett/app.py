from emmett import App
from emmett.tools import service

app = App(__name__)


@app.route("/", methods="get")
@service.json
async def hello():
    return {"message": "Hello, World!"}
