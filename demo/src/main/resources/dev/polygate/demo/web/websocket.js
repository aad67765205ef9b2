// The Greeter's bidirectional Chat and the passthrough echo, over the browser's own WebSocket: Chat speaks the
// gateway's JSON framing (one JSON text message per ChatMessage, an empty one half-closes), the echo plain text.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const base = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host;

  function logTo(list, kind, text) {
    const item = document.createElement('li');
    item.className = kind;
    item.textContent = text;
    $(list).append(item);
  }

  // One session at a time; a message sent while none is open opens one first.
  class Session {
    constructor(path, list, onText) {
      this.path = path;
      this.list = list;
      this.onText = onText;
      this.socket = null;
    }

    send(text) {
      if (!this.socket || this.socket.readyState > WebSocket.OPEN) this.open();
      const socket = this.socket;
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else socket.addEventListener('open', () => socket.send(text), { once: true });
    }

    open() {
      const socket = new WebSocket(base + this.path);
      this.socket = socket;
      logTo(this.list, 'status', 'connecting to ' + base + this.path);
      socket.addEventListener('open', () => logTo(this.list, 'status', 'open'));
      socket.addEventListener('message', (event) => this.onText(String(event.data)));
      socket.addEventListener('close', (event) => logTo(this.list, event.code === 1000 ? 'status' : 'error',
        'closed ' + event.code + (event.reason ? ' "' + event.reason + '"' : '')));
    }
  }

  // A ChatReply, or {"error": google.rpc.Status} when the call failed.
  const chat = new Session('/v1/greeter/chat', 'chat-log', (text) => {
    let message;
    try { message = JSON.parse(text); } catch (e) { logTo('chat-log', 'error', 'not JSON: ' + text); return; }
    if (message.error) {
      logTo('chat-log', 'error', 'error ' + message.error.code + ' "' + (message.error.message || '') + '"');
    } else {
      logTo('chat-log', 'reply', message.message + '   [sequence ' + (message.sequence || 0) + ']');
    }
  });
  $('chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const message = { name: $('chat-name').value, text: $('chat-text').value };
    logTo('chat-log', 'sent', JSON.stringify(message));
    chat.send(JSON.stringify(message));
  });
  $('chat-end').addEventListener('click', () => {
    if (chat.socket && chat.socket.readyState === WebSocket.OPEN) {
      logTo('chat-log', 'sent', '(empty message: no more messages)');
      chat.socket.send('');
    }
  });

  const echo = new Session('/ws/echo', 'echo-log', (text) => logTo('echo-log', 'reply', text));
  $('echo-form').addEventListener('submit', (event) => {
    event.preventDefault();
    logTo('echo-log', 'sent', $('echo-text').value);
    echo.send($('echo-text').value);
  });

  const ws = (path) => 'python3 -m websockets "' + base + path + '"';
  $('ws').textContent = [
    ws('/v1/greeter/chat') + '                  # {"name":"ann","text":"hi"}',
    ws('/v1/greeter/world/stream?count=3') + '  # send {}: three greetings, then Close 1000',
    ws('/calculator/Add') + '                   # {"intA":2,"intB":3}, one answer per message',
    ws('/ws/echo') + '                          # anything, echoed',
  ].join('\n');
})();
