import net from 'node:net';
import { InvalidEmbeddedOptionError, PortInUseError } from './embedded-errors.js';

// Left to a system PostgreSQL the user may install later; medseed never picks it on its own.
const defaultPostgresPort = 5432;

/** Throws unless port is an integer in 1..65535. */
export function validatePort(port: number | undefined): void {
  if (port === undefined) return;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidEmbeddedOptionError(`port: must be an integer from 1 to 65535, got ${port}`);
  }
}

/**
 * The port to start on: the requested one (PortInUseError when taken), else the last one if still free,
 * else a fresh free port.
 */
export async function choosePort(requested: number | undefined, last: number | undefined): Promise<number> {
  if (requested !== undefined) {
    if (!(await isPortFree(requested))) throw new PortInUseError(requested);
    return requested;
  }
  if (last !== undefined && last !== defaultPostgresPort && (await isPortFree(last))) return last;
  return pickFreePort();
}

/** A port the OS considers free on 127.0.0.1 right now (another process may still take it before we bind). */
export async function pickFreePort(): Promise<number> {
  for (;;) {
    const port = await listenOnce(0);
    if (port !== undefined && port !== defaultPostgresPort) return port;
  }
}

/** Whether 127.0.0.1:port can be bound; also false when something listens on the wildcard address. */
export async function isPortFree(port: number): Promise<boolean> {
  return (await listenOnce(port)) !== undefined;
}

function listenOnce(port: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(undefined);
      else if (error.code === 'EACCES') {
        reject(new InvalidEmbeddedOptionError(`port: ${port} needs privileges to bind; choose a port above 1023`, { cause: error }));
      } else reject(error);
    });
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}
