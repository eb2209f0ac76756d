from masonite.authentication import Authenticates
from masonite.authorization import Authorizes
from masonite.notification import Notifiable
from masoniteorm.models import Model


class User(Model, Authenticates, Authorizes, Notifiable):
    __fillable__ = ["name", "email", "password", "phone"]
    __hidden__ = ["password"]
    __auth__ = "email"
