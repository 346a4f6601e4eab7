/**
 * The msync endpoint with its code (the session, the protobuf schema and protobufjs) loaded on the
 * first upgrade to its path rather than at start: most servers never see an Easemob SDK client.
 */
import type { MsyncGateway, MsyncOptions } from './attach-msync.js';

const NO_SESSIONS: ReadonlySet<never> = new Set();

export function lazyMsyncGateway(o: MsyncOptions): MsyncGateway {
  let gateway: MsyncGateway | undefined;
  let loading: Promise<MsyncGateway> | undefined;
  let closed = false;
  const load = () => (loading ??= import('./attach-msync.js').then((m) => (gateway = m.createMsyncGateway(o))));
  return {
    path: o.path,
    get sessions() {
      return gateway?.sessions ?? NO_SESSIONS;
    },
    handleUpgrade(req, socket, head) {
      if (gateway) return gateway.handleUpgrade(req, socket, head);
      load().then(
        (g) => (closed ? socket.destroy() : g.handleUpgrade(req, socket, head)),
        (err: unknown) => {
          o.logger.error({ err }, 'msync gateway failed to load');
          socket.destroy();
        },
      );
    },
    closeAll(code, reason) {
      closed = true;
      gateway?.closeAll(code, reason);
    },
  };
}
