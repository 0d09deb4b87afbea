/* Runs assets/packed_columns.js under Node: reads {source, columns} as JSON on stdin (columns: the published page's
   packed events), prints the unpacked columns as JSON (typed arrays as lists). tests/test_packed_columns.py compares
   them with browser_columns. */
"use strict";
const vm = require("vm");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const {source, columns} = JSON.parse(input);
  const window = {};
  vm.runInContext(source, vm.createContext({window, Int32Array, Array, Object, Error, Math}),
                  {filename: "assets/packed_columns.js"});
  const unpacked = window.conflictColumns.unpack(columns), out = {};
  Object.keys(unpacked).forEach((key) => {
    const value = unpacked[key];
    out[key] = ArrayBuffer.isView(value) ? Array.from(value) : value;
  });
  process.stdout.write(JSON.stringify(out));
});
