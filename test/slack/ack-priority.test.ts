import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AckPriority } from '../../src/slack/ack-priority.js';

/** A loopback server whose responses the test releases by hand. */
async function heldServer(priority: AckPriority) {
  const held: ServerResponse[] = [];
  const server = createServer((_req, res) => {
    held.push(res);
  });
  server.on('request', priority.track);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    held,
    send: (signal?: AbortSignal) => fetch(url, { method: 'POST', body: 'x', signal }).then((r) => r.text()),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('AckPriority', () => {
  it('lets work continue only once no request is waiting for its response', async () => {
    const priority = new AckPriority(5_000);
    const s = await heldServer(priority);
    try {
      const replies = [s.send(), s.send()];
      await expect.poll(() => priority.waiting).toBe(2);
      let released = false;
      const work = priority.afterAcks().then(() => {
        released = true;
      });
      s.held[0]!.end('ok');
      await new Promise((r) => setTimeout(r, 50));
      expect(released).toBe(false);
      s.held[1]!.end('ok');
      await work;
      expect(released).toBe(true);
      expect(priority.waiting).toBe(0);
      await Promise.all(replies);
    } finally {
      await s.close();
    }
  });

  it('never starves work: it waits at most maxWaitMs', async () => {
    const priority = new AckPriority(100);
    const s = await heldServer(priority);
    try {
      const reply = s.send();
      await expect.poll(() => priority.waiting).toBe(1);
      const t0 = performance.now();
      await priority.afterAcks();
      expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
      s.held[0]!.end('ok');
      await reply;
    } finally {
      await s.close();
    }
  });

  it('counts a request whose client went away as answered', async () => {
    const priority = new AckPriority(5_000);
    const s = await heldServer(priority);
    try {
      const ctrl = new AbortController();
      const reply = s.send(ctrl.signal).catch(() => 'aborted');
      await expect.poll(() => priority.waiting).toBe(1);
      ctrl.abort();
      expect(await reply).toBe('aborted');
      await expect.poll(() => priority.waiting).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('during a burst, waits for a quiet moment before letting work go on; a lone request does not wait', async () => {
    const priority = new AckPriority(5_000, 400, 2, 50);
    const s = await heldServer(priority);
    try {
      // A lone request: once answered, work goes on at once.
      const lone = s.send();
      await expect.poll(() => priority.waiting).toBe(1);
      s.held[0]!.end('ok');
      await lone;
      let t0 = performance.now();
      await priority.afterAcks();
      expect(performance.now() - t0).toBeLessThan(40);

      // A burst: two requests close together. Answered at once, but work waits for 400 ms of quiet.
      const burst = [s.send(), s.send()];
      await expect.poll(() => priority.waiting).toBe(2);
      s.held[1]!.end('ok');
      s.held[2]!.end('ok');
      await Promise.all(burst);
      t0 = performance.now();
      await priority.afterAcks();
      expect(performance.now() - t0).toBeGreaterThanOrEqual(150);
    } finally {
      await s.close();
    }
  });
});
