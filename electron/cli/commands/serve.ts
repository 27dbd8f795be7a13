import { join } from 'node:path';
import { expectPositionals, intFlag } from '../args';
import type { Command } from '../command';
import { Engine } from '../../engine/engine';
import { startConsoleServices } from '../../engine/services/console-services';
import { VERSION } from '../../engine/runtime/version';
import { startConsoleServer } from '../../server/server';
import { startupLine } from './recover-text';

/** The built renderer next to the bundled CLI (dist/renderer), unless told otherwise. */
export function rendererDir(): string {
  return process.env.LIFEBOAT_RENDERER_DIR ?? join(__dirname, 'renderer');
}

export const serve: Command = {
  path: ['serve'],
  summary: 'Serve the console on 127.0.0.1 (browser mode) and hold the state folder',
  usage: 'lifeboat serve [--state DIR] [--port N] [--json]',
  flags: { port: { type: 'string' } },
  threads: true,
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const port = intFlag(ctx.parsed.values.port, 'port', { min: 0, max: 65535 }) ?? 0;
    const engine = Engine.open({ stateDir: ctx.stateDir, mode: 'write', purpose: 'serve', create: true, workers: ctx.workers });
    let server;
    try {
      server = await startConsoleServer(engine, { port, staticDir: rendererDir(), version: VERSION });
    } catch (err) {
      await engine.close();
      throw err;
    }
    const url = `${server.url}#token=${server.token}`;
    engine.lease?.update({ api: { url: server.url, token: server.token } });
    const services = startConsoleServices(engine);
    if (ctx.out.json) process.stdout.write(JSON.stringify({ url, port: server.port, token: server.token }) + '\n');
    else {
      process.stdout.write(`Lifeboat console: ${url}\n`);
      process.stderr.write(`Serving ${engine.paths.dir} on 127.0.0.1 only. Press Ctrl+C to stop.\n`);
      const line = startupLine(engine.startup);
      if (line) process.stderr.write(`${line}\n`);
    }
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.once('SIGHUP', stop);
    });
    services.stop();
    await server.close();
    await engine.close();
    if (!ctx.out.json) process.stderr.write('Console stopped; state folder released.\n');
  },
};
