// IPC channel names, shared by the main process and the preload.
export const IPC_PREFIX = 'lifeboat:';
export const IPC_EVENT = 'lifeboat:event';
export const ipcChannel = (name: string) => `${IPC_PREFIX}${name}`;
