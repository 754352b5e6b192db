// Names the controls that Swagger UI (on /api/v1/docs) renders without an accessible name, as soon as they appear:
// the server choice and the inputs of an operation's parameters (named after their parameter). Swagger UI itself is
// a third-party bundle; this file only adds attributes, it changes no behaviour.
(function () {
  "use strict";
  function benoem() {
    var servers = document.getElementById("servers");
    if (servers && !servers.getAttribute("aria-label")) {
      servers.setAttribute("aria-label", "Server van de API");
    }
    var velden = document.querySelectorAll("tr[data-param-name] select, tr[data-param-name] input, tr[data-param-name] textarea");
    for (var i = 0; i < velden.length; i++) {
      var veld = velden[i];
      if (!veld.getAttribute("aria-label") && !veld.labels.length) {
        var rij = veld.closest("tr[data-param-name]");
        veld.setAttribute("aria-label", "Parameter " + rij.getAttribute("data-param-name"));
      }
    }
  }
  new MutationObserver(benoem).observe(document.documentElement, { childList: true, subtree: true });
  benoem();
})();
