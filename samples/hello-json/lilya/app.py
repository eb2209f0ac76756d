from lilya.apps import Lilya
from lilya.responses import Ok
from lilya.routing import Path


async def hello():
    return Ok({"message": "Hello, World!"})


app = Lilya(routes=[Path("/", hello)])
