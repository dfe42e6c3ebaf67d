// Typed text is never lost without warning. A form marked data-unsaved-warning asks before the
// page is left while any field differs from what the server last saved. Fields named in
// data-draft-fields count as saved once an htmx request from the form (a draft saved while
// typing, an action added in place) succeeds with the values it sent; a refusal (4xx) is shown
// in place of the target and the page keeps warning.
(() => {
  const FORM = "form[data-unsaved-warning]";
  const saved = new WeakMap(); // form -> Map(field name -> value the server holds)
  const pending = new WeakMap(); // element that made the request -> {form, sent}
  let leaving = false;

  const values = (form) => {
    const found = new Map();
    for (const field of form.elements) {
      if (field.name && !["hidden", "submit", "button"].includes(field.type)) {
        found.set(field.name, field.value);
      }
    }
    return found;
  };
  const isDirty = (form) => {
    const before = saved.get(form) || new Map();
    for (const [name, value] of values(form)) {
      if ((before.get(name) ?? "") !== value) return true;
    }
    return false;
  };

  // What the server sent, not what the fields hold now: on a slow page a person may type
  // before this script runs, and that text is unsaved too.
  const served = (form) => {
    const found = new Map();
    for (const field of form.elements) {
      if (!field.name || ["hidden", "submit", "button"].includes(field.type)) continue;
      if (field.tagName === "SELECT") {
        const chosen = [...field.options].find((option) => option.defaultSelected);
        found.set(field.name, chosen ? chosen.value : (field.options[0]?.value ?? ""));
      } else {
        found.set(field.name, field.defaultValue);
      }
    }
    return found;
  };

  for (const form of document.querySelectorAll(FORM)) saved.set(form, served(form));

  document.addEventListener("submit", (event) => {
    if (event.target.matches(FORM)) leaving = true;
  });
  window.addEventListener("pageshow", () => {
    leaving = false;
  });
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt.closest(FORM);
    if (!form) return;
    const now = values(form);
    const drafts = (form.dataset.draftFields || "").split(" ").filter(Boolean);
    pending.set(event.detail.elt, { form, sent: drafts.map((name) => [name, now.get(name)]) });
  });
  document.addEventListener("htmx:beforeSwap", (event) => {
    // Say why a draft or an action was refused, where it would have appeared.
    if (pending.has(event.detail.elt) && [409, 422].includes(event.detail.xhr.status)) {
      event.detail.shouldSwap = true;
    }
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    const request = pending.get(event.detail.elt);
    pending.delete(event.detail.elt);
    if (!request || !event.detail.successful) return;
    const before = saved.get(request.form);
    for (const [name, value] of request.sent) before.set(name, value);
  });
  window.addEventListener("beforeunload", (event) => {
    if (leaving) return;
    for (const form of document.querySelectorAll(FORM)) {
      if (isDirty(form)) {
        event.preventDefault();
        event.returnValue = "";
        return;
      }
    }
  });
})();
