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
/** Topics for the group and chatroom scenarios: `room.join` puts a socket in one, sends fan out to it. */
const topics = new Map();
let lastId = 0;

const convOf = (a, b) => (a < b ? `s:${a}:${b}` : `s:${b}:${a}`);

function handle(ws, state, f) {
  const reply = (d) => ws.send(JSON.stringify({ re: f.id, d }));
  if (f.op === 'ping') return reply({ t: Date.now() });
  if (f.op === 'auth') {
    state.user = String(f.d?.token);
    if (!online.has(state.user)) online.set(state.user, new Set());
    online.get(state.user).add(ws);
    return reply({ user: state.user, deviceId: String(f.d?.deviceId), sessionId: '0', serverTime: Date.now() });
  }
  if (f.op === 'room.join' && state.user) {
    const id = String(f.d?.roomId);
    if (!topics.has(id)) topics.set(id, new Set());
    topics.get(id).add(ws);
    state.topics.add(id);
    return reply({ history: [], lastSeq: 0 });
  }
  if (f.op === 'msg.send' && state.user && (f.d.msg.chat === 'group' || f.d.msg.chat === 'room')) {
    const m = f.d.msg;
    const ack = { id: String(++lastId), cid: m.cid, conv: `${m.chat[0]}:${m.to}`, seq: 0, ts: Date.now() };
    const push = JSON.stringify({ ev: 'msg', d: { ...m, ...ack, from: state.user } });
    for (const peer of topics.get(m.to) ?? []) if (peer !== ws) peer.send(push);
    return reply(ack);
  }
  if (f.op === 'msg.send' && state.user) {
    const m = f.d.msg;
    const ack = { id: String(++lastId), cid: m.cid, conv: convOf(state.user, m.to), seq: 0, ts: Date.now() };
    const push = JSON.stringify({ ev: 'msg', d: { ...m, ...ack, from: state.user } });
    for (const peer of online.get(m.to) ?? []) peer.send(push);
    return reply(ack);
  }
  ws.send(JSON.stringify({ re: f.id, err: { name: 'UNKNOWN_OP', code: 1002, message: String(f.op) } }));
}

wss.on('connection', (ws) => {
  const state = { user: undefined, topics: new Set() };
  ws.on('message', (data) => handle(ws, state, JSON.parse(String(data))));
  ws.on('error', () => {});
  ws.on('close', () => {
    online.get(state.user)?.delete(ws);
    for (const id of state.topics) topics.get(id)?.delete(ws);
  });
});
wss.on('listening', () => console.log(`ready on ws://127.0.0.1:${wss.address().port}/ws`));
process.on('SIGTERM', () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close(() => process.exit(0));
});
