"""Synthetic install-link signatures: AWS Encryption SDK messages built from
the public message format, with random bytes where the real ones are secret."""

from __future__ import annotations

import base64
import random
from typing import Optional, Sequence, Tuple

from hypothesis import strategies as st

from .helpers import APP_UUID

V1_SUITES = (0x0014, 0x0046, 0x0078, 0x0114, 0x0146, 0x0178, 0x0214, 0x0346, 0x0378)
V2_SUITES = (0x0478, 0x0578)
SIGNING = (0x0214, 0x0346, 0x0378, 0x0578)


def _u16(value: int) -> bytes:
    return value.to_bytes(2, "big")


def _u32(value: int) -> bytes:
    return value.to_bytes(4, "big")


def _sized(data: bytes) -> bytes:
    return _u16(len(data)) + data


def build_message(
    *,
    version: int = 1,
    algorithm: int = 0x0178,
    data_keys: int = 3,
    framed: bool = True,
    frame_length: int = 4096,
    content_length: int = 60,
    aad: Sequence[Tuple[bytes, bytes]] = (),
    seed: int = 0,
) -> bytes:
    """A well-formed message, about the size the console's are by default."""
    rand = random.Random(seed)

    def noise(count: int) -> bytes:
        return bytes(rand.getrandbits(8) for _ in range(count))

    out = bytes([1, 0x80]) if version == 1 else bytes([2])
    out += _u16(algorithm) + noise(16 if version == 1 else 32)
    if algorithm in SIGNING and not aad:
        aad = ((b"aws-crypto-public-key", base64.b64encode(noise(49))),)
    if aad:
        block = _u16(len(aad)) + b"".join(_sized(k) + _sized(v) for k, v in aad)
        out += _sized(block)
    else:
        out += _u16(0)
    out += _u16(data_keys)
    for index in range(data_keys):
        out += _sized(b"aws-kms")
        out += _sized(f"arn:aws:kms:us-east-{index + 1}:111122223333:key/{APP_UUID}".encode())
        out += _sized(noise(184))
    out += bytes([2 if framed else 1])
    if version == 1:
        out += _u32(0) + bytes([12])
    out += _u32(frame_length if framed else 0)
    out += noise(32) if version == 2 else noise(12)
    out += noise(16)
    content = noise(content_length)
    if framed:
        sequence = 1
        while len(content) > frame_length:
            out += _u32(sequence) + noise(12) + content[:frame_length] + noise(16)
            content = content[frame_length:]
            sequence += 1
        out += _u32(0xFFFFFFFF) + _u32(sequence) + noise(12) + _u32(len(content))
        out += content + noise(16)
    else:
        out += noise(12) + len(content).to_bytes(8, "big") + content + noise(16)
    if algorithm in SIGNING:
        out += _sized(noise(103))
    return out


def encode_signature(message: bytes) -> str:
    """Percent-encoded standard base64, as the console writes it."""
    text = base64.b64encode(message).decode()
    return text.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")


def link(
    signature: Optional[str] = None,
    *,
    uuid: str = APP_UUID,
    products: Sequence[str] = ("bitbucket",),
) -> str:
    if signature is None:
        signature = encode_signature(build_message())
    query = f"signature={signature}" + "".join(f"&product={p}" for p in products)
    return f"https://developer.atlassian.com/console/install/{uuid}?{query}"


HEX_64 = "9f2c" * 16
HEX_128 = "5ae1" * 32


@st.composite
def messages(draw: st.DrawFn) -> bytes:
    """Any well-formed message: every suite, one to three keys, framed or
    not, a few frame and content lengths."""
    suite = draw(st.sampled_from((*V1_SUITES, *V2_SUITES)))
    return build_message(
        version=2 if suite in V2_SUITES else 1,
        algorithm=suite,
        data_keys=draw(st.integers(1, 3)),
        framed=draw(st.booleans()),
        frame_length=draw(st.sampled_from((16, 64, 4096))),
        content_length=draw(st.integers(0, 120)),
        seed=draw(st.integers(0, 2**16)),
    )
