import { ConfigError } from "@diemcau/protocol";
import { loadConfig } from "./config";
import { PortInUseError, RedisUnavailableError } from "./errors";
import { startMediaServer } from "./server";

/** Errors an operator can fix from one line of text; anything else keeps its stack. */
function isOperatorError(error: unknown): error is Error {
  return error instanceof ConfigError || error instanceof PortInUseError || error instanceof RedisUnavailableError;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startMediaServer(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[media-server] ${signal}: closing`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(isOperatorError(error) ? error.message : error);
  process.exit(1);
});
