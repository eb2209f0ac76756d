"""A minimal WebSocket client (RFC 6455) on the standard library, enough to check an echo server.

It does the opening handshake, sends masked text frames (a client must mask every frame it sends),
reads the server's unmasked frames, answers pings, puts fragmented messages back together and
closes politely. No extensions are offered, so a frame with a reserved bit set is an error.
"""

import base64
import hashlib
import os
import socket
import struct

WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

OP_CONTINUATION = 0x0
OP_TEXT = 0x1
OP_BINARY = 0x2
OP_CLOSE = 0x8
OP_PING = 0x9
OP_PONG = 0xA


class HandshakeError(Exception):
    """The server did not switch to the WebSocket protocol the way RFC 6455 says."""


class ProtocolError(Exception):
    """The server sent a frame that breaks the protocol."""


class ConnectionClosed(Exception):
    """The server closed the WebSocket (close frame) or the TCP connection."""

    def __init__(self, code=None, reason=""):
        self.code = code
        self.reason = reason
        super().__init__(f"closed by the server (code {code}, reason {reason!r})" if code else "connection closed")


def accept_key(key: str) -> str:
    """The Sec-WebSocket-Accept value a server must send back for the client's key."""
    return base64.b64encode(hashlib.sha1((key + WEBSOCKET_GUID).encode("ascii")).digest()).decode("ascii")


def apply_mask(data: bytes, mask: bytes) -> bytes:
    """XOR data with the 4-byte mask repeated; the same call masks and unmasks."""
    if not data:
        return b""
    size = len(data)
    repeated = (mask * (size // 4 + 1))[:size]
    return (int.from_bytes(data, "big") ^ int.from_bytes(repeated, "big")).to_bytes(size, "big")


def encode_frame(opcode: int, payload: bytes, mask: bytes | None, fin: bool = True) -> bytes:
    """One frame; pass a 4-byte mask for client frames, None for server frames."""
    first = (0x80 if fin else 0) | opcode
    mask_bit = 0x80 if mask is not None else 0
    size = len(payload)
    if size < 126:
        head = struct.pack("!BB", first, mask_bit | size)
    elif size < 1 << 16:
        head = struct.pack("!BBH", first, mask_bit | 126, size)
    else:
        head = struct.pack("!BBQ", first, mask_bit | 127, size)
    if mask is None:
        return head + payload
    return head + mask + apply_mask(payload, mask)


def read_frame(read_exact, expect_masked: bool = False) -> tuple[bool, int, bytes]:
    """Read one frame with read_exact(n) -> bytes; returns (fin, opcode, unmasked payload)."""
    first, second = read_exact(2)
    if first & 0x70:
        raise ProtocolError(f"reserved bits set in frame header 0x{first:02x} (no extension was negotiated)")
    fin = bool(first & 0x80)
    opcode = first & 0x0F
    masked = bool(second & 0x80)
    size = second & 0x7F
    if size == 126:
        (size,) = struct.unpack("!H", read_exact(2))
    elif size == 127:
        (size,) = struct.unpack("!Q", read_exact(8))
    if masked != expect_masked:
        raise ProtocolError("the server masked its frame" if masked else "the client frame is not masked")
    mask = read_exact(4) if masked else None
    payload = read_exact(size) if size else b""
    if mask is not None:
        payload = apply_mask(payload, mask)
    return fin, opcode, payload


class WebSocketClient:
    def __init__(self, sock: socket.socket, leftover: bytes = b""):
        self.sock = sock
        self._buffer = bytearray(leftover)
        self.closed = False

    @classmethod
    def connect(cls, host: str, port: int, path: str = "/ws", timeout: float = 10.0) -> "WebSocketClient":
        sock = socket.create_connection((host, port), timeout=timeout)
        try:
            key = base64.b64encode(os.urandom(16)).decode("ascii")
            request = (
                f"GET {path} HTTP/1.1\r\n"
                f"Host: {host}:{port}\r\n"
                "Upgrade: websocket\r\n"
                "Connection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n"
                f"Origin: http://{host}:{port}\r\n"
                "\r\n"
            )
            sock.sendall(request.encode("ascii"))
            head, leftover = _read_head(sock)
            _check_handshake(head, key, leftover)
        except BaseException:
            sock.close()
            raise
        return cls(sock, leftover)

    def _read_exact(self, size: int) -> bytes:
        while len(self._buffer) < size:
            chunk = self.sock.recv(max(65536, size - len(self._buffer)))
            if not chunk:
                self.closed = True
                raise ConnectionClosed()
            self._buffer += chunk
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        self.sock.sendall(encode_frame(opcode, payload, os.urandom(4)))

    def send_text(self, text: str) -> None:
        self._send_frame(OP_TEXT, text.encode("utf-8"))

    def recv_message(self) -> tuple[int, bytes]:
        """The next whole data message as (opcode, payload); pings are answered on the way."""
        message_opcode = None
        parts = []
        while True:
            fin, opcode, payload = read_frame(self._read_exact)
            if opcode == OP_PING:
                self._send_frame(OP_PONG, payload)
                continue
            if opcode == OP_PONG:
                continue
            if opcode == OP_CLOSE:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                reason = payload[2:].decode("utf-8", "replace")
                self.closed = True
                raise ConnectionClosed(code, reason)
            if opcode == OP_CONTINUATION:
                if message_opcode is None:
                    raise ProtocolError("continuation frame without a message to continue")
            elif opcode in (OP_TEXT, OP_BINARY):
                if message_opcode is not None:
                    raise ProtocolError("new data frame before the fragmented message ended")
                message_opcode = opcode
            else:
                raise ProtocolError(f"unknown opcode 0x{opcode:x}")
            parts.append(payload)
            if fin:
                return message_opcode, b"".join(parts)

    def close(self, code: int = 1000) -> None:
        """Send a close frame, give the server a moment to answer it, then drop the connection."""
        try:
            if not self.closed:
                self._send_frame(OP_CLOSE, struct.pack("!H", code))
                self.sock.settimeout(2.0)
                while True:
                    _fin, opcode, _payload = read_frame(self._read_exact)
                    if opcode == OP_CLOSE:
                        break
        except (OSError, ConnectionClosed, ProtocolError, ValueError):
            pass
        finally:
            self.closed = True
            self.sock.close()


def _read_head(sock: socket.socket) -> tuple[bytes, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise HandshakeError(f"connection closed during the handshake after {data[:300]!r}")
        data += chunk
        if len(data) > 65536:
            raise HandshakeError("handshake answer headers longer than 64 KiB")
    head, _sep, leftover = data.partition(b"\r\n\r\n")
    return head, leftover


def _check_handshake(head: bytes, key: str, leftover: bytes) -> None:
    lines = head.decode("latin-1").split("\r\n")
    status_line = lines[0]
    headers = {}
    for line in lines[1:]:
        name, _sep, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or parts[1] != "101":
        raise HandshakeError(f"answered {status_line!r} instead of 101, body starts {leftover[:200]!r}")
    if headers.get("upgrade", "").lower() != "websocket":
        raise HandshakeError(f"101 without 'Upgrade: websocket' (got {headers.get('upgrade')!r})")
    if "upgrade" not in headers.get("connection", "").lower():
        raise HandshakeError(f"101 without 'Connection: Upgrade' (got {headers.get('connection')!r})")
    if headers.get("sec-websocket-accept") != accept_key(key):
        raise HandshakeError(f"wrong Sec-WebSocket-Accept {headers.get('sec-websocket-accept')!r}")
