// The renderer's files, as the loopback server and the app's lifeboat:// scheme both serve them:
// a path never resolves outside the built renderer's folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticFile } from '../../electron/server/static-files';
import { tempDir } from '../support/temp-state';

function renderer(): string {
  const root = join(tempDir(), 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'app.js'), '');
  writeFileSync(join(root, '..', 'secret.txt'), 'outside');
  return root;
}

describe('resolveStaticFile', () => {
  it('finds the page and its assets with their types', () => {
    const root = renderer();
    expect(resolveStaticFile(root, '/')).toMatchObject({ file: join(root, 'index.html'), html: true, type: 'text/html; charset=utf-8' });
    expect(resolveStaticFile(root, '/assets/app.js')).toMatchObject({ file: join(root, 'assets', 'app.js'), type: 'text/javascript; charset=utf-8' });
  });

  it('never leaves the folder, however the path is written', () => {
    const root = renderer();
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '//../secret.txt', '/nope.js']) {
      expect(resolveStaticFile(root, p), p).toEqual({ missing: 'not_found' });
    }
    expect(() => resolveStaticFile(root, '/%E0%A4%A')).toThrow(URIError);
  });

  it('says when the console was never built', () => {
    expect(resolveStaticFile(join(tempDir(), 'empty'), '/')).toEqual({ missing: 'not_built' });
  });
});
