from panther import Panther
from panther.app import API
from panther.response import Response


@API(methods=["GET"])
async def hello_api():
    return Response(data={"message": "Hello, World!"})


url_routing = {"": hello_api}

app = Panther(__name__, configs=__name__, urls=url_routing)
