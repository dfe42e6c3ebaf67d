// A form marked data-submit-once disables its submit buttons once sent, so a double click
// does not post it twice. A courtesy only: the server refuses a repeat anyway.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form[data-submit-once]") || event.defaultPrevented) return;
  // After the form data is gathered, so a named submit button still sends its value.
  setTimeout(() => {
    for (const button of form.querySelectorAll("[type=submit]")) button.disabled = true;
  });
});
// A page brought back with the browser's Back button keeps its disabled buttons: free them.
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  for (const button of document.querySelectorAll("form[data-submit-once] [type=submit]")) {
    button.disabled = false;
  }
});
