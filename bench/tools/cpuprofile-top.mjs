#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (from `npm run bench -- checkpoints --profile DIR` or node --cpu-prof):
// the functions with the most self time and the most inclusive time, mapped back to the TypeScript
// sources through the bundle's source map when there is one.
//
//   node bench/tools/cpuprofile-top.mjs FILE.cpuprofile [--top N]
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
if (!file) {
  process.stderr.write('usage: node bench/tools/cpuprofile-top.mjs FILE.cpuprofile [--top N]\n');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from the samples and their time deltas (µs).
const self = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(id, (self.get(id) ?? 0) + dt);
  total += dt;
});

const maps = new Map();
function sourceMapFor(url) {
  if (!url.startsWith('file://')) return null;
  if (!maps.has(url)) {
    const path = fileURLToPath(url);
    const mapPath = `${path}.map`;
    maps.set(url, existsSync(mapPath) ? new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8'))) : null);
  }
  return maps.get(url);
}

function where(frame) {
  const { url, lineNumber, columnNumber } = frame;
  if (!url) return '';
  const map = sourceMapFor(url);
  if (map) {
    const e = map.findEntry(lineNumber, columnNumber);
    if (e && e.originalSource) {
      const src = e.originalSource.startsWith('file://') ? fileURLToPath(e.originalSource) : e.originalSource;
      return `${relative(process.cwd(), src) || src}:${e.originalLine + 1}`;
    }
  }
  const path = url.startsWith('file://') ? relative(process.cwd(), fileURLToPath(url)) : url;
  return `${path}:${lineNumber + 1}`;
}

const keyOf = (n) => `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame)}`;
const selfBy = new Map();
const inclBy = new Map();
for (const n of profile.nodes) {
  const t = self.get(n.id) ?? 0;
  if (!t) continue;
  const k = keyOf(n);
  selfBy.set(k, (selfBy.get(k) ?? 0) + t);
  // Inclusive: every distinct function on the stack gets this sample's time once.
  const seen = new Set();
  for (let id = n.id; id !== undefined; id = parent.get(id)) {
    const kk = keyOf(byId.get(id));
    if (seen.has(kk)) continue;
    seen.add(kk);
    inclBy.set(kk, (inclBy.get(kk) ?? 0) + t);
  }
}

const ms = (us) => (us / 1000).toFixed(1).padStart(9);
const pct = (us) => `${((us / total) * 100).toFixed(1)}%`.padStart(7);
const print = (title, m) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(v)} ms ${pct(v)}  ${k}`);
};
console.log(`${file}: ${(total / 1000).toFixed(1)} ms sampled`);
print('self time', selfBy);
print('inclusive time', inclBy);
