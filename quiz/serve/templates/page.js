// quiz serve's page: the websocket goes back to the address the browser used (the server
// writes nothing of the request into the page), and the "start again" button reloads.
document.addEventListener("DOMContentLoaded", function () {
  var terminal = document.getElementById("terminal");
  var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  terminal.dataset.sessionWebsocketUrl = scheme + window.location.host + "/ws";
  var again = document.getElementById("restart");
  if (again) {
    again.addEventListener("click", function () { window.location.reload(); });
  }
});
