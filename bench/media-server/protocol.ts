/** What bench/media-server/child.ts reports over IPC. */
export type TChildStats = {
  /** Live mediasoup objects, from the observer API. */
  live: { routers: number; transports: number; producers: number; consumers: number };
  /** From the workers' dumps. */
  routerIds: string[];
  dumpedTransports: number;
  rooms: number;
  workerPids: number[];
  workersDied: number;
  /** Bytes resident: the media-server's Node process, and its mediasoup workers together. */
  rss: number;
  /** The Node process's live JavaScript heap after a full garbage collection. */
  heapUsed: number;
  workerRss: number;
};

export type TChildReply = { id: number; data: TChildStats | { ready: number } };
