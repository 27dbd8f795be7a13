// Writes generation after generation of a large file atomically, forever, announcing each one.
// The parent kills it with SIGKILL at random moments.
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../../../electron/engine/store/atomic-file';

const [path, sizeText] = process.argv.slice(2);
const size = Number(sizeText);
for (let generation = 1; ; generation++) {
  const body = Buffer.alloc(size, generation % 251);
  const header = `${generation}:${createHash('sha256').update(body).digest('hex')}\n`;
  if (generation === 1 || generation % 3 === 0) process.stdout.write(`writing ${generation}\n`);
  writeFileAtomic(path, Buffer.concat([Buffer.from(header), body]));
}
