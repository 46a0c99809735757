import type { types } from "mediasoup";

export type TLiveMediasoupObjects = { routers: number; transports: number; producers: number; consumers: number };

/**
 * Live mediasoup objects of these workers, counted through mediasoup's observer API, for the tests
 * and benchmarks that prove nothing is left open. `routers` also holds the open routers themselves.
 */
export function countMediasoupObjects(workers: types.Worker[]): { live: TLiveMediasoupObjects; routers: Set<types.Router> } {
  const live = { routers: 0, transports: 0, producers: 0, consumers: 0 };
  const routers = new Set<types.Router>();
  for (const worker of workers)
    worker.observer.on("newrouter", (router) => {
      live.routers++;
      routers.add(router);
      router.observer.once("close", () => {
        live.routers--;
        routers.delete(router);
      });
      router.observer.on("newtransport", (transport) => {
        live.transports++;
        transport.observer.once("close", () => live.transports--);
        transport.observer.on("newproducer", (producer) => {
          live.producers++;
          producer.observer.once("close", () => live.producers--);
        });
        transport.observer.on("newconsumer", (consumer) => {
          live.consumers++;
          consumer.observer.once("close", () => live.consumers--);
        });
      });
    });
  return { live, routers };
}
