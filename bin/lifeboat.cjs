#!/usr/bin/env node
// The `lifeboat` command: the bundled CLI (built by `npm install` / `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('lifeboat: the CLI has not been built yet; run `npm run build` in ' + join(__dirname, '..') + '\n');
  process.exit(1);
}
require(cli).main(process.argv.slice(2)).then(
  // Exit once stdout has drained, so a large export is never cut short.
  (code) => process.stdout.write('', () => process.exit(code)),
  (err) => {
    process.stderr.write('lifeboat: ' + (err && err.stack ? err.stack : String(err)) + '\n');
    process.exit(1);
  },
);
