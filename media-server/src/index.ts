export { loadConfig, DEV_MEDIA_SECRET, type TMediaServerConfig } from "./config";
export { startMediaServer, type TMediaServer } from "./server";
export { WorkerPool } from "./WorkerPool";
export { PortInUseError } from "./errors";
