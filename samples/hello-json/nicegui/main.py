import sys

from nicegui import app, ui


@app.get("/")  # NiceGUI's app is a FastAPI app, so JSON routes sit next to the UI pages
def hello():
    return {"message": "Hello, World!"}


if __name__ in {"__main__", "__mp_main__"}:
    ui.run(host="127.0.0.1", port=int(sys.argv[1]), reload=False, show=False)
