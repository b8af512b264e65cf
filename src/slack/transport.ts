import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { App, AppOptions } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../infra/logger.js';
import { proxyDispatcher } from '../infra/outbound.js';
import { boltLogger } from './bolt-logger.js';
import { badTokenCode, SlackConnection, SlackTokenError } from './connection.js';
import { appIdentity } from './app-identity.js';
import { SlackHttpReceiver } from './http-receiver.js';
import { createPayloadScreen } from './payload-screen.js';
import { ScreenedSocketModeReceiver } from './socket-mode-receiver.js';
import { createWebClient, slackClientOptions } from './web-client.js';

/**
 * How the bot talks to Slack: HTTP (the bot's own receiver on PORT) or Socket Mode (when
 * SLACK_APP_TOKEN is set), both with `GET /healthz` on PORT, the office proxy for every outbound
 * request, and a SlackConnection that knows the bot's identity without blocking acks.
 */
export interface SlackTransport {
  socketMode: boolean;
  /** What Bolt's App needs from the transport. */
  appOptions: Pick<AppOptions, 'receiver' | 'authorize' | 'clientOptions'>;
  /** Checks the tokens, then starts listening. Resolves with the port /healthz answers on. */
  start(app: App): Promise<{ port?: number }>;
  /** HTTP mode: drops idle keep-alive connections once the work in flight is done. */
  closeConnections(): void;
  stop(): void;
}

export function createSlackTransport(
  config: Config,
  logger: Logger,
  o: { port: number; healthy: () => Promise<boolean>; onFatal: (err: Error) => void },
): SlackTransport {
  const connection = new SlackConnection({ client: createWebClient(config, logger, 'probe'), token: config.SLACK_BOT_TOKEN ?? '', logger, onFatal: o.onFatal, appId: config.SLACK_APP_ID });
  // Every payload is screened before Bolt sees it, on either transport (src/slack/payload-screen.ts).
  const screen = createPayloadScreen({
    slackApiUrl: config.SLACK_API_URL,
    identity: () => appIdentity({ teamId: config.SLACK_TEAM_ID, appId: config.SLACK_APP_ID }, { teamId: connection.teamId, appId: connection.appId }),
    logger,
  });
  const healthz = (_req: IncomingMessage, res: ServerResponse) => {
    void o.healthy().then((ok) => {
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok }));
    });
  };
  const clientOptions = slackClientOptions(config);
  const socketMode = Boolean(config.SLACK_APP_TOKEN);

  if (socketMode) {
    const receiver = new ScreenedSocketModeReceiver({
      screen,
      log: logger,
      appToken: config.SLACK_APP_TOKEN!,
      // The WebSocket goes through the office proxy too (undici's dispatcher).
      dispatcher: proxyDispatcher(config),
      logger: boltLogger(logger),
      installerOptions: { clientOptions },
    });
    const health = createServer((req, res) => {
      if (req.method === 'GET' && req.url?.split('?')[0] === '/healthz') return healthz(req, res);
      res.writeHead(404).end();
    });
    return {
      socketMode,
      appOptions: { receiver, authorize: connection.authorize, clientOptions },
      start: async (app) => {
        await listen(health, o.port);
        await connection.verify();
        // Nothing can arrive before Slack is reachable: connect once auth.test has answered.
        await connection.whenConnected();
        try {
          await app.start();
        } catch (err) {
          const code = badTokenCode(err);
          throw code ? new SlackTokenError('SLACK_APP_TOKEN', code) : err;
        }
        return { port: (health.address() as AddressInfo | null)?.port };
      },
      closeConnections: () => health.closeAllConnections(),
      stop: () => {
        connection.stop();
        health.close();
      },
    };
  }

  const receiver = new SlackHttpReceiver({ signingSecret: config.SLACK_SIGNING_SECRET ?? '', logger, screen, routes: { 'GET /healthz': healthz } });
  return {
    socketMode,
    appOptions: { receiver, authorize: connection.authorize, clientOptions },
    start: async (app) => {
      // A refused token stops the start; an unreachable Slack does not (requests are still acked).
      await connection.verify();
      const server = (await app.start(o.port)) as Server;
      return { port: (server.address() as AddressInfo | null)?.port };
    },
    closeConnections: () => receiver.closeAllConnections(),
    stop: () => connection.stop(),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
