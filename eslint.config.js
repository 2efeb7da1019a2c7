// eslint 9 (pinned in package.json) over the JavaScript written for this course: `make lint`.
"use strict";
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["shared_future/static/vendor/**", "node_modules/**", "_build/**", ".venv/**"] },
  js.configs.recommended,
  {
    files: ["shared_future/static/**/*.js", "book/**/*.js"],
    ignores: ["book/_ext/course_purge.js"],  // a node script, below
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, L: "readonly", module: "readonly" },
    },
  },
  {
    // filled in by shared_future/map_assets.py with string.Template (every $name is replaced)
    files: ["shared_future/static/*.template.js"],
    languageOptions: { globals: { $rows: "readonly", $images: "readonly" } },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js", "book/_ext/course_purge.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node },
  },
];
