// The import rules, checked rather than kept by discipline (run by `npm test`):
//  - shared/ imports no Node, no DOM library, no electron, nothing outside shared/;
//  - renderer/ imports no electron and no Node; outside renderer/ only shared/;
//  - electron/engine/ imports no electron, nothing of the shells above it (main, server, cli) or
//    the renderer; only the shells (and demo/first-run.ts) import the Engine facade;
//  - no import cycle, type-only imports included, in shared/, electron/, renderer/ or bench/.
// Usage: node build/check-imports.mjs [ROOT]   Exit 1 and one line per violation when any.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize, relative, sep } from 'node:path';

const root = process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..');
const FOLDERS = ['shared', 'electron', 'renderer/src', 'bench'];
const SHARED_PACKAGES = new Set(['zod', 'decimal.js', 'lossless-json']);
const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const SOURCE = /\.(ts|tsx|mjs)$/;

function files(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Import specifiers with their line: static, type-only, re-exports, import(), require(). */
function specifiers(text) {
  const out = [];
  const re = /(?:^|[^\w.$])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/gm;
  // Code inside template strings (a worker's source, generated SQL) is not an import of this file.
  const code = text.replace(/`(?:\\[\s\S]|[^`\\])*`/g, (m) => m.replace(/[^\n]/g, ' '));
  for (const m of code.matchAll(re)) {
    const spec = m[1] ?? m[2];
    const start = m.index + (m[0].length - m[0].trimStart().length); // past the character before `import`
    out.push({ spec, line: code.slice(0, start).split('\n').length });
  }
  return out;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mjs', '.js', '/index.ts', '/index.tsx'];
function resolveRelative(from, spec) {
  const base = normalize(join(dirname(from), spec));
  for (const e of EXTENSIONS) {
    const p = base + e;
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return null;
}

const rel = (p) => relative(root, p).split(sep).join('/');
const within = (p, folder) => rel(p) === folder || rel(p).startsWith(`${folder}/`);
const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

const violations = [];
const graph = new Map();
const SHELLS = ['electron/main', 'electron/server', 'electron/cli'];

for (const folder of FOLDERS) {
  for (const file of files(join(root, folder))) {
    const edges = [];
    graph.set(file, edges);
    for (const { spec, line } of specifiers(readFileSync(file, 'utf8'))) {
      const at = `${rel(file)}:${line}`;
      if (spec.endsWith('.css')) continue;
      if (!spec.startsWith('.')) {
        const pkg = packageOf(spec);
        if (within(file, 'shared') && (NODE.has(spec) || !SHARED_PACKAGES.has(pkg))) violations.push(`${at}: shared/ imports "${spec}" (only ${[...SHARED_PACKAGES].join(', ')})`);
        if (within(file, 'renderer') && (NODE.has(spec) || pkg === 'electron')) violations.push(`${at}: renderer/ imports "${spec}" (no Node, no electron)`);
        if (within(file, 'electron/engine') && pkg === 'electron') violations.push(`${at}: the engine imports "electron"`);
        continue;
      }
      const target = resolveRelative(file, spec);
      if (!target) {
        violations.push(`${at}: "${spec}" names no file`);
        continue;
      }
      edges.push(target);
      if (within(file, 'shared') && !within(target, 'shared')) violations.push(`${at}: shared/ imports ${rel(target)}`);
      if (within(file, 'renderer') && !within(target, 'renderer') && !within(target, 'shared')) violations.push(`${at}: renderer/ imports ${rel(target)}`);
      if (within(file, 'electron') && within(target, 'renderer')) violations.push(`${at}: electron/ imports the renderer (${rel(target)})`);
      if (within(file, 'electron/engine')) {
        if (SHELLS.some((s) => within(target, s))) violations.push(`${at}: the engine imports ${rel(target)}, a shell above it`);
        if (rel(target) === 'electron/engine/engine.ts' && rel(file) !== 'electron/engine/demo/first-run.ts') violations.push(`${at}: ${rel(file)} imports the Engine facade; take a DeskContext`);
      }
    }
  }
}

// Cycles: Tarjan's strongly connected components; each one of more than one file is a circle.
let index = 0;
const stack = [];
const meta = new Map();
function connect(v) {
  meta.set(v, { index, low: index, on: true });
  index++;
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!meta.has(w)) {
      connect(w);
      meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
    } else if (meta.get(w).on) meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
  }
  if (meta.get(v).low === meta.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      meta.get(w).on = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1) violations.push(`import cycle: ${component.map(rel).sort().join(' ↔ ')}`);
  }
}
for (const v of graph.keys()) if (!meta.has(v)) connect(v);

if (violations.length) {
  for (const v of violations) console.error(`lifeboat: ${v}`);
  console.error(`lifeboat: ${violations.length} import rule violation(s) in ${graph.size} files`);
  process.exit(1);
}
console.log(`lifeboat: imports checked: ${graph.size} files, no forbidden import, no cycle`);
