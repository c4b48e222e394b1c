"""Forms on cached pages: a token fetched by script, or a confirm step."""

from django.http import HttpResponse
from django.test import Client, RequestFactory

from chronicle.csrf import confirm_without_token


@confirm_without_token
def record(request):
    if request.method == "POST" and not request.csrf_confirmation_needed:
        record.calls.append(request.POST["text"])
        return HttpResponse("saved")
    return HttpResponse("please confirm" if request.method == "POST" else "form")


def test_post_without_a_token_changes_nothing_and_asks_to_confirm():
    record.calls = []
    request = RequestFactory().post("/x/", {"text": "hello"})
    request._dont_enforce_csrf_checks = False
    response = record(request)
    assert response.content == b"please confirm"
    assert record.calls == []


def test_post_with_a_valid_token_goes_through(db):
    record.calls = []
    client = Client(enforce_csrf_checks=True)
    token = client.get("/csrf/").json()["token"]
    factory = RequestFactory()
    request = factory.post("/x/", {"text": "hello", "csrfmiddlewaretoken": token})
    request.COOKIES["csrftoken"] = client.cookies["csrftoken"].value
    assert record(request).content == b"saved"
    assert record.calls == ["hello"]


def test_token_endpoint_is_never_cached(db):
    response = Client().get("/csrf/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response.cookies["csrftoken"].value
