// Takes the lease on a state folder, says so, and holds it until killed.
import { acquireLease } from '../../../electron/engine/store/lease';

const [dir] = process.argv.slice(2);
acquireLease(dir, 'test holder');
process.stdout.write(`holding ${process.pid}\n`);
setInterval(() => undefined, 1 << 30);
