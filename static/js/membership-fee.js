// The join form's live quote: the fee for the chosen tier, phase and number on roll, from the
// same fee rows the server quotes from (membership/selectors.py fee_table). Without JavaScript
// the tier list still shows each tier's range, and the acknowledgement email the exact fee.
(function () {
  "use strict";
  var data = document.getElementById("fee-table");
  var out = document.getElementById("fee-quote");
  if (!data || !out) return;
  var tiers = JSON.parse(data.textContent);
  var form = out.closest("form");

  function chosenTier() {
    var radio = form.querySelector("input[name=tier]:checked");
    if (!radio) return null;
    return tiers.find(function (t) { return String(t.tier) === radio.value; }) || null;
  }

  function quote() {
    var tier = chosenTier();
    var phase = form.querySelector("[name=phase]").value;
    var roll = parseInt(form.querySelector("[name=number_on_roll]").value, 10);
    if (!tier || !phase || isNaN(roll)) {
      out.textContent = "Choose the phase, number on roll and tier to see the fee.";
      return;
    }
    var rows = tier.fees.filter(function (r) {
      return r.from <= roll && (r.to === null || roll <= r.to);
    });
    var row = rows.find(function (r) { return String(r.phase) === phase; }) ||
      rows.find(function (r) { return r.phase === null; });
    out.textContent = row
      ? "The fee: £" + row.fee + " a year (" + tier.name + ", " + row.band + ")."
      : tier.name + " has no fee for this school: choose another tier, or ask the alliance.";
  }

  form.addEventListener("change", quote);
  form.addEventListener("input", quote);
  quote();
})();
