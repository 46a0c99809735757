export { mediaNodeKeys } from "./keys";
export { ZMediaNodeSchema, loadPerCore, isFull, DEFAULT_HEARTBEAT_MS, HEARTBEATS_TO_EXPIRY, type TMediaNode } from "./media-node";
export { chooseNode, leastLoaded } from "./choose-node";
export { NodeRegistry, startHeartbeat, type THeartbeat } from "./NodeRegistry";
export { RoomPlacement, connectRoomPlacement } from "./RoomPlacement";
