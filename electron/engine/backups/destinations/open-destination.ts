// The one place that turns a configured destination into the Destination the repository writes
// through; nothing else names the implementations.
import { LifeboatError } from '../../../../shared/result';
import type { Destination, DestinationConfig } from './destination';
import { FolderDestination } from './folder-destination';
import { S3Destination } from './s3-destination';

export function openDestination(config: DestinationConfig): Destination {
  switch (config.kind) {
    case 'folder':
      return new FolderDestination(config.path);
    case 's3':
      return new S3Destination(config);
    default: {
      const kind = (config as { kind?: unknown }).kind;
      throw new LifeboatError('bad_request', `unknown destination kind ${JSON.stringify(kind)} (folder or s3)`, `destination ${(config as { name?: string }).name ?? ''}`.trim());
    }
  }
}
