import dgram from "node:dgram";
import { LOOPBACK } from "./plain-rtp";

type TPorts = { rtpPort: number; rtcpPort: number };

/**
 * ffmpeg sends each RTP output from its own socket, but a comedia PlainTransport accepts one
 * remote address. A simulcast sender's layers go through this relay, which sends every packet it
 * gets on to the transport from one socket for RTP and one for RTCP: one remote address, as a
 * browser's simulcast has.
 */
export class RtpRelay {
  readonly #sockets: dgram.Socket[];
  readonly ports: TPorts;

  private constructor(sockets: dgram.Socket[], ports: TPorts) {
    this.#sockets = sockets;
    this.ports = ports;
  }

  static async open(target: TPorts): Promise<RtpRelay> {
    const bind = () =>
      new Promise<dgram.Socket>((resolve, reject) => {
        const socket = dgram.createSocket("udp4");
        socket.once("error", reject);
        socket.bind(0, LOOPBACK, () => resolve(socket));
      });
    const rtp = await bind();
    const rtcp = await bind();
    rtp.on("message", (packet) => rtp.send(packet, target.rtpPort, LOOPBACK));
    rtcp.on("message", (packet) => rtcp.send(packet, target.rtcpPort, LOOPBACK));
    return new RtpRelay([rtp, rtcp], { rtpPort: rtp.address().port, rtcpPort: rtcp.address().port });
  }

  close(): void {
    for (const socket of this.#sockets) socket.close();
  }
}
