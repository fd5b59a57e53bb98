import http from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';

export interface DrippingServer {
  url: string;
  /** Requests it has answered so far (each one drips until the client gives up). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A hostile or broken server: it answers 200 with a JSON content type at once, then sends
 * one byte of the body a second, for ever. A client without a deadline of its own waits
 * as long as it keeps dripping.
 */
export async function startDrippingServer(): Promise<DrippingServer> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(200, { 'Content-Type': 'application/json' });
    const drip = setInterval(() => response.write(' '), 1000);
    request.socket.on('close', () => clearInterval(drip));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Node's garbage collector on demand, without starting the process with --expose-gc. */
export function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
