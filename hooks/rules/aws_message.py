"""The AWS Encryption SDK message format, parsed exactly to its last byte.

The Forge developer console signs install links with such a message. We
cannot decrypt it (nor should we), but its structure is public and strict:
every length field must agree with what follows, sequence numbers count up,
and the message must end exactly where its last field ends. That is enough to
tell a whole signature from one cut short or padded by a copy-paste.

Versions 1 and 2 of the format are understood, framed and non-framed bodies,
and the signature footer of the signing algorithm suites.
"""

from __future__ import annotations

from typing import Dict, NamedTuple


class Suite(NamedTuple):
    version: int  # message format version the suite belongs to
    signed: bool  # a footer with an ECDSA signature follows the body
    suite_data: int  # bytes of algorithm suite data in a version 2 header


IV_LENGTH = 12
TAG_LENGTH = 16
FINAL_FRAME = 0xFFFFFFFF

SUITES: Dict[int, Suite] = {
    0x0014: Suite(1, False, 0),  # AES-128-GCM, no key derivation
    0x0046: Suite(1, False, 0),  # AES-192-GCM
    0x0078: Suite(1, False, 0),  # AES-256-GCM
    0x0114: Suite(1, False, 0),  # AES-128-GCM, HKDF-SHA256
    0x0146: Suite(1, False, 0),  # AES-192-GCM, HKDF-SHA256
    0x0178: Suite(1, False, 0),  # AES-256-GCM, HKDF-SHA256
    0x0214: Suite(1, True, 0),  # AES-128-GCM, HKDF-SHA256, ECDSA P-256
    0x0346: Suite(1, True, 0),  # AES-192-GCM, HKDF-SHA384, ECDSA P-384
    0x0378: Suite(1, True, 0),  # AES-256-GCM, HKDF-SHA384, ECDSA P-384
    0x0478: Suite(2, False, 32),  # AES-256-GCM, HKDF-SHA512, key commitment
    0x0578: Suite(2, True, 32),  # the same, with ECDSA P-384
}

V1_TYPE = 0x80
CONTENT_NON_FRAMED = 0x01
CONTENT_FRAMED = 0x02


class MessageError(Exception):
    """Not a whole, well-formed message; ``offset`` is the byte where it breaks."""

    def __init__(self, reason: str, offset: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offset = offset


class Message(NamedTuple):
    version: int
    algorithm: int
    data_keys: int
    framed: bool
    frames: int
    signed: bool


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, count: int, what: str) -> bytes:
        end = self.pos + count
        if end > len(self.data):
            raise MessageError(
                f"ends inside {what} (needs {count} bytes at byte {self.pos}, "
                f"{len(self.data) - self.pos} left)",
                self.pos,
            )
        chunk = self.data[self.pos : end]
        self.pos = end
        return chunk

    def number(self, size: int, what: str) -> int:
        return int.from_bytes(self.take(size, what), "big")

    def sized(self, what: str) -> bytes:
        return self.take(self.number(2, f"the length of {what}"), what)


