// The page's own script, a file so the Content-Security-Policy can forbid inline scripts.
// textual.js builds the terminal in its load handler, registered before this one; then the
// terminal is given the keyboard at once, so a reader can press keys without clicking first.
"use strict";

function giveTheTerminalTheKeyboard() {
  const input = document.querySelector("#terminal .xterm-helper-textarea");
  if (input === null) {
    return false;
  }
  input.focus({preventScroll: true});
  return true;
}

window.addEventListener("load", () => {
  if (!giveTheTerminalTheKeyboard()) {
    const watch = new MutationObserver(() => {
      if (giveTheTerminalTheKeyboard()) {
        watch.disconnect();
      }
    });
    watch.observe(document.getElementById("terminal"), {childList: true, subtree: true});
  }
  const restart = document.getElementById("restart");
  if (restart !== null) {
    restart.addEventListener("click", () => window.location.reload());
  }
});
