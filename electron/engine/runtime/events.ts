// Pushed events: the engine emits, the IPC bridge and the SSE stream forward.
import type { EventMap, EventName, LifeboatEvent } from '../../../shared/api/contract';

type Listener = (event: LifeboatEvent) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventMap[E]): void {
    const event = { name, payload } as LifeboatEvent;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // One broken subscriber (a closed stream) must not stop the others.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first event that matches; for tests and the CLI. */
  next<E extends EventName>(name: E, match: (payload: EventMap[E]) => boolean = () => true): Promise<EventMap[E]> {
    return new Promise((resolve) => {
      const off = this.subscribe((e) => {
        if (e.name === name && match(e.payload as EventMap[E])) {
          off();
          resolve(e.payload as EventMap[E]);
        }
      });
    });
  }
}
