// Where sending a file has got to, as the file worker reports it.
export type TransferPhase = 'read' | 'upload' | 'process';

/** Where sending a file has got to: reading it, uploading it, or waiting for the engine. */
export interface Transfer {
  phase: TransferPhase;
  loaded: number;
  total: number;
}
