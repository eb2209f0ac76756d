import itertools

from panther import Panther, status
from panther.app import API
from panther.exceptions import BadRequestAPIError
from panther.middlewares import HTTPMiddleware
from panther.request import Request
from panther.response import Response
from pydantic import BaseModel, Field

users = {}
ids = itertools.count(1)


class UserIn(BaseModel):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")


class RejectMalformedJSON(HTTPMiddleware):
    """Panther 5.5 answers a body that is not JSON with a 500; this turns it into a 400."""

    async def __call__(self, request: Request):
        try:
            _ = request.data  # decodes the body
        except ValueError:
            raise BadRequestAPIError(detail="the body is not valid JSON") from None
        return await self.dispatch(request=request)


@API(methods=["POST"], input_model=UserIn, middlewares=[RejectMalformedJSON])
async def create_user_api(request: Request):
    user = {"id": next(ids), **request.validated_data.model_dump()}
    users[user["id"]] = user
    return Response(data=user, status_code=status.HTTP_201_CREATED)


url_routing = {"users": create_user_api}

app = Panther(__name__, configs=__name__, urls=url_routing)
