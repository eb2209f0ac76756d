from masonite.middleware import VerifyCsrfToken as Middleware


class VerifyCsrfToken(Middleware):
    exempt = ["/users"]  # a JSON API for scripts, which carry no CSRF token
