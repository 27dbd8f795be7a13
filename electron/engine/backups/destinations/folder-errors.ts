// What the file system throws at a folder destination, as the destination error codes
// (destination.ts): permission → unauthorized, a full disk → conflict with the free space, a
// missing path → not_found naming it, a mount gone → unavailable.
import { LifeboatError } from '../../../../shared/result';
import { diskFull, explainError } from '../../store/io-errors';

const UNREACHABLE: Record<string, string> = {
  ENOTCONN: 'its file system is no longer connected (a FUSE or network mount gone)',
  ESTALE: 'its network mount went stale (the server lost it)',
  EHOSTDOWN: 'the host serving its network mount is down',
  ETIMEDOUT: 'its network mount timed out',
  ENODEV: 'its device is gone',
};

const DENIED: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted (an immutable or append-only file or folder?)',
  EROFS: 'the file system is read-only',
};

export const errnoCode = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/**
 * A LifeboatError for what `op` on `path` threw; `where` names the destination and key. ENOENT
 * here is `path` missing (callers that know it means a missing key say so first).
 */
export function folderError(err: unknown, where: string, path: string, op: string): LifeboatError {
  if (err instanceof LifeboatError) return err;
  const code = errnoCode(err);
  const syscall = (err as NodeJS.ErrnoException).syscall ?? op;
  if (code === 'ENOENT') return new LifeboatError('not_found', `cannot ${op}: ${path} does not exist`, where);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new LifeboatError('conflict', diskFull(path).reason, where);
  if (DENIED[code]) return new LifeboatError('unauthorized', `cannot ${op}: ${DENIED[code]} (${syscall} ${code} on ${path})`, where);
  if (UNREACHABLE[code]) return new LifeboatError('unavailable', `cannot ${op}: ${UNREACHABLE[code]} (${syscall} ${code} on ${path})`, where);
  const named = explainError(err, path);
  return new LifeboatError(named.code === 'bad_request' ? 'internal' : named.code, `cannot ${op}: ${named.reason}`, where);
}
