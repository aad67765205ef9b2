// A WebSocket echo backend on npm `ws`: echoes each message as text or binary, picks `chat` among offered
// subprotocols, and answers the text `headers` with the handshake's request headers as JSON. Prints `PORT n`.
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  handleProtocols: (protocols) => (protocols.has('chat') ? 'chat' : false),
});
server.on('listening', () => console.log(`PORT ${server.address().port}`));
server.on('connection', (socket, request) => {
  socket.on('message', (data, isBinary) => {
    if (!isBinary && data.toString() === 'headers') {
      socket.send(JSON.stringify(request.headers));
    } else {
      socket.send(data, { binary: isBinary });
    }
  });
});
