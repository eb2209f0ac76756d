from masonite.controllers import Controller
from masonite.response import Response


class HelloController(Controller):
    def show(self, response: Response):
        return response.json({"message": "Hello, World!"})
