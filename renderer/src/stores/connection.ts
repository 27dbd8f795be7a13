// How the console reaches the engine: Electron IPC, or the loopback server's event stream.
import { create } from 'zustand';
import type { StreamState, StreamStatus } from '../api/http-bridge';

export interface ConnectionState {
  mode: 'electron' | 'browser' | null;
  state: StreamState;
  attempt: number;
  retryAt: number | null;
  lastError: string | null;
  /** When the last pushed event arrived (epoch ms). */
  lastEventAt: number | null;
  /** Bumped per pushed event: drives the "updated" pulse. */
  events: number;
  /** The server refused our token. */
  unauthorized: boolean;
  setMode(mode: 'electron' | 'browser'): void;
  setStream(status: StreamStatus): void;
  eventArrived(): void;
  refused(): void;
}

export const useConnection = create<ConnectionState>()((set) => ({
  mode: null,
  state: 'connecting',
  attempt: 0,
  retryAt: null,
  lastError: null,
  lastEventAt: null,
  events: 0,
  unauthorized: false,
  setMode: (mode) => set(mode === 'electron' ? { mode, state: 'live' } : { mode }),
  setStream: (s) => set({ state: s.state, attempt: s.attempt, retryAt: s.retryAt, lastError: s.lastError }),
  eventArrived: () => set((s) => ({ lastEventAt: Date.now(), events: s.events + 1 })),
  refused: () => set({ unauthorized: true, state: 'unauthorized' }),
}));
