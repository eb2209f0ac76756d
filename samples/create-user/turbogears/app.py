import itertools
import re

from tg import MinimalApplicationConfigurator, RestController, TGController, expose, request, response, validate
from tg.decorators import decode_params
from tg.validation import Convert

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def email_address(value):
    if not isinstance(value, str) or not EMAIL.fullmatch(value):
        raise ValueError(value)
    return value


def non_empty_text(value):
    if not isinstance(value, str):
        raise ValueError(value)
    return value


class UsersController(RestController):
    users = {}
    ids = itertools.count(1)

    @expose("json")
    def invalid(self, **kw):
        response.status_code = 400
        return {"errors": {field: str(error) for field, error in request.validation.errors.items()}}

    @expose("json")
    @decode_params("json")  # POST /users with a JSON body: its fields become the arguments
    @validate(
        {
            "name": Convert(non_empty_text, "a non-empty string is required"),
            "email": Convert(email_address, "an address like someone@example.com is required"),
        },
        error_handler=invalid,
    )
    def post(self, name=None, email=None, **kw):  # defaults: dispatch happens before the body is decoded
        user = {"id": next(self.ids), "name": name, "email": email}
        self.users[user["id"]] = user
        response.status_code = 201
        return user


class RootController(TGController):
    users = UsersController()


config = MinimalApplicationConfigurator()
config.update_blueprint({"root_controller": RootController()})
application = config.make_wsgi_app()
