// quiz serve's page: the websocket goes back to the address the browser used (the server
// writes nothing of the request into the page), and the "start again" button reloads.
// On a phone (issue 28): the terminal's font is sized so a phone held upright gets at least
// 40 columns; the terminal follows the visible part of the page (the on-screen keyboard, a
// turn of the phone); the keyboard opens only while the session has a text field focused.
(function () {
  "use strict";
  var COLUMNS = 41; // the player's screens need 40×16 (quiz/tui/base.py): one to spare for
  // the terminal rounding its cell to whole device pixels
  var FONTS = "'Roboto Mono', Monaco, 'Courier New', monospace"; // textual.js's terminal font
  var KEYBOARD = "\u001b]7737;quiz-keyboard="; // quiz/tui/app.py, KEYBOARD_SEQUENCE
  var keyboardWanted = false;

  // The font size: the page's (?fontsize=, 16 by default) unless the narrow side of the
  // screen would then hold fewer than 40 cells. Measured on this font stack, so the size fits
  // the font the terminal will draw with. The narrow side, so turning the phone keeps it.
  function fontSize(wanted) {
    var context = document.createElement("canvas").getContext("2d");
    context.font = "100px " + FONTS;
    var advance = context.measureText("W").width / 100 || 0.6; // a cell's width per px of font
    var side = Math.min(window.innerWidth, screen.width || window.innerWidth,
      screen.height || window.innerHeight);
    return Math.max(8, Math.min(wanted, Math.floor(side / (COLUMNS * advance) * 10) / 10));
  }

  // The keyboard: xterm.js takes keys in a hidden textarea, focused on every tap; with
  // inputmode "none" a tap does not open the on-screen keyboard, so it is set to "text" only
  // while the session says a text field has the focus. A phone opens its keyboard only when a
  // tap focuses the textarea, so while a field wants it a tap focuses the textarea afresh (let
  // go and taken again, within the tap); when no field wants it any more, an open keyboard is
  // closed the same way. The textarea never stays unfocused: keys typed keep arriving.
  var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;

  function textarea() {
    return document.querySelector(".xterm-helper-textarea");
  }

  function refocus(field) {
    field.blur();
    field.focus({ preventScroll: true });
  }

  function setKeyboard(wanted) {
    keyboardWanted = wanted;
    var field = textarea();
    if (!field) {
      return;
    }
    field.setAttribute("inputmode", wanted ? "text" : "none");
    if (touch && !wanted && document.activeElement === field) {
      refocus(field); // closes the keyboard
    }
  }

  function focusOnTap() {
    var field = textarea();
    if (!field) {
      return;
    }
    if (document.activeElement !== field) {
      field.focus({ preventScroll: true });
    } else if (keyboardWanted) {
      refocus(field); // in the tap: a phone opens its keyboard now
    }
  }

  // The session's output is read for KEYBOARD: every websocket of the page is watched (the
  // terminal's is the only one). The sequence is ASCII; a tail is kept in case it is split.
  var tail = "";
  function scan(bytes) {
    var text = tail;
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      text += b < 128 ? String.fromCharCode(b) : "?";
    }
    var at = text.lastIndexOf(KEYBOARD);
    if (at >= 0 && at + KEYBOARD.length < text.length) {
      setKeyboard(text.charAt(at + KEYBOARD.length) === "1");
      text = text.slice(at + KEYBOARD.length + 1);
    }
    tail = text.slice(-KEYBOARD.length);
  }

  // textual.js's terminal (xterm.js with its canvas renderer) sizes its canvas in CSS pixels
  // but draws glyphs in device pixels when the device pixel ratio is above 1: a phone (ratio
  // 2 or 3) showed the top-left quarter of its screen, WebGL or not. At a ratio of 1 it draws
  // whole, scaled up by the browser (a little soft on a sharp screen). docs/serving.md.
  Object.defineProperty(window, "devicePixelRatio", { get: function () { return 1; } });
  var NativeSocket = window.WebSocket;
  function WatchedSocket(url, protocols) {
    var socket = protocols === undefined ? new NativeSocket(url) : new NativeSocket(url, protocols);
    socket.addEventListener("message", function (event) {
      if (typeof event.data !== "string") {
        scan(new Uint8Array(event.data));
      }
    });
    return socket;
  }
  WatchedSocket.prototype = NativeSocket.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) {
    WatchedSocket[name] = NativeSocket[name];
  });
  window.WebSocket = WatchedSocket;

  // The terminal fills what is visible: the on-screen keyboard and the browser's bars take
  // rows away (the visual viewport), never columns; textual.js fits the terminal to its box
  // on the window's resize and tells the session its new size.
  function fitToVisible() {
    var terminal = document.getElementById("terminal");
    var visible = window.visualViewport;
    if (terminal && visible) {
      terminal.style.height = Math.floor(visible.height) + "px";
      window.scrollTo(0, 0);
      if (typeof window.onresize === "function") {
        window.onresize(new Event("resize"));
      }
    }
  }

  // A finger's swipe scrolls what is under it (a long feedback, the home menu held sideways,
  // the reader): xterm.js turns a touch move into nothing while the session takes the mouse,
  // so the page sends the terminal a wheel turn for each cell's height the finger moves; the
  // session gets it as Textual's mouse scroll at that cell. A tap without a move stays a tap.
  var swipeY = null;

  function swipeStart(event) {
    swipeY = event.touches.length === 1 ? event.touches[0].clientY : null;
  }

  function swipeMove(event) {
    var screenElement = document.querySelector(".xterm-screen");
    if (swipeY === null || event.touches.length !== 1 || !screenElement) {
      return;
    }
    var touchPoint = event.touches[0];
    var cell = Number(document.getElementById("terminal").dataset.fontSize) * 1.2; // a row
    var moved = swipeY - touchPoint.clientY;
    if (Math.abs(moved) >= cell) {
      screenElement.dispatchEvent(new WheelEvent("wheel", {
        deltaY: moved, deltaMode: 0, clientX: touchPoint.clientX,
        clientY: touchPoint.clientY, bubbles: true, cancelable: true,
      }));
      swipeY = touchPoint.clientY;
    }
    event.preventDefault(); // the page itself never scrolls
  }

  document.addEventListener("DOMContentLoaded", function () {
    var terminal = document.getElementById("terminal");
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    terminal.dataset.sessionWebsocketUrl = scheme + window.location.host + "/ws";
    terminal.dataset.fontSize = String(fontSize(Number(terminal.dataset.fontSize) || 16));
    var again = document.getElementById("restart");
    if (again) {
      again.addEventListener("click", function () { window.location.reload(); });
    }
  });

  window.addEventListener("load", function () {
    setKeyboard(keyboardWanted); // the textarea exists now (textual.js made it on load)
    var terminal = document.getElementById("terminal");
    terminal.addEventListener("touchend", focusOnTap);
    terminal.addEventListener("touchstart", swipeStart, { passive: true });
    terminal.addEventListener("touchmove", swipeMove, { passive: false });
    if (window.visualViewport) {
      window.visualViewport.addEventListener("resize", fitToVisible);
    }
    fitToVisible();
  });
})();
