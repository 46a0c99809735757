/** Thrown when an engine call did not settle in time (whisper.node may never settle a failed call). */
export class EngineTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${Math.round(ms / 1000)} s`);
    this.name = "EngineTimeoutError";
  }
}

/** The promise, or EngineTimeoutError after `ms`; `onTimeout` may stop the work that was left behind. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new EngineTimeoutError(what, ms));
    }, ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
