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

const convOf = (a, b) => (a < b ? `s:${a}:${b}` : `s:${b}:${a}`);

io.on('connection', (socket) => {
  socket.on('auth', (d, cb) => {
    socket.data.user = String(d?.token);
    void socket.join(socket.data.user);
    cb({ d: { user: socket.data.user, deviceId: String(d?.deviceId), sessionId: socket.id, serverTime: Date.now() } });
  });
  socket.on('ping', (_d, cb) => cb({ d: { t: Date.now() } }));
  socket.on('msg.send', (d, cb) => {
    const m = d.msg;
    const ack = { id: String(++lastId), cid: m.cid, conv: convOf(socket.data.user, m.to), seq: 0, ts: Date.now() };
    io.to(m.to).emit('msg', { ...m, ...ack, from: socket.data.user });
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