def parse_message(data: bytes) -> Message:
    reader = _Reader(data)
    version = reader.number(1, "the version")
    if version == 1:
        kind = reader.number(1, "the message type")
        if kind != V1_TYPE:
            raise MessageError(f"message type 0x{kind:02x}, expected 0x80", 1)
    elif version != 2:
        raise MessageError(f"format version {version}, known: 1 and 2", 0)
    at = reader.pos
    algorithm = reader.number(2, "the algorithm id")
    suite = SUITES.get(algorithm)
    if suite is None:
        raise MessageError(f"unknown algorithm suite 0x{algorithm:04x}", at)
    if suite.version != version:
        raise MessageError(
            f"algorithm suite 0x{algorithm:04x} belongs to format version {suite.version}", at
        )
    reader.take(16 if version == 1 else 32, "the message id")
    _read_aad(reader)
    data_keys = _read_data_keys(reader)
    at = reader.pos
    content_type = reader.number(1, "the content type")
    if content_type not in (CONTENT_NON_FRAMED, CONTENT_FRAMED):
        raise MessageError(f"content type 0x{content_type:02x}, expected 0x01 or 0x02", at)
    if version == 1:
        at = reader.pos
        if reader.number(4, "the reserved field") != 0:
            raise MessageError("reserved field is not zero", at)
        at = reader.pos
        iv_length = reader.number(1, "the IV length")
        if iv_length != IV_LENGTH:
            raise MessageError(f"IV length {iv_length}, expected {IV_LENGTH}", at)
    at = reader.pos
    frame_length = reader.number(4, "the frame length")
    framed = content_type == CONTENT_FRAMED
    if framed and frame_length == 0:
        raise MessageError("framed content with a frame length of 0", at)
    if not framed and frame_length != 0:
        raise MessageError("non-framed content with a frame length", at)
    if version == 2:
        reader.take(suite.suite_data, "the algorithm suite data")
    else:
        reader.take(IV_LENGTH, "the header IV")
    reader.take(TAG_LENGTH, "the header authentication tag")
    frames = _read_frames(reader, frame_length) if framed else _read_single_body(reader)
    if suite.signed:
        at = reader.pos
        if not reader.sized("the footer signature"):
            raise MessageError("empty footer signature", at)
    if reader.pos != len(data):
        raise MessageError(
            f"{len(data) - reader.pos} bytes after the end of the message", reader.pos
        )
    return Message(version, algorithm, data_keys, framed, frames, suite.signed)


def _read_aad(reader: _Reader) -> None:
    length = reader.number(2, "the AAD length")
    if length == 0:
        return
    start = reader.pos
    block = _Reader(reader.take(length, "the AAD"))
    pairs = block.number(2, "the AAD pair count")
    if pairs == 0:
        raise MessageError("AAD with no key-value pairs", start)
    for _ in range(pairs):
        block.sized("an AAD key")
        block.sized("an AAD value")
    if block.pos != length:
        raise MessageError("AAD length disagrees with its pairs", start + block.pos)


def _read_data_keys(reader: _Reader) -> int:
    at = reader.pos
    count = reader.number(2, "the encrypted data key count")
    if count == 0:
        raise MessageError("no encrypted data keys", at)
    for _ in range(count):
        at = reader.pos
        if not reader.sized("a key provider id"):
            raise MessageError("empty key provider id", at)
        reader.sized("key provider information")
        at = reader.pos
        if not reader.sized("an encrypted data key"):
            raise MessageError("empty encrypted data key", at)
    return count


def _read_frames(reader: _Reader, frame_length: int) -> int:
    expected = 1
    while True:
        at = reader.pos
        sequence = reader.number(4, "a frame sequence number")
        if sequence == FINAL_FRAME:
            at = reader.pos
            if reader.number(4, "the final frame sequence number") != expected:
                raise MessageError(f"final frame out of sequence (expected {expected})", at)
            reader.take(IV_LENGTH, "the final frame IV")
            at = reader.pos
            length = reader.number(4, "the final frame content length")
            if length > frame_length:
                raise MessageError("final frame longer than the frame length", at)
            reader.take(length, "the final frame content")
            reader.take(TAG_LENGTH, "the final frame authentication tag")
            return expected
        if sequence != expected:
            raise MessageError(f"frame {sequence} out of sequence (expected {expected})", at)
        reader.take(IV_LENGTH, "a frame IV")
        reader.take(frame_length, "a frame's content")
        reader.take(TAG_LENGTH, "a frame authentication tag")
        expected += 1


def _read_single_body(reader: _Reader) -> int:
    reader.take(IV_LENGTH, "the body IV")
    length = reader.number(8, "the content length")
    reader.take(length, "the encrypted content")
    reader.take(TAG_LENGTH, "the body authentication tag")
    return 1
