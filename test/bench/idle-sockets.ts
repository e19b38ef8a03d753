/**
 * Child process of the `turns` section: IDLE_COUNT Socket.IO clients (websocket transport, one
 * connection each, no reconnection) authenticated with IDLE_TOKEN as the product's handshake
 * expects (`auth: { token }`), connected to IDLE_URL in batches of IDLE_BATCH. Prints
 * `connected <n>` after each batch, then `ready`; on SIGTERM prints one JSON line (how many are
 * still connected, events they heard, disconnects) and exits.
 */
import { io, type Socket } from 'socket.io-client';

const url = process.env['IDLE_URL']!;
const token = process.env['IDLE_TOKEN']!;
const count = Number(process.env['IDLE_COUNT'] ?? 5000);
const batch = Number(process.env['IDLE_BATCH'] ?? 250);

const sockets: Socket[] = [];
let events = 0;
let disconnects = 0;

function connectOne(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token },
      forceNew: true, // one connection per client, not multiplexed
      reconnection: false, // a dropped socket stays dropped, and is counted
    });
    sockets.push(socket);
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
    socket.onAny(() => events++);
    socket.on('disconnect', () => disconnects++);
  });
}

process.on('SIGTERM', () => {
  const connected = sockets.filter((s) => s.connected).length;
  console.log(JSON.stringify({ connected, events, disconnects }));
  for (const s of sockets) s.close();
  process.exit(0);
});

for (let i = 0; i < count; i += batch) {
  await Promise.all(Array.from({ length: Math.min(batch, count - i) }, connectOne));
  console.log(`connected ${sockets.length}/${count}`);
}
console.log('ready');
