// A form marked data-submit-once disables its submit buttons once sent, so a double click
// does not post it twice. A courtesy only: the server books a form's token once anyway.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form[data-submit-once]") || event.defaultPrevented) return;
  // After the form data is gathered, so a named submit button still sends its value.
  setTimeout(() => {
    for (const button of form.querySelectorAll("[type=submit]")) button.disabled = true;
  });
});
