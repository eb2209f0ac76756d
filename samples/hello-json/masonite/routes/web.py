from masonite.routes import Route

ROUTES = [
    Route.get("/", "HelloController@show"),
]
