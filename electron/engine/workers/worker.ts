// The one bundled worker entry (dist/worker.cjs). Piscina loads it in each pool thread and calls
// the export named like the task; each answers with its result or its error as a value.
import { asReply } from './protocol';
import { TASKS } from './tasks';
import { serveS3BridgeIfAsked } from '../tiers/s3-bridge-thread';

export const pack = asReply(TASKS.pack);
export const parse = asReply(TASKS.parse);
export const verify = asReply(TASKS.verify);
export const verifyChunks = asReply(TASKS.verifyChunks);
export const exportCheckpoint = asReply(TASKS.exportCheckpoint);
export const backupCreate = asReply(TASKS.backupCreate);
export const backupVerify = asReply(TASKS.backupVerify);
export const backupRestore = asReply(TASKS.backupRestore);
export const backupPrune = asReply(TASKS.backupPrune);
export const doctor = asReply(TASKS.doctor);
export const drill = asReply(TASKS.drill);
export const read = asReply(TASKS.read);

// Started as the S3 cold tier's thread (tiers/s3-bridge.ts) rather than by the pool: serve that.
serveS3BridgeIfAsked();
