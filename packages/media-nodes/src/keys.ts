/** Every Redis key and channel the media nodes share, in one place. */
const PREFIX = "diemcau";

export const mediaNodeKeys = {
  /** The set of node ids that ever registered; readers drop ids whose record expired. */
  nodeIds: `${PREFIX}:media-nodes`,
  /** One node's record (JSON), kept alive by its heartbeat. */
  node: (nodeId: string) => `${PREFIX}:media-node:${nodeId}`,
  /** Requests to one node (pipe a producer to me); replies come back on the asker's own channel. */
  nodeRequests: (nodeId: string) => `${PREFIX}:media-node:${nodeId}:requests`,
  nodeReplies: (nodeId: string) => `${PREFIX}:media-node:${nodeId}:replies`,
  /** The node that holds a room's room-wide state (active speaker, recording). */
  roomHome: (roomId: string) => `${PREFIX}:room:${roomId}:home`,
  /** Peers and producers of a room on every node: field id → JSON with the node that has it. */
  roomPeers: (roomId: string) => `${PREFIX}:room:${roomId}:peers`,
  roomProducers: (roomId: string) => `${PREFIX}:room:${roomId}:producers`,
  /** The room's recording state as its home node last set it (JSON with the node that wrote it). */
  roomRecording: (roomId: string) => `${PREFIX}:room:${roomId}:recording`,
  /** Room events one node publishes for the others. */
  roomEvents: (roomId: string) => `${PREFIX}:room:${roomId}:events`,
};
