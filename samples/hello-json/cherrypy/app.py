import sys

import cherrypy


class Root:
    @cherrypy.expose
    @cherrypy.tools.json_out()
    def index(self):
        return {"message": "Hello, World!"}


if __name__ == "__main__":
    cherrypy.config.update(
        {"environment": "production", "server.socket_host": "127.0.0.1", "server.socket_port": int(sys.argv[1])}
    )
    cherrypy.quickstart(Root())
