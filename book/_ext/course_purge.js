// Drop the CSS rules no built page uses (PurgeCSS, from npm): called by course_purge.py.
// Reads JSON from stdin: {css: [{name, raw}], content: [file paths]}; writes {name: css} to stdout.
// Content is the built pages and the scripts that add classes at run time; the theme's
// dark mode (data-theme / data-mode, set through `dataset`, so never written as an attribute) is kept.
const { PurgeCSS } = require("purgecss");

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const results = await new PurgeCSS().purge({
    css: input.css.map((sheet) => ({ raw: sheet.raw, name: sheet.name })),
    content: input.content,
    safelist: { greedy: [/data-theme/, /data-mode/] },
  });
  const out = {};
  results.forEach((result, i) => { out[input.css[i].name] = result.css; });
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => { console.error(String(err && err.stack || err)); process.exit(1); });
