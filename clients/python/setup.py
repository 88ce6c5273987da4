"""Builds plenary_client with its generated modules.

The messages and gRPC stubs of proto/plenary/v1 are generated at build time
into plenary_client/v1 by protoc and grpc_python_plugin (Debian's
protobuf-compiler and protobuf-compiler-grpc, which match python3-protobuf
and python3-grpcio). protoc names the modules after the .proto paths
(`from plenary.v1 import entry_pb2`); the imports are moved under
plenary_client.v1 so that the package adds no top-level `plenary` module.

The .proto files are found in $PLENARY_PROTO_ROOT, else ../../proto (a
checkout of the repository). $PLENARY_PROTOC and $PLENARY_GRPC_PYTHON_PLUGIN
override the tools' paths.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
IMPORT = re.compile(r"^(\s*)(from|import) plenary\.v1\b", re.MULTILINE)
# The module name protoc gives the messages' classes (their __module__).
MODULE_NAME = re.compile(r"'plenary\.v1\.(\w+_pb2)'")


def proto_root() -> Path:
    root = Path(os.environ.get("PLENARY_PROTO_ROOT") or HERE.parent.parent / "proto")
    if not (root / "plenary" / "v1").is_dir():
        raise SystemExit(f"plenary_client: no plenary/v1/*.proto under {root}: build from a "
                         "checkout of the repository or set PLENARY_PROTO_ROOT")
    return root


def tool(variable: str, name: str) -> str:
    path = os.environ.get(variable) or shutil.which(name)
    if not path or not os.access(path, os.X_OK):
        raise SystemExit(f"plenary_client: {name} is missing (apt-get install "
                         "protobuf-compiler protobuf-compiler-grpc, or set {variable})")
    return path


def generate(out: Path) -> None:
    """Writes plenary_client/v1's modules, stubs and .pyi files into out."""
    root = proto_root()
    protos = sorted(str(p.relative_to(root)) for p in (root / "plenary" / "v1").glob("*.proto"))
    with tempfile.TemporaryDirectory() as raw:
        subprocess.run(
            [tool("PLENARY_PROTOC", "protoc"), f"-I{root}",
             f"--python_out={raw}", f"--pyi_out={raw}", f"--grpc_python_out={raw}",
             "--plugin=protoc-gen-grpc_python="
             + tool("PLENARY_GRPC_PYTHON_PLUGIN", "grpc_python_plugin"), *protos],
            check=True)
        shutil.rmtree(out, ignore_errors=True)  # no module of a removed .proto stays behind
        out.mkdir(parents=True)
        for module in sorted((Path(raw) / "plenary" / "v1").iterdir()):
            text = IMPORT.sub(r"\1\2 plenary_client.v1", module.read_text())
            text = MODULE_NAME.sub(r"'plenary_client.v1.\1'", text)
            (out / module.name).write_text(text)
    (out / "__init__.py").write_text(
        '"""Messages and gRPC stubs of plenary.v1, generated from the .proto files."""\n')


class BuildPyWithStubs(build_py):
    """build_py that also generates plenary_client.v1 into the build tree
    (install and bdist_wheel take the whole tree)."""

    def run(self) -> None:
        super().run()
        generate(Path(self.build_lib) / "plenary_client" / "v1")


setup(cmdclass={"build_py": BuildPyWithStubs})
