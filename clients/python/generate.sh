#!/usr/bin/env bash
# Generates the Python messages and gRPC stubs of proto/plenary/v1 into a
# build directory (never committed: the .proto files are the source).
# Uses Debian's protoc and grpc_python_plugin, which match python3-grpcio
# and python3-protobuf.
#
#   clients/python/generate.sh [OUT]    OUT defaults to clients/python/build/generated
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
proto_root=$(cd "$here/../../proto" && pwd)
out=${1:-$here/build/generated}

rm -rf "$out"
mkdir -p "$out"
protoc -I "$proto_root" \
  --python_out="$out" --pyi_out="$out" --grpc_python_out="$out" \
  --plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin \
  "$proto_root"/plenary/v1/*.proto
echo "$out"
