import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

/**
 * A local HTTP proxy that only tunnels (CONNECT host:port), like a ward office's: records each
 * tunnel it opens, so a test can show which traffic went through it. Plain proxied requests
 * (GET http://…) are refused with 405 and recorded as such.
 */
export class ConnectProxy {
  /** "host:port" of every CONNECT, in order. */
  readonly tunnels: string[] = [];
  readonly refused: string[] = [];
  private server?: Server;
  private readonly sockets = new Set<{ destroy(): void }>();
  url = '';

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      this.refused.push(`${req.method} ${req.url}`);
      res.writeHead(405).end();
    });
    server.on('connect', (req, client, head) => {
      const target = req.url ?? '';
      this.tunnels.push(target);
      const [host, port] = target.split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      this.sockets.add(client).add(upstream);
      const close = () => {
        upstream.destroy();
        client.destroy();
      };
      upstream.on('error', close);
      client.on('error', close);
    });
    this.server = server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** How many tunnels went to this host:port. */
  count(hostPort: string): number {
    return this.tunnels.filter((t) => t === hostPort).length;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
