// eslint over the page's own scripts (not the vendored plotly.js bundle): eslint's recommended rules, plain
// browser scripts (no modules), and the globals the page provides (Plotly, React, Dash's clientside namespace).
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {...globals.browser, Plotly: "readonly", React: "readonly"},
    },
    rules: {
      "no-unused-vars": ["error", {args: "none"}],
      "strict": ["error", "function"],
      "eqeqeq": ["error", "always"],
      "no-var": "off",
    },
  },
  {
    // tests/node/: scripts Node runs in the tests (CommonJS, Node's globals)
    files: ["**/tests/node/*.js"],
    languageOptions: {sourceType: "commonjs", globals: {...globals.node}},
    rules: {"strict": ["error", "global"]},
  },
];
