export { formatBytes } from '../../format/bytes';

export type TransferPhase = 'read' | 'upload' | 'process';

/** Where sending a file has got to: reading it, uploading it, or waiting for the engine. */
export interface Transfer {
  phase: TransferPhase;
  loaded: number;
  total: number;
}
