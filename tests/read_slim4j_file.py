"""Reads a file `%save` wrote with numpy alone, as docs/file-format.md describes it.

The end-to-end tests use this as an independent reader: it shares no code with slim4j, so a
tensor it reads back as the notebook holds it shows that the file is what the documentation says.
"""

import json
import struct

import numpy as np

TYPES = {"F32": "<f4", "F64": "<f8", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2",
         "I8": "i1", "U8": "u1", "BOOL": "?"}


def read(path):
    """Returns ({name: array} of every entry, the slim4j manifest or None)."""
    with open(path, "rb") as f:
        length = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(length))
        data = f.read()
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype=TYPES[entry["dtype"]]).reshape(entry["shape"])
    return tensors, json.loads(meta["slim4j"]) if "slim4j" in meta else None


def values(path):
    """Every parameter tensor of the file as float32 values in its own shape, by its name."""
    tensors, manifest = read(path)
    return {tensor["name"]: _values(tensor, tensors) for tensor in manifest["tensors"]}


def _values(tensor, tensors):
    name, shape = tensor["name"], tensor["shape"]
    count = int(np.prod(shape, dtype=np.int64))
    quantized = tensor.get("quantized")
    stored = _stored_positions(tensor, tensors, count)
    if quantized is None:
        if stored is None:
            return tensors[name]
        flat = np.full(count, np.uint32(tensor["zero"]).view(np.float32), dtype=np.float32)
        flat[stored] = tensors[name + "/values"]
        return flat.reshape(shape)
    codes = _codes(tensors[name + "/codes"], quantized, count if stored is None else len(stored))
    if stored is not None:
        every = np.full(count, tensor["zero"], dtype=np.int64)
        every[stored] = codes
        codes = every
    if quantized["format"].startswith("int"):
        width = quantized["bits"]
        codes = np.where(codes >= 1 << (width - 1), codes - (1 << width), codes)
    return _dequantize(codes.reshape(shape), quantized, tensors, name)


def _stored_positions(tensor, tensors, count):
    name = tensor["name"]
    if tensor["layout"] == "dense":
        return None
    if tensor["layout"] == "bitmask":
        marks = np.unpackbits(tensors[name + "/nonzero"], bitorder="little")[:count]
        return np.flatnonzero(marks)
    shape = tensor["shape"]
    rows = shape[0] if len(shape) >= 2 else 1
    columns = count // rows
    pointers, columns_of = tensors[name + "/indptr"], tensors[name + "/indices"]
    row_of = np.repeat(np.arange(rows), np.diff(pointers))
    return row_of * columns + columns_of


def _codes(packed, quantized, count):
    """Unsigned codes of `bits` bits each, little-endian within the byte stream."""
    width = quantized["bits"]
    bits = np.unpackbits(packed, bitorder="little")[:count * width].reshape(count, width).astype(np.int64)
    return (bits << np.arange(width)).sum(axis=1)


def _dequantize(codes, quantized, tensors, name):
    """(code - zero point) x scale in float32, for integer formats per tensor or per channel."""
    if not quantized["format"].split(":")[0].lstrip("u").startswith("int"):
        raise ValueError("this reader decodes integer formats only, not " + quantized["format"])
    if quantized["group_size"] != 0:
        raise ValueError("this reader decodes per-tensor and per-channel scales only")
    scales = tensors[name + "/scales"]
    zero_points = tensors.get(name + "/zero_points", np.zeros(len(scales), dtype=np.int32))
    axis = quantized["axis"]
    shape = [1] * codes.ndim
    if axis >= 0:
        shape[axis] = len(scales)
    return (codes - zero_points.reshape(shape)).astype(np.float32) * scales.reshape(shape)
