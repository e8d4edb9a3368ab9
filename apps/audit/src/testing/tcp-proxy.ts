import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';

/**
 * A TCP relay to a real server, to cut it off and bring it back during a test: an outage the
 * server itself cannot be made to have on demand. Stopping refuses new connections and breaks
 * the open ones, as a crashed or unplugged database would.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on `port` (0 picks one) and returns the port. */
  async start(port = 0): Promise<number> {
    const server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  private relay(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  }
}
