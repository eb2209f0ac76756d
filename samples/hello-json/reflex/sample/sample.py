import reflex as rx
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def hello(request):
    return JSONResponse({"message": "Hello, World!"})


# Reflex builds React front ends; plain HTTP routes come from a Starlette app handed to the backend.
api = Starlette(routes=[Route("/", hello)])
app = rx.App(api_transformer=api)
