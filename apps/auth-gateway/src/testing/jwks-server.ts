import { once } from 'node:events';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { JWK } from 'jose';

/** A JWKS served over real HTTP, as a provider serves its `jwks_uri`. */
export interface JwksServer {
  /** Where each named key set is served: `url(name)` is `http://127.0.0.1:<port>/<name>`. */
  url(name: string): string;
  close(): Promise<void>;
}

/** Serves each named set of public keys at its own path, on a free port of 127.0.0.1. */
export async function startJwksServer(keySets: Record<string, JWK[]>): Promise<JwksServer> {
  const server = createServer((request, response) => {
    const keys = keySets[request.url?.slice(1) ?? ''];
    if (!keys) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
    response.end(JSON.stringify({ keys }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
