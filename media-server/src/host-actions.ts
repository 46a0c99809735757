import { z } from "zod";
import { ZMeetingRoleSchema } from "@diemcau/protocol";
import type { Peer } from "./Peer";
import type { Room } from "./Room";

/** What a host does to one peer; with several nodes it runs on the node the peer is on. */
export const ZHostActionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("mute") }),
  z.object({ kind: z.literal("stopVideo") }),
  z.object({ kind: z.literal("lowerHand") }),
  z.object({ kind: z.literal("grantSpeak") }),
  z.object({ kind: z.literal("revokeSpeak") }),
  z.object({ kind: z.literal("remove") }),
  z.object({ kind: z.literal("setRole"), role: ZMeetingRoleSchema }),
]);
export type THostAction = z.infer<typeof ZHostActionSchema>;

/** The host acting, as much of it as the rules need (it may be on another node). */
export const ZHostActorSchema = z.object({ id: z.string().min(1), scheduledHost: z.boolean() });
export type THostActor = z.infer<typeof ZHostActorSchema>;

export async function applyHostAction(room: Room, actor: THostActor, target: Peer, action: THostAction): Promise<Record<string, unknown>> {
  switch (action.kind) {
    case "mute":
      await room.mutePeer(target);
      return {};
    case "stopVideo":
      await room.stopVideo(target);
      return {};
    case "lowerHand":
      room.lowerHand(target);
      return {};
    case "grantSpeak":
      return room.grantSpeak(target);
    case "revokeSpeak":
      return room.revokeSpeak(target);
    case "remove":
      room.removePeer(actor, target);
      return {};
    case "setRole":
      return room.setRole(actor, target, action.role);
  }
}
