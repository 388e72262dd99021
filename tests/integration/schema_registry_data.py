"""Registers schemas with a real Schema Registry through its REST API and
encodes payloads for them with libraries independent of Kafka Desk's
decoders: fastavro for Avro, Google's Python protobuf (descriptors built
here by hand, not from the .proto text) for Protobuf, json for JSON Schema;
the wire format (magic byte 0, the id the registry gave, big-endian; for
Protobuf the zigzag-varint message indexes) framed here.

Usage: schema_registry_data.py URL USER PASSWORD PREFIX OUTDIR
Subjects are named PREFIX-...: each run registers its own. Writes NAME.bin
payloads and ids.json ({"avro": id, "order": id, "json": id}).
Then: schema_registry_data.py --decode-avro|--decode-protobuf|--decode-json
URL USER PASSWORD FILE... decodes payloads written by someone else, fetching
the schema by the id in each, and prints one JSON line per file;
--decode-avro-bare SCHEMA.avsc FILE... and --decode-protobuf-bare TYPE FILE...
decode bare payloads (no registry); --write-schemas OUTDIR writes the same
schemas as local files."""

import base64
import io
import json
import os
import struct
import sys
import urllib.parse
import urllib.request

import fastavro
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory


def request(url, user, password, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, method="GET" if body is None else "POST")
    req.add_header("Content-Type", "application/vnd.schemaregistry.v1+json")
    req.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
    with urllib.request.urlopen(req, timeout=20) as response:
        return json.loads(response.read())


def register(url, user, password, subject, schema, schema_type=None, references=None):
    body = {"schema": schema}
    if schema_type:
        body["schemaType"] = schema_type
    if references:
        body["references"] = references
    return request(url, user, password, f"/subjects/{urllib.parse.quote(subject, safe='')}/versions", body)["id"]


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


def read_varint(data, pos):
    shift = result = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return (result >> 1) ^ -(result & 1), pos


PAYMENT = {
    "type": "record", "name": "Payment", "namespace": "shop",
    "fields": [
        {"name": "id", "type": "string"},
        {"name": "amount", "type": "double"},
        {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
            {"name": "name", "type": "string"}, {"name": "vip", "type": "boolean"}]}},
        {"name": "coupon", "type": ["null", "string"], "default": None},
        {"name": "raw", "type": "bytes"},
        {"name": "count", "type": "long"},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
    ],
}

MONEY_PROTO = """syntax = "proto3";
package shop.common;

message Money {
  string currency = 1;
  int64 units = 2;
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
}
"""

PRODUCT_SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}, "price": {"type": "number"}},
                  "required": ["name"]}


def protobuf_classes():
    F = descriptor_pb2.FieldDescriptorProto
    pool = descriptor_pool.DescriptorPool()
    money = descriptor_pb2.FileDescriptorProto(name="shop/common/money.proto", package="shop.common", syntax="proto3")
    m = money.message_type.add(name="Money")
    m.field.add(name="currency", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    m.field.add(name="units", number=2, type=F.TYPE_INT64, label=F.LABEL_OPTIONAL)
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
    pool.Add(order)
    return (message_factory.GetMessageClass(pool.FindMessageTypeByName("shop.Order")),
            message_factory.GetMessageClass(pool.FindMessageTypeByName("shop.Order.Line")))


def make(url, user, password, prefix, out):
    def write(name, data):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)

    ids = {}
    ids["avro"] = register(url, user, password, f"{prefix}-payment-value", json.dumps(PAYMENT))
    money_subject = f"{prefix}-money"
    register(url, user, password, money_subject, MONEY_PROTO, "PROTOBUF")
    ids["order"] = register(url, user, password, f"{prefix}-order-value", ORDER_PROTO, "PROTOBUF",
                            [{"name": "shop/common/money.proto", "subject": money_subject, "version": 1}])
    ids["json"] = register(url, user, password, f"{prefix}-product-value", json.dumps(PRODUCT_SCHEMA), "JSON")

    record = {"id": "p-1", "amount": 12.5, "customer": {"name": 'Zoë "Z"', "vip": True}, "coupon": "SAVE10",
              "raw": b'\x00\xff"\\A', "count": 12345678901234567, "status": "PAID", "tags": ["a", "b"]}
    body = io.BytesIO()
    fastavro.schemaless_writer(body, fastavro.parse_schema(PAYMENT), record)
    write("avro.bin", header(ids["avro"]) + body.getvalue())
    # An id the registry never gave.
    write("unknown-id.bin", header(ids["json"] + 1000) + body.getvalue())

    Order, Line = protobuf_classes()
    message = Order(id="o-1")
    message.lines.add(sku="A-1", quantity=2, price={"currency": "EUR", "units": 12})
    message.total.currency = "EUR"
    message.total.units = 25
    write("proto-order.bin", header(ids["order"]) + b"\x00" + message.SerializeToString())
    nested = Line(sku="B-2", quantity=-3)
    write("proto-line.bin", header(ids["order"]) + zigzag_varint(2) + zigzag_varint(0) + zigzag_varint(0)
          + nested.SerializeToString())

    write("json.bin", header(ids["json"]) + b'{"price":1.50,"name":"lamp"}')
    write("ids.json", json.dumps(ids).encode())


