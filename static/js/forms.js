// Forms on cached pages carry no CSRF token (see chronicle/csrf.py). Just
// before such a form is sent, fetch a fresh token and add it. If anything
// fails the form is sent without one, and the server asks to confirm instead.
(function () {
    "use strict";
    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!form.matches("form[data-csrf-fetch]") || form.dataset.csrfReady === "1") {
            return;
        }
        event.preventDefault();
        fetch("/csrf/", { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) { return response.ok ? response.json() : {}; })
            .then(function (data) {
                if (data.token) {
                    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
                    if (!input) {
                        input = document.createElement("input");
                        input.type = "hidden";
                        input.name = "csrfmiddlewaretoken";
                        form.appendChild(input);
                    }
                    input.value = data.token;
                }
            })
            .catch(function () {})
            .then(function () {
                form.dataset.csrfReady = "1";
                if (form.requestSubmit) { form.requestSubmit(event.submitter || undefined); } else { form.submit(); }
            });
    });
})();
