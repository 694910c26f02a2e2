import type { Server } from 'node:http';

export interface RunningSesCapture {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts aws-ses-v2-local in this process: the SES v2 API the mailer calls, a web inbox at `/`,
 * and the captured mail as JSON at `/store` (`POST /clear-store` empties it).
 */
export async function startSesCapture(options: { host: string; port: number }): Promise<RunningSesCapture> {
  const module = (await import('aws-ses-v2-local')) as unknown as {
    default:
      | ((config: { host: string; port: number }) => Promise<Server>)
      | { default: (config: { host: string; port: number }) => Promise<Server> };
  };
  const start = typeof module.default === 'function' ? module.default : module.default.default;
  const server = await start({ host: options.host, port: options.port });
  return {
    url: `http://${options.host}:${options.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