def decode(kind, url, user, password, files):
    Order, Line = protobuf_classes()
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        assert data[0] == 0, "no magic byte"
        schema_id = struct.unpack(">I", data[1:5])[0]
        schema = request(url, user, password, f"/schemas/ids/{schema_id}")
        if kind == "--decode-avro":
            reader = io.BytesIO(data[5:])
            value = fastavro.schemaless_reader(reader, fastavro.parse_schema(json.loads(schema["schema"])))
            assert reader.read() == b"", "bytes left over"
            print(json.dumps({"id": schema_id, "value": value}, default=lambda b: list(b)))
        elif kind == "--decode-protobuf":
            count, pos = read_varint(data, 5)
            indexes = []
            for _ in range(count):
                index, pos = read_varint(data, pos)
                indexes.append(index)
            cls = Line if indexes == [0, 0] else Order
            message = cls()
            message.ParseFromString(data[pos:])
            print(json.dumps({"id": schema_id, "indexes": indexes,
                              "value": json_format.MessageToDict(message, preserving_proto_field_name=True)}))
        else:
            print(json.dumps({"id": schema_id, "text": data[5:].decode()}))


def decode_bare(kind, schema, files):
    """Bare payloads, without the wire format: Avro with the .avsc `schema`,
    Protobuf as the message type named `schema` (shop.Order, shop.Order.Line)."""
    Order, Line = protobuf_classes()
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        if kind == "--decode-avro-bare":
            with open(schema) as f:
                parsed = fastavro.parse_schema(json.load(f))
            reader = io.BytesIO(data)
            value = fastavro.schemaless_reader(reader, parsed)
            assert reader.read() == b"", "bytes left over"
            print(json.dumps(value, default=lambda b: list(b)))
        else:
            message = {"shop.Order": Order, "shop.Order.Line": Line}[schema]()
            message.ParseFromString(data)
            print(json.dumps(json_format.MessageToDict(message, preserving_proto_field_name=True)))


if __name__ == "__main__":
    if sys.argv[1].endswith("-bare"):
        decode_bare(sys.argv[1], sys.argv[2], sys.argv[3:])
    elif sys.argv[1] == "--write-schemas":
        # The schemas as local files: payment.avsc, and shop/order.proto with
        # the shop/common/money.proto it imports, under OUTDIR.
        out = sys.argv[2]
        os.makedirs(os.path.join(out, "proto", "shop", "common"), exist_ok=True)
        with open(os.path.join(out, "payment.avsc"), "w") as f:
            json.dump(PAYMENT, f)
        with open(os.path.join(out, "proto", "shop", "common", "money.proto"), "w") as f:
            f.write(MONEY_PROTO)
        with open(os.path.join(out, "proto", "shop", "order.proto"), "w") as f:
            f.write(ORDER_PROTO)
    elif sys.argv[1].startswith("--decode"):
        decode(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    else:
        make(*sys.argv[1:6])
