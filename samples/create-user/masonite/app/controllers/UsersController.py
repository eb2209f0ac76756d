import itertools

from masonite.controllers import Controller
from masonite.request import Request
from masonite.response import Response
from masonite.validation import Validator

users = {}
ids = itertools.count(1)


class UsersController(Controller):
    def store(self, request: Request, response: Response, validate: Validator):
        errors = request.validate(
            validate.required(["name", "email"]),
            validate.string("name"),
            validate.email("email"),
        )
        if errors:
            return response.json({"errors": errors.all()}, status=400)
        user = {"id": next(ids), "name": request.input("name"), "email": request.input("email")}
        users[user["id"]] = user
        return response.json(user, status=201)
