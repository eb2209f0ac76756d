import itertools

from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.response import Response

users = {}
ids = itertools.count(1)


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField()
    email = serializers.EmailField()

    def create(self, validated_data):
        user = {"id": next(ids), **validated_data}
        users[user["id"]] = user
        return user


@api_view(["POST"])
def create_user(request):
    serializer = UserSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)  # a 400 with the field errors as JSON
    serializer.save()
    return Response(serializer.data, status=status.HTTP_201_CREATED)
