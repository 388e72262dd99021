"""Encodes the schema tests' payloads with libraries independent of the ones
Kafka Desk decodes with: fastavro for Avro, Google's Python protobuf for
Protobuf (its descriptors built here by hand, not from the .proto text the
decoder reads, so a mismatch between the two shows), json for JSON Schema;
the registry's wire format (magic byte 0, 4-byte big-endian schema id,
Protobuf's zigzag-varint message indexes) framed here.

Usage: schema_test_data.py OUTDIR. Writes NAME.bin payloads, and the schema
texts a registry would hand out (payment.avsc, order.proto, money.proto), and
the .proto files as a local tree (proto/shop/...)."""

import datetime
import io
import json
import os
import struct
import sys

import fastavro
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

out = sys.argv[1]


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def header(schema_id):
    return b"\x00" + struct.pack(">I", schema_id)


def zigzag_varint(n):
    n = (n << 1) ^ (n >> 63)
    data = b""
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            data += bytes([byte | 0x80])
        else:
            return data + bytes([byte])


# Avro: a nested record, unions (a string branch and null), bytes, a
# timestamp-millis logical type, an enum and an array.
PAYMENT = {
    "type": "record", "name": "Payment", "namespace": "shop",
    "fields": [
        {"name": "id", "type": "string"},
        {"name": "amount", "type": "double"},
        {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
            {"name": "name", "type": "string"}, {"name": "vip", "type": "boolean"}]}},
        {"name": "coupon", "type": ["null", "string"], "default": None},
        {"name": "note", "type": ["null", "string"], "default": None},
        {"name": "raw", "type": "bytes"},
        {"name": "paid_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
    ],
}
write("payment.avsc", json.dumps(PAYMENT).encode())
record = {
    "id": "p-1", "amount": 12.5, "customer": {"name": 'Zoë "Z"', "vip": True},
    "coupon": "SAVE10", "note": None, "raw": b'\x00\xff"\\A',
    "paid_at": datetime.datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=datetime.timezone.utc),
    "status": "PAID", "tags": ["a", "b"],
}
body = io.BytesIO()
fastavro.schemaless_writer(body, fastavro.parse_schema(PAYMENT), record)
avro = body.getvalue()
write("avro.bin", header(7) + avro)
write("avro-bare.bin", avro)
write("avro-truncated.bin", header(7) + avro[: len(avro) // 2])

# Protobuf: a message with a nested type and a field whose type is imported
# from another file (a registry reference).
MONEY_PROTO = """syntax = "proto3";
package shop.common;

message Money {
  string currency = 1;
  int64 units = 2;
  int32 nanos = 3;
}
"""
ORDER_PROTO = """syntax = "proto3";
package shop;

import "shop/common/money.proto";

message Order {
  message Line {
    string sku = 1;
    int32 quantity = 2;
    shop.common.Money price = 3;
  }
  string id = 1;
  repeated Line lines = 2;
  shop.common.Money total = 3;
  bytes note = 4;
}
"""
write("money.proto", MONEY_PROTO.encode())
write("order.proto", ORDER_PROTO.encode())
# The same as a tree of local files, imports by their path from its root.
os.makedirs(os.path.join(out, "proto", "shop", "common"), exist_ok=True)
write("proto/shop/common/money.proto", MONEY_PROTO.encode())
write("proto/shop/order.proto", ORDER_PROTO.encode())

F = descriptor_pb2.FieldDescriptorProto
pool = descriptor_pool.DescriptorPool()
money = descriptor_pb2.FileDescriptorProto(name="shop/common/money.proto", package="shop.common", syntax="proto3")
m = money.message_type.add(name="Money")
m.field.add(name="currency", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
m.field.add(name="units", number=2, type=F.TYPE_INT64, label=F.LABEL_OPTIONAL)
m.field.add(name="nanos", number=3, type=F.TYPE_INT32, label=F.LABEL_OPTIONAL)
pool.Add(money)
order = descriptor_pb2.FileDescriptorProto(name="shop/order.proto", package="shop", syntax="proto3",
                                           dependency=["shop/common/money.proto"])
o = order.message_type.add(name="Order")
line = o.nested_type.add(name="Line")
line.field.add(name="sku", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
line.field.add(name="quantity", number=2, type=F.TYPE_INT32, label=F.LABEL_OPTIONAL)
line.field.add(name="price", number=3, type=F.TYPE_MESSAGE, label=F.LABEL_OPTIONAL, type_name=".shop.common.Money")
o.field.add(name="id", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
o.field.add(name="lines", number=2, type=F.TYPE_MESSAGE, label=F.LABEL_REPEATED, type_name=".shop.Order.Line")
o.field.add(name="total", number=3, type=F.TYPE_MESSAGE, label=F.LABEL_OPTIONAL, type_name=".shop.common.Money")
o.field.add(name="note", number=4, type=F.TYPE_BYTES, label=F.LABEL_OPTIONAL)
pool.Add(order)
Order = message_factory.GetMessageClass(pool.FindMessageTypeByName("shop.Order"))
Line = message_factory.GetMessageClass(pool.FindMessageTypeByName("shop.Order.Line"))

message = Order(id="o-1", note=b"\x00\xff")
message.lines.add(sku="A-1", quantity=2, price={"currency": "EUR", "units": 12, "nanos": 500000000})
message.total.currency = "EUR"
message.total.units = 25
# The first message type: the indexes are the single byte 0.
write("proto-order.bin", header(9) + b"\x00" + message.SerializeToString())
# Order.Line, the first nested type of the first message: indexes [0, 0].
nested = Line(sku="B-2", quantity=-3)
write("proto-line.bin", header(9) + zigzag_varint(2) + zigzag_varint(0) + zigzag_varint(0) + nested.SerializeToString())

# JSON Schema: the JSON itself after the header, keys unsorted, 1.50 as written.
write("json.bin", header(11) + b'{"b":1.50,"a":[true,null]}')
