// A WebSocket client on npm `ws` (permessage-deflate offered, as ws does by default): text, binary, a fragmented
// message, a 200 kB message, a ping, then Close 4000. Prints one line per check and `CLOSE code reason`, then `OK`.
import WebSocket from 'ws';

const url = process.argv[2];
const socket = new WebSocket(url, ['superchat', 'chat']);
const replies = [];
let waiting = null;
socket.on('message', (data, isBinary) => {
  replies.push({ data, isBinary });
  if (waiting) { const w = waiting; waiting = null; w(); }
});
const next = () => new Promise((resolve) => {
  if (replies.length) resolve(replies.shift());
  else waiting = () => resolve(replies.shift());
});
const fail = (message) => { console.log(`FAIL ${message}`); process.exit(1); };

socket.on('error', (e) => fail(`error ${e.message}`));
socket.on('open', async () => {
  console.log(`SUBPROTOCOL ${socket.protocol}`);
  console.log(`EXTENSIONS ${socket.extensions || 'none'}`);
  socket.send('hello');
  let r = await next();
  if (r.isBinary || r.data.toString() !== 'hello') fail('text echo');
  console.log('TEXT ok');
  socket.send(Buffer.from([0, 1, 255]));
  r = await next();
  if (!r.isBinary || !r.data.equals(Buffer.from([0, 1, 255]))) fail('binary echo');
  console.log('BINARY ok');
  socket.send('frag', { fin: false });
  socket.send('mented', { fin: true });
  r = await next();
  if (r.data.toString() !== 'fragmented') fail(`fragmented echo: ${r.data}`);
  console.log('FRAGMENTED ok');
  const big = 'x'.repeat(200000);
  socket.send(big);
  r = await next();
  if (r.data.toString() !== big) fail('big echo');
  console.log('BIG ok');
  socket.once('pong', (data) => {
    console.log(`PONG ${data.toString()}`);
    socket.close(4000, 'bye');
  });
  socket.ping('abc');
});
socket.on('close', (code, reason) => {
  console.log(`CLOSE ${code} ${reason.toString()}`);
  console.log('OK');
  process.exit(0);
});
