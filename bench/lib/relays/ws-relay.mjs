/**
 * Baseline: a bare `ws` relay speaking Pigeon's frames (docs/protocol.md). It authenticates nothing
 * (the token is taken as the user name), stores nothing and validates nothing: the ceiling for Node
 * on this box. Plain JS run by bare node, so no loader sits in its memory or start-up time.
 * Usage: node ws-relay.mjs [port]; prints `ready on ws://127.0.0.1:PORT/ws`.
 */
import process from 'node:process';
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: Number(process.argv[2] ?? 0),
  path: '/ws',
  perMessageDeflate: false,
  maxPayload: 64 * 1024,
});
const online = new Map();
let lastId = 0;

const convOf = (a, b) => (a < b ? `s:${a}:${b}` : `s:${b}:${a}`);
const groups = new Map();
const rooms = new Map();

function* recipients(m) {
  if (m.chat === 'room') return yield* rooms.get(m.to) ?? [];
  const users = m.chat === 'group' ? (groups.get(m.to) ?? []) : [m.to];
  for (const user of users) yield* online.get(user) ?? [];
}

function handle(ws, state, f) {
  const reply = (d) => ws.send(JSON.stringify({ re: f.id, d }));
  if (f.op === 'ping') return reply({ t: Date.now() });
  if (f.op === 'auth') {
    state.user = String(f.d?.token);
    if (!online.has(state.user)) online.set(state.user, new Set());
    online.get(state.user).add(ws);
    return reply({ user: state.user, deviceId: String(f.d?.deviceId), sessionId: '0', serverTime: Date.now() });
  }
  // Groups and rooms for the fan-out scenarios: membership in memory, no permissions.
  if (f.op === 'group.create') {
    const groupId = `g${++lastId}`;
    groups.set(groupId, new Set([state.user, ...(f.d?.members ?? [])]));
    return reply({ groupId });
  }
  if (f.op === 'room.join') {
    if (!rooms.has(f.d.roomId)) rooms.set(f.d.roomId, new Set());
    rooms.get(f.d.roomId).add(ws);
    state.rooms.push(f.d.roomId);
    return reply({ info: { id: f.d.roomId }, muteExpire: 0, history: [], lastSeq: 0 });
  }
  if (f.op === 'msg.send' && state.user) {
    const m = f.d.msg;
    const conv = m.chat === 'single' ? convOf(state.user, m.to) : `${m.chat === 'group' ? 'g' : 'r'}:${m.to}`;
    const ack = { id: String(++lastId), cid: m.cid, conv, seq: 0, ts: Date.now() };
    const push = JSON.stringify({ ev: 'msg', d: { ...m, ...ack, from: state.user } });
    for (const peer of recipients(m)) if (peer !== ws) peer.send(push);
    return reply(ack);
  }
  ws.send(JSON.stringify({ re: f.id, err: { name: 'UNKNOWN_OP', code: 1002, message: String(f.op) } }));
}

wss.on('connection', (ws) => {
  const state = { user: undefined, rooms: [] };
  ws.on('message', (data) => handle(ws, state, JSON.parse(String(data))));
  ws.on('error', () => {});
  ws.on('close', () => {
    online.get(state.user)?.delete(ws);
    for (const id of state.rooms) rooms.get(id)?.delete(ws);
  });
});
wss.on('listening', () => console.log(`ready on ws://127.0.0.1:${wss.address().port}/ws`));
process.on('SIGTERM', () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close(() => process.exit(0));
});
