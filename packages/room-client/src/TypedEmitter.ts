/** An event emitter whose event names and payloads are checked by the compiler. */
export class TypedEmitter<TEvents extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof TEvents, Set<(payload: never) => void>>();

  on<K extends keyof TEvents>(event: K, listener: (payload: TEvents[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => this.off(event, listener);
  }

  off<K extends keyof TEvents>(event: K, listener: (payload: TEvents[K]) => void): void {
    this.listeners.get(event)?.delete(listener as (payload: never) => void);
  }

  protected emit<K extends keyof TEvents>(event: K, payload: TEvents[K]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      // A failing listener belongs to the UI; it must not break the client's own bookkeeping.
      try {
        (listener as (payload: TEvents[K]) => void)(payload);
      } catch (error) {
        console.error(`[room-client] listener for "${String(event)}" threw`, error);
      }
    }
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }
}
