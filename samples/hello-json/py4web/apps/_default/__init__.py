from py4web import action


@action("index")  # the _default app answers at the site root
def index():
    return {"message": "Hello, World!"}  # without a template, a dict is sent as JSON
