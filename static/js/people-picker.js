// People pickers (members/pickers.py): a <select data-person-picker> becomes one search field,
// GOV.UK's accessible autocomplete. Type part of a name or school, arrow down, Enter.
// The select stays in the form and is what is posted, so the server checks the same values.
(() => {
  if (!window.accessibleAutocomplete) return;

  const optionsOf = (select) => Array.from(select.options).filter((option) => option.value);

  const single = (select) => {
    const inputId = select.id; // the search field takes the select's id, so its label
    accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showNoOptionsFound: true,
      tNoResults: () => "Nobody found: try part of their name or school",
      // Leaving the box (label undefined) keeps the person shown in it; emptying it chooses
      // nobody, where the hidden select would otherwise keep the last person.
      onConfirm: (label) => {
        const text = (label ?? document.getElementById(inputId).value).trim();
        const chosen = optionsOf(select).find((option) => option.textContent.trim() === text);
        if (chosen) select.value = chosen.value;
        else if (!text) select.value = "";
      },
    });
  };

  // A select of several people: a search field to add one at a time, and a list of those
  // chosen, each with a button to remove them. Focus and announcements stay with the field.
  const several = (select) => {
    const id = select.id;
    select.id = `${id}-select`;
    select.hidden = true;
    let field = document.createElement("div");
    const chosenList = document.createElement("ul");
    chosenList.className = "list-unstyled d-flex flex-wrap gap-2 mt-2 mb-0";
    chosenList.setAttribute("aria-label", "Chosen");
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    select.after(field, chosenList, status);

    const render = () => {
      chosenList.replaceChildren(
        ...optionsOf(select)
          .filter((option) => option.selected)
          .map((option) => {
            const item = document.createElement("li");
            item.className = "badge text-bg-light border d-flex align-items-center gap-1 text-wrap text-start";
            const name = document.createElement("span");
            name.textContent = option.textContent.trim();
            const remove = document.createElement("button");
            remove.type = "button";
            remove.className = "btn btn-sm btn-link p-0";
            remove.textContent = "Remove";
            const who = document.createElement("span");
            who.className = "visually-hidden";
            who.textContent = ` ${name.textContent}`;
            remove.append(who);
            remove.addEventListener("click", () => {
              option.selected = false;
              status.textContent = `Removed ${name.textContent}`;
              render();
              document.getElementById(id).focus();
            });
            item.append(name, remove);
            return item;
          }),
      );
    };

    const mount = () => {
      accessibleAutocomplete({
        element: field,
        id,
        name: "",
        displayMenu: "list",
        confirmOnBlur: false,
        showNoOptionsFound: true,
        tNoResults: () => "Nobody found: try part of their name or school",
        source: (query, populate) => {
          const words = query.toLowerCase().split(/\s+/).filter(Boolean);
          populate(
            optionsOf(select)
              .filter((option) => !option.selected)
              .map((option) => option.textContent.trim())
              .filter((label) => words.every((word) => label.toLowerCase().includes(word))),
          );
        },
        onConfirm: (label) => {
          const option = optionsOf(select).find((o) => o.textContent.trim() === label);
          if (!option) return;
          option.selected = true;
          status.textContent = `Added ${label}`;
          render();
          // A fresh, empty search field for the next person, once this one has finished.
          setTimeout(() => {
            const fresh = document.createElement("div");
            field.replaceWith(fresh);
            field = fresh;
            mount();
            document.getElementById(id).focus();
          });
        },
      });
    };
    mount();
    render();
  };

  // Also in parts htmx puts in the page (the minutes item's fresh action form, after adding one).
  const enhance = (root) => {
    for (const select of root.querySelectorAll("select[data-person-picker]")) {
      if (select.dataset.personPicker === "on") continue;
      select.dataset.personPicker = "on";
      (select.multiple ? several : single)(select);
    }
  };
  enhance(document);
  document.addEventListener("htmx:load", (event) => enhance(event.target));
})();
