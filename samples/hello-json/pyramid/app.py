from pyramid.config import Configurator


def hello(request):
    return {"message": "Hello, World!"}


with Configurator() as config:
    config.add_route("hello", "/")
    config.add_view(hello, route_name="hello", renderer="json")
    app = config.make_wsgi_app()
