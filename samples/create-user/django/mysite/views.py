import itertools
import json

from django import forms
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


class UserForm(forms.Form):
    name = forms.CharField()
    email = forms.EmailField()


users = {}
ids = itertools.count(1)


@csrf_exempt  # called by API clients with JSON, not by a browser form carrying a CSRF token
@require_POST
def create_user(request):
    try:
        data = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "the body must be JSON"}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"error": "the body must be a JSON object"}, status=400)
    form = UserForm(data)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    user = {"id": next(ids), **form.cleaned_data}
    users[user["id"]] = user
    return JsonResponse(user, status=201)
