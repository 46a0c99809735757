import {
  NOT_RECORDING,
  type TChatMessage,
  type TPeerInfo,
  type TProducerInfo,
  type TRollCall,
  type TRoomRecording,
  type TRoomState,
  type TSignalingEvent,
  type TSignalingEventName,
} from "@diemcau/protocol";

/** Chat lines kept in the browser; the server keeps the full log for the recording. */
export const CHAT_HISTORY_LIMIT = 500;

/** The room as the server describes it: who is there, what they publish, chat, roll call, recording. */
export type TRoomData = {
  roomId: string;
  locked: boolean;
  activeSpeakerPeerId: string | null;
  /** Hosts, presenters, bridge points, raised hands, speakers and yourself: the rest only `listPeers` shows. */
  peers: TPeerInfo[];
  /** Everyone in the room. */
  peerCount: number;
  producers: TProducerInfo[];
  chat: TChatMessage[];
  rollCall: TRollCall | null;
  /** The server recording: everyone shows an indicator while it is active. */
  recording: TRoomRecording;
};

export const EMPTY_ROOM: TRoomData = {
  roomId: "",
  locked: false,
  activeSpeakerPeerId: null,
  peers: [],
  peerCount: 0,
  producers: [],
  chat: [],
  rollCall: null,
  recording: NOT_RECORDING,
};

export function roomDataFrom(state: TRoomState): TRoomData {
  return { ...state, chat: state.chat.slice(-CHAT_HISTORY_LIMIT), recording: state.recording ?? NOT_RECORDING };
}

function upsertBy<T>(list: T[], item: T, same: (a: T) => boolean): T[] {
  const index = list.findIndex(same);
  if (index === -1) return [...list, item];
  const next = list.slice();
  next[index] = item;
  return next;
}

/** The room-level events this reducer understands; media events are handled by the client. */
export type TRoomEventName = Extract<
  TSignalingEventName,
  | "peerJoined"
  | "peerUpdated"
  | "peerLeft"
  | "peerCount"
  | "producerAdded"
  | "producerUpdated"
  | "producerClosed"
  | "activeSpeaker"
  | "chatMessage"
  | "roomUpdated"
  | "rollCallUpdated"
  | "recordingStateChanged"
>;

/** Applies one server event to the room data; returns a new object (snapshots stay immutable). */
export function applyRoomEvent<N extends TRoomEventName>(room: TRoomData, name: N, payload: TSignalingEvent<N>): TRoomData {
  const event = { name, payload } as { [K in TRoomEventName]: { name: K; payload: TSignalingEvent<K> } }[TRoomEventName];
  switch (event.name) {
    case "peerJoined":
    case "peerUpdated": {
      const { peer } = event.payload;
      return { ...room, peers: upsertBy(room.peers, peer, (p) => p.peerId === peer.peerId) };
    }
    case "peerLeft": {
      const { peerId } = event.payload;
      return {
        ...room,
        peers: room.peers.filter((p) => p.peerId !== peerId),
        producers: room.producers.filter((p) => p.peerId !== peerId),
        activeSpeakerPeerId: room.activeSpeakerPeerId === peerId ? null : room.activeSpeakerPeerId,
      };
    }
    case "peerCount":
      return { ...room, peerCount: event.payload.count };
    case "producerAdded":
    case "producerUpdated": {
      const { producer } = event.payload;
      return { ...room, producers: upsertBy(room.producers, producer, (p) => p.producerId === producer.producerId) };
    }
    case "producerClosed":
      return { ...room, producers: room.producers.filter((p) => p.producerId !== event.payload.producerId) };
    case "activeSpeaker":
      return { ...room, activeSpeakerPeerId: event.payload.peerId };
    case "chatMessage": {
      const { message } = event.payload;
      if (room.chat.some((m) => m.id === message.id)) return room;
      return { ...room, chat: [...room.chat, message].slice(-CHAT_HISTORY_LIMIT) };
    }
    case "roomUpdated":
      return { ...room, locked: event.payload.locked };
    case "rollCallUpdated":
      return { ...room, rollCall: event.payload.rollCall };
    case "recordingStateChanged":
      return { ...room, recording: event.payload.recording };
  }
}
