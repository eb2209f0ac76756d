from masonite.routes import Route

ROUTES = [
    Route.post("/users", "UsersController@store"),
]
