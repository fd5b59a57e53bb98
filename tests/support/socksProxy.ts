import net from 'node:net';

export interface SocksProxy {
  /** socks5://127.0.0.1:<port> (or socks://, as asked). */
  url: string;
  port: number;
  /** Every tunnel it opened (host:port as the client named it), in order: the proxy's log. */
  connects: string[];
  /** How many sign-ins it turned away (wrong or missing user name and password). */
  refusedSignIns: number;
  close(): Promise<void>;
}

/**
 * A small SOCKS5 proxy on 127.0.0.1 (RFC 1928, CONNECT only; RFC 1929 user and password when
 * `credentials` are given). `refuse` makes it answer every CONNECT "not allowed by ruleset", as
 * a proxy that blocks a server does. The target's name is resolved here, as a real proxy does.
 */
export async function startSocksProxy(
  options: { credentials?: { username: string; password: string }; refuse?: boolean; scheme?: 'socks5' | 'socks' } = {},
): Promise<SocksProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    // A failed conversation ends in a closed socket, which the client under test sees.
    void serve(client).catch(() => client.destroy());
  });
  const running: SocksProxy = { url: '', port: 0, connects: [], refusedSignIns: 0, close: async () => undefined };

  async function serve(client: net.Socket): Promise<void> {
    const read = reader(client);
    const [version, methodCount] = await read(2);
    if (version !== 5) return void client.destroy();
    const methods = [...(await read(methodCount!))];
    const wanted = options.credentials ? 2 : 0;
    if (!methods.includes(wanted)) {
      if (options.credentials) running.refusedSignIns += 1;
      return void client.end(Buffer.from([5, 0xff]));
    }
    client.write(Buffer.from([5, wanted]));
    if (options.credentials) {
      const [, userLength] = await read(2);
      const user = (await read(userLength!)).toString();
      const [passwordLength] = await read(1);
      const password = (await read(passwordLength!)).toString();
      if (user !== options.credentials.username || password !== options.credentials.password) {
        running.refusedSignIns += 1;
        return void client.end(Buffer.from([1, 1]));
      }
      client.write(Buffer.from([1, 0]));
    }
    const [, command, , addressType] = await read(4);
    let host: string;
    if (addressType === 1) host = [...(await read(4))].join('.');
    else if (addressType === 3) host = (await read((await read(1))[0]!)).toString();
    else if (addressType === 4) host = ((await read(16)).toString('hex').match(/.{4}/g) ?? []).join(':');
    else return void client.end(reply(8));
    const port = (await read(2)).readUInt16BE(0);
    if (command !== 1) return void client.end(reply(7));
    if (options.refuse) return void client.end(reply(2));
    const target = net.connect({ host, port });
    target.once('error', () => client.end(reply(5)));
    target.once('connect', () => {
      running.connects.push(`${host}:${port}`);
      target.removeAllListeners('error');
      target.on('error', () => client.destroy());
      client.on('close', () => target.destroy());
      target.on('close', () => client.destroy());
      client.write(reply(0));
      const rest = read.rest();
      if (rest.length > 0) target.write(rest);
      client.pipe(target);
      target.pipe(client);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  running.port = port;
  running.url = `${options.scheme ?? 'socks5'}://127.0.0.1:${port}`;
  running.close = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return running;
}

/** A SOCKS5 reply with the given code and an empty IPv4 address. */
const reply = (code: number) => Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]);

/** Reads exactly n bytes at a time from a socket in paused mode; rest() hands over what is left. */
function reader(socket: net.Socket): ((n: number) => Promise<Buffer>) & { rest(): Buffer } {
  let buffered = Buffer.alloc(0);
  let waiting: { n: number; resolve(data: Buffer): void; reject(error: Error): void } | null = null;
  const onData = (data: Buffer) => {
    buffered = Buffer.concat([buffered, data]);
    deliver();
  };
  const onEnd = () => waiting?.reject(new Error('closed'));
  const deliver = () => {
    if (!waiting || buffered.length < waiting.n) return;
    const { n, resolve } = waiting;
    waiting = null;
    const chunk = buffered.subarray(0, n);
    buffered = buffered.subarray(n);
    resolve(chunk);
  };
  socket.on('data', onData);
  socket.on('end', onEnd);
  const read = (n: number) =>
    new Promise<Buffer>((resolve, reject) => {
      waiting = { n, resolve, reject };
      deliver();
    });
  return Object.assign(read, {
    rest() {
      socket.off('data', onData);
      socket.off('end', onEnd);
      return buffered;
    },
  });
}
