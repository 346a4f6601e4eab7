/**
 * Baseline: the minimal Socket.IO relay a developer would otherwise hand-roll. Same ops as event
 * names, replies through the acknowledgement callback, one room per user; no auth, no storage.
 * Usage: node sio-relay.mjs [port]; prints `ready on http://127.0.0.1:PORT`.
 */
import { createServer } from 'node:http';
import process from 'node:process';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
let lastId = 0;
const groups = new Map();

const convOf = (a, b) => (a < b ? `s:${a}:${b}` : `s:${b}:${a}`);

io.on('connection', (socket) => {
  socket.on('auth', (d, cb) => {
    socket.data.user = String(d?.token);
    void socket.join(socket.data.user);
    cb({ d: { user: socket.data.user, deviceId: String(d?.deviceId), sessionId: socket.id, serverTime: Date.now() } });
  });
  socket.on('ping', (_d, cb) => cb({ d: { t: Date.now() } }));
  // Groups and rooms for the fan-out scenarios: Socket.IO rooms, no permissions.
  socket.on('group.create', (d, cb) => {
    const groupId = `g${++lastId}`;
    groups.set(groupId, [socket.data.user, ...(d?.members ?? [])]);
    cb({ d: { groupId } });
  });
  socket.on('room.join', (d, cb) => {
    void socket.join(`r:${d.roomId}`);
    cb({ d: { info: { id: d.roomId }, muteExpire: 0, history: [], lastSeq: 0 } });
  });
  socket.on('msg.send', (d, cb) => {
    const m = d.msg;
    const from = socket.data.user;
    const conv = m.chat === 'single' ? convOf(from, m.to) : `${m.chat === 'group' ? 'g' : 'r'}:${m.to}`;
    const ack = { id: String(++lastId), cid: m.cid, conv, seq: 0, ts: Date.now() };
    const to = m.chat === 'room' ? `r:${m.to}` : m.chat === 'group' ? (groups.get(m.to) ?? []) : m.to;
    (m.chat === 'single' ? io.to(to) : socket.to(to)).emit('msg', { ...m, ...ack, from });
    cb({ d: ack });
  });
});
http.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(`ready on http://127.0.0.1:${http.address().port}`);
});
process.on('SIGTERM', () => {
  io.disconnectSockets(true);
  io.close(() => process.exit(0));
});
