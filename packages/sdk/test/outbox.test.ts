import { PigeonError, type OutgoingMessage, type SendAck } from '@pigeon/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../src/core/outbox.js';

const msg = (cid: string): OutgoingMessage => ({ cid, chat: 'single', to: 'bob', type: 'txt', body: { text: cid } });
const ack = (cid: string, seq = 1): SendAck => ({ id: `s-${cid}`, cid, conv: 's:alice:bob', seq, ts: 1 });

function harness() {
  const sent: string[] = [];
  let open = false;
  let reply: (cid: string) => Promise<SendAck> = (cid) => Promise.resolve(ack(cid));
  const suspect = vi.fn();
  const box = new Outbox({
    transmit: (m) => (sent.push(m.cid), reply(m.cid)),
    canSend: () => open,
    suspect,
    timeoutMs: 1000,
  });
  return {
    box,
    sent,
    suspect,
    setOpen: (v: boolean) => (open = v),
    setReply: (f: typeof reply) => (reply = f),
  };
}

describe('outbox', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends at once when open', async () => {
    const h = harness();
    h.setOpen(true);
    await expect(h.box.add(msg('a'))).resolves.toMatchObject({ id: 's-a' });
    expect(h.sent).toEqual(['a']);
    expect(h.box.size).toBe(0);
  });

  it('holds sends while not connected and flushes them in order', async () => {
    const h = harness();
    const p = [h.box.add(msg('a')), h.box.add(msg('b')), h.box.add(msg('c'))];
    expect(h.sent).toEqual([]);
    h.setOpen(true);
    h.box.flush();
    expect(h.sent).toEqual(['a', 'b', 'c']);
    await expect(Promise.all(p)).resolves.toHaveLength(3);
  });

  it('the same message sent twice while pending is one send', async () => {
    const h = harness();
    const a = h.box.add(msg('a'));
    const b = h.box.add(msg('a'));
    expect(b).toBe(a);
    h.setOpen(true);
    h.box.flush();
    await a;
    expect(h.sent).toEqual(['a']);
  });

  it('resends with the same cid after the socket dropped before the ack', async () => {
    const h = harness();
    h.setOpen(true);
    h.setReply(() => Promise.reject(new PigeonError('NETWORK', 'dropped')));
    const p = h.box.add(msg('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent).toEqual(['a']);
    h.setReply((cid) => Promise.resolve(ack(cid, 7)));
    h.box.flush(); // reconnected
    await expect(p).resolves.toMatchObject({ cid: 'a', seq: 7 });
    expect(h.sent).toEqual(['a', 'a']);
  });

  it('fails with OUTBOX_TIMEOUT when not sent in time, and never sends it afterwards', async () => {
    const h = harness();
    const p = h.box.add(msg('a'));
    const assertion = expect(p).rejects.toMatchObject({ type: 'OUTBOX_TIMEOUT', code: 6003 });
    await vi.advanceTimersByTimeAsync(1001);
    await assertion;
    h.setOpen(true);
    h.box.flush();
    expect(h.sent).toEqual([]);
  });

  it('an entry in flight at its deadline settles by its reply', async () => {
    const h = harness();
    h.setOpen(true);
    let resolve!: (a: SendAck) => void;
    h.setReply(() => new Promise((r) => (resolve = r)));
    const p = h.box.add(msg('a'));
    await vi.advanceTimersByTimeAsync(1500);
    resolve(ack('a'));
    await expect(p).resolves.toMatchObject({ cid: 'a' });
  });

  it('a request timeout keeps the message and asks for a liveness check', async () => {
    const h = harness();
    h.setOpen(true);
    h.setReply(() => Promise.reject(new PigeonError('TIMEOUT')));
    const p = h.box.add(msg('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.suspect).toHaveBeenCalledOnce();
    expect(h.box.size).toBe(1);
    h.setReply((cid) => Promise.resolve(ack(cid)));
    h.box.flush();
    await expect(p).resolves.toMatchObject({ cid: 'a' });
  });

  it('a refusal by the server fails the send with its typed error', async () => {
    const h = harness();
    h.setOpen(true);
    h.setReply(() => Promise.reject(new PigeonError('MESSAGE_TOO_LARGE')));
    await expect(h.box.add(msg('a'))).rejects.toMatchObject({ type: 'MESSAGE_TOO_LARGE' });
    expect(h.box.size).toBe(0);
  });

  it('RATE_LIMITED waits retryAfterMs and tries again', async () => {
    const h = harness();
    h.setOpen(true);
    h.setReply(() => Promise.reject(new PigeonError('RATE_LIMITED', 'slow down', { retryAfterMs: 200 })));
    const p = h.box.add(msg('a'));
    await vi.advanceTimersByTimeAsync(0);
    h.setReply((cid) => Promise.resolve(ack(cid)));
    await vi.advanceTimersByTimeAsync(199);
    expect(h.sent).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    await expect(p).resolves.toMatchObject({ cid: 'a' });
    expect(h.sent).toEqual(['a', 'a']);
  });

  it('UNAVAILABLE is tried again after retryAfterMs, and succeeds once the server can store', async () => {
    const h = harness();
    h.setOpen(true);
    h.setReply(() => Promise.reject(new PigeonError('UNAVAILABLE', 'redis is down', { retryAfterMs: 300 })));
    const p = h.box.add(msg('a'));
    await vi.advanceTimersByTimeAsync(300);
    expect(h.sent).toEqual(['a', 'a']);
    h.setReply((cid) => Promise.resolve(ack(cid)));
    await vi.advanceTimersByTimeAsync(300);
    await expect(p).resolves.toMatchObject({ cid: 'a' });
  });

  it('an entry expiring while the server is unavailable fails with OUTBOX_TIMEOUT caused by UNAVAILABLE', async () => {
    const h = harness();
    h.setOpen(true);
    h.setReply(() => Promise.reject(new PigeonError('UNAVAILABLE', 'redis is down', { retryAfterMs: 300 })));
    const p = h.box.add(msg('a'));
    const failed = expect(p).rejects.toMatchObject({ type: 'OUTBOX_TIMEOUT', cause: { type: 'UNAVAILABLE' } });
    await vi.advanceTimersByTimeAsync(1000);
    await failed;
    expect(h.box.size).toBe(0);
  });

  it('failAll rejects everything pending with the given error', async () => {
    const h = harness();
    const p = h.box.add(msg('a'));
    h.box.failAll(new PigeonError('CLOSED'));
    await expect(p).rejects.toMatchObject({ type: 'CLOSED' });
    expect(h.box.size).toBe(0);
  });
});
