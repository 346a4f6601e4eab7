import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from '../src/core/heartbeat.js';

describe('heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function start() {
    const ping = vi.fn();
    const dead = vi.fn();
    const hb = new Heartbeat(1000, ping, dead);
    hb.start();
    return { hb, ping, dead };
  }

  it('pings every interval while frames keep arriving', () => {
    const { hb, ping, dead } = start();
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(1000);
      hb.touch(); // the pong
    }
    expect(ping).toHaveBeenCalledTimes(5);
    expect(dead).not.toHaveBeenCalled();
  });

  it('declares the socket dead after two silent intervals, and stops', () => {
    const { ping, dead } = start();
    vi.advanceTimersByTime(1000);
    expect(ping).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(1000);
    expect(dead).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(10_000);
    expect(dead).toHaveBeenCalledOnce();
    expect(ping).toHaveBeenCalledOnce();
  });

  it('silence while timers were frozen (app hidden) gets a ping before any verdict', () => {
    const { hb, ping, dead } = start();
    vi.setSystemTime(Date.now() + 60_000); // hidden for a minute: the clock moved, our timers did not
    vi.advanceTimersByTime(1000); // the frozen tick finally runs, very late
    expect(dead).not.toHaveBeenCalled();
    expect(ping).toHaveBeenCalledOnce();
    hb.touch(); // the socket survived: pong
    vi.advanceTimersByTime(1000);
    expect(dead).not.toHaveBeenCalled();
  });

  it('...but a socket that does not answer that ping is dead at the next tick', () => {
    const { dead } = start();
    vi.setSystemTime(Date.now() + 60_000);
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(1000);
    expect(dead).toHaveBeenCalledOnce();
  });
});
