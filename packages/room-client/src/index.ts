export { RoomClient, type TLocalMedia, type TRemoteMedia, type TRoomClientEvents, type TRoomClientOptions, type TRoomSnapshot, type TRoomStatus } from "./RoomClient";
export { RoomClientError, mediaErrorFrom, type TRoomClientErrorCode } from "./errors";
export { parseCaptureSize, DEFAULT_CAPTURE, type TCaptureSize } from "./capture";
export { connectionQuality, type TConnectionQuality } from "./quality";
export { chooseVideoSlots, type TVideoSlotsInput } from "./video-slots";
export { type TRoomData } from "./room-state";
export { backoffDelay, type TBackoff } from "./backoff";
export { TypedEmitter } from "./TypedEmitter";
