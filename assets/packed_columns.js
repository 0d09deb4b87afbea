/* The published page's events arrive packed (dashboard/render/columns.py, packed_columns): a table of the distinct
   claim kinds, a count of events per day, and each event's kind and marker slot as fixed-width digits in the
   payload's own alphabet, one digit plane after another. unpack() gives back the columns browser_columns sends
   (as typed arrays), once per data version; assets/view.js calls it before anything reads the events. */
(function () {
  "use strict";
  function digits(field, rows, alphabet) {
    var value = new Int32Array(rows), base = alphabet.length, text = field.text, lookup = new Int32Array(128);
    for (var a = 0; a < base; a++) { lookup[alphabet.charCodeAt(a)] = a; }
    if (text.length !== rows * field.width) {
      throw new Error("packed events: " + text.length + " digits for " + rows + " rows of width " + field.width);
    }
    for (var k = 0; k < field.width; k++) {
      var offset = k * rows;
      for (var i = 0; i < rows; i++) { value[i] = value[i] * base + lookup[text.charCodeAt(offset + i)]; }
    }
    return value;
  }
  function unpack(columns) {
    var packed = columns.packed;
    if (!packed) { return columns; }
    var rows = packed.rows, out = {}, key;
    for (key in columns) { if (key !== "packed") { out[key] = columns[key]; } }
    var day = new Int32Array(rows), i = 0;
    packed.day_counts.forEach(function (count, d) { day.fill(d, i, i + count); i += count; });
    out.day = day;
    var kind = digits(packed.kind, rows, packed.alphabet), slot = digits(packed.slot, rows, packed.alphabet);
    for (i = 0; i < rows; i++) { slot[i] -= 1; }   // 0: no place
    out.slot = slot;
    Object.keys(packed.kinds).forEach(function (name) {
      var table = packed.kinds[name], column = new Int32Array(rows);
      for (var r = 0; r < rows; r++) { column[r] = table[kind[r]]; }
      out[name] = column;
    });
    if (out.oblast) {   // the kind's oblast is the slot's: the place's own
      for (i = 0; i < rows; i++) {
        if (out.oblast[i] === packed.slot_oblast) { out.oblast[i] = columns.slot_oblast[slot[i]]; }
      }
    }
    packed.empty.forEach(function (name) { out[name] = []; });
    ["slot_lon", "slot_lat"].forEach(function (name) {   // whole 1e-5 degrees above the least
      var field = columns[name], places = field.text.length / field.width;
      var units = digits(field, places, packed.alphabet), degrees = new Array(places);
      for (var k = 0; k < places; k++) { degrees[k] = (units[k] + field.least) / field.scale; }
      out[name] = degrees;
    });
    return out;
  }
  window.conflictColumns = {unpack: unpack};
})();
