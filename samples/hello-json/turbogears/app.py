from tg import MinimalApplicationConfigurator, TGController, expose


class RootController(TGController):
    @expose("json")
    def index(self):
        return {"message": "Hello, World!"}


config = MinimalApplicationConfigurator()
config.update_blueprint({"root_controller": RootController()})
application = config.make_wsgi_app()
