#!/usr/bin/env bash
# The `bash -c '...' _ ARGS` checks expand their arguments inside on purpose.
# shellcheck disable=SC2016
# Checks deploy/docker and deploy/k8s as far as possible without a cluster or
# a container engine:
#   (a) every YAML file under deploy/ parses and passes yamllint
#       (deploy/.yamllint), kustomization.yaml lists the manifests, and each
#       component under deploy/k8s/components uses every file beside it;
#   (b) every --flag passed to plenary-registry / plenary-ingest (Kubernetes
#       containers, compose services, Dockerfile CMDs) exists in that
#       binary's --helpfull output, and each drain outlasts the server's;
#   (c) the Dockerfile's runtime packages exist in apt and provide every
#       shared library the binaries load, and its build stage installs every
#       package the build needs (deploy/local/apt-packages.txt minus the
#       test-only ones named below);
#   (d) every command the images and manifests run is a binary the
#       Dockerfile builds and copies from where CMake puts it.
# Prints one "ok:" or "FAILED:" line per check, then
# "deploy: N passed, M failed"; exits 1 on any failure.
#
# Usage: deploy_manifests_test.sh PLENARY_REGISTRY PLENARY_INGEST
# Needs yamllint (Debian package yamllint, which brings python3-yaml) and
# apt's package lists (apt-get update); installs nothing itself.
set -uo pipefail  # no -e: a failing check is counted, not fatal

if [ $# -ne 2 ]; then
  echo "usage: $0 PLENARY_REGISTRY PLENARY_INGEST" >&2
  exit 2
fi
registry_bin=$1 ingest_bin=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
deploy=$root/deploy
dockerfile=$deploy/docker/Dockerfile

# Packages in apt-packages.txt that building the three shipped binaries does
# not need, each with its reason. Everything else there must be installed by
# the Dockerfile's build stage.
declare -A not_for_build=(
  [ccache]="optional compiler cache; of no use in a one-shot image build"
  [clang]="fuzz builds only (PLENARY_FUZZ)"
  [libclang-rt-14-dev]="libFuzzer and sanitizer runtimes for fuzz builds"
  [python3-grpcio]="Python client tests"
  [python3-protobuf]="Python client tests"
  [postgresql-15]="the test and local database server"
  [postgresql-contrib]="the test and local database server's extensions"
  [yamllint]="this test"
  [prometheus]="promtool, for the metrics, rules and dashboard tests"
  [python3-venv]="the Python client's package tests"
  [python3-setuptools]="the Python client's package tests"
  [python3-mypy]="the Python client's type checks"
  [golang-go]="the Go client and its tests"
  [golang-google-grpc-dev]="the Go client and its tests"
  [golang-google-protobuf-dev]="the Go client and its tests"
  [golang-github-golang-protobuf-1-5-dev]="the Go client and its tests"
  [protoc-gen-go]="the Go client's generated code"
  [protoc-gen-go-grpc]="the Go client's generated code"
  [openssl]="makes certificates for the TLS tests"
  [poppler-utils]="pdftotext, the floor the PDF benchmark is measured against"
)

source "$(dirname "$0")/checks.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The Python that yamllint runs on has PyYAML; prefer it over whatever
# python3 comes first on PATH (a pyenv or venv may lack it).
python=""
for candidate in /usr/bin/python3 python3; do
  if "$candidate" -c 'import yaml' 2>/dev/null; then python=$candidate; break; fi
done

# --- what the deploy files say, as tab-separated records -------------------
# cmd    SOURCE BINARY          a binary a container/service/image runs
# flag   SOURCE BINARY FLAG     a --flag passed to it (name only)
# apt    STAGE PACKAGE          apt-get install in a Dockerfile stage
# target NAME                   cmake --build --target in the Dockerfile
# drain  SOURCE OK|BAD DETAIL   stop grace vs --shutdown-grace-seconds
cat >"$work/extract.py" <<'PY'
import json, os, re, shlex, sys
import yaml

deploy, dockerfile, default_grace = sys.argv[1], sys.argv[2], float(sys.argv[3])
rel = lambda path: os.path.relpath(path, os.path.dirname(deploy))

def emit(*fields):
    print("\t".join(str(f) for f in fields))

def invocation(source, argv):
    if not argv:
        return
    binary = os.path.basename(argv[0])
    emit("cmd", source, binary)
    for arg in argv[1:]:
        if arg.startswith("--") and len(arg) > 2:
            emit("flag", source, binary, arg[2:].split("=", 1)[0])

def grace_flag(argv):
    for arg in argv:
        m = re.match(r"--shutdown[-_]grace[-_]seconds=(\d+(?:\.\d+)?)$", arg)
        if m:
            return float(m.group(1))
    return default_grace

def duration(text):  # compose durations: 20s, 1m30s, 1h
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 1e-6}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|us|h|m|s)", str(text))
    return sum(float(n) * units[u] for n, u in parts)

def pod_specs(doc):
    kind, spec = doc.get("kind"), doc.get("spec") or {}
    if kind == "Pod":
        yield spec
    elif kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"):
        yield (spec.get("template") or {}).get("spec") or {}
    elif kind == "CronJob":
        yield (((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {}).get("spec") or {}

def kubernetes(path, doc):
    for pod in pod_specs(doc):
        period = float(pod.get("terminationGracePeriodSeconds", 30))
        for c in (pod.get("initContainers") or []) + (pod.get("containers") or []):
            source = "%s %s/%s" % (rel(path), doc["metadata"]["name"], c.get("name"))
            argv = list(c.get("command") or []) + list(c.get("args") or [])
            if not c.get("command"):
                emit("cmd", source, "(image CMD)")  # runs the image's CMD: covered by the Dockerfile
                continue
            invocation(source, argv)
            if os.path.basename(argv[0]) not in ("plenary-registry", "plenary-ingest"):
                continue
            exec_cmd = (((c.get("lifecycle") or {}).get("preStop") or {}).get("exec") or {}).get("command") or []
            pre_stop = float(exec_cmd[1]) if len(exec_cmd) == 2 and exec_cmd[0] == "sleep" else 0.0
            need = grace_flag(argv) + pre_stop
            emit("drain", source, "OK" if period > need else "BAD",
                 "terminationGracePeriodSeconds %g vs preStop %g + shutdown grace %g" %
                 (period, pre_stop, need - pre_stop))

def compose(path, doc):
    for name, service in (doc.get("services") or {}).items():
        source = "%s service %s" % (rel(path), name)
        command = service.get("command")
        if command is None:
            continue
        argv = shlex.split(command) if isinstance(command, str) else list(command)
        entry = service.get("entrypoint")
        if entry:
            argv = (shlex.split(entry) if isinstance(entry, str) else list(entry)) + argv
        invocation(source, argv)
        if argv and os.path.basename(argv[0]) in ("plenary-registry", "plenary-ingest"):
            period = duration(service.get("stop_grace_period", "10s"))
            need = grace_flag(argv)
            emit("drain", source, "OK" if period > need else "BAD",
                 "stop_grace_period %gs vs shutdown grace %g" % (period, need))

for directory, _, files in sorted(os.walk(deploy)):
    for f in sorted(files):
        if not f.endswith((".yaml", ".yml")):
            continue
        path = os.path.join(directory, f)
        try:
            with open(path) as stream:
                docs = [d for d in yaml.safe_load_all(stream) if isinstance(d, dict)]
        except yaml.YAMLError:
            continue  # already reported by the parse check; read the others
        for doc in docs:
            if "services" in doc and "apiVersion" not in doc:
                compose(path, doc)
            elif "kind" in doc:
                kubernetes(path, doc)

# The Dockerfile: instructions with continuations joined, comments dropped.
lines, current = [], ""
with open(dockerfile) as stream:
    for raw in stream:
        stripped = raw.strip()
        if stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        if current.strip():
            lines.append(current.strip())
        current = ""
stage = None
for line in lines:
    instruction, _, rest = line.partition(" ")
    instruction = instruction.upper()
    if instruction == "FROM":
        words = rest.split()
        stage = words[2] if len(words) >= 3 and words[1].lower() == "as" else words[0]
    elif instruction == "RUN":
        for command in re.split(r"&&|;|\|\|", rest):
            words = command.split()
            if "apt-get" in words and "install" in words:
                for word in words[words.index("install") + 1:]:
                    if not word.startswith("-"):
                        emit("apt", stage, word)
            if words[:2] == ["cmake", "--build"] and "--target" in words:
                for word in words[words.index("--target") + 1:]:
                    if word.startswith("-"):
                        break
                    emit("target", word)
    elif instruction in ("CMD", "ENTRYPOINT"):
        argv = json.loads(rest) if rest.startswith("[") else shlex.split(rest)
        invocation("%s stage %s %s" % (rel(dockerfile), stage, instruction), argv)
PY

# Flag names a binary accepts, one per line, from its --helpfull output
# (Abseil lists them with underscores; --helpfull exits 1 by design).
flag_names() {
  "$1" --helpfull 2>&1 | sed -n 's/^ *--\([A-Za-z0-9_]*\) (.*/\1/p' | sort -u
}

# --- (a) YAML ---------------------------------------------------------------
mapfile -t yaml_files < <(find "$deploy" -type f \( -name '*.yaml' -o -name '*.yml' \) | sort)
if [ -z "$python" ]; then
  fail "a python3 with PyYAML (comes with the yamllint package)"
fi
if ! command -v yamllint >/dev/null; then
  fail "yamllint is installed (Debian package yamllint)"
fi
for file in "${yaml_files[@]}"; do
  name=${file#"$root"/}
  if [ -n "$python" ]; then
    check "$name parses as YAML" "$python" -c '
import sys, yaml
try:
    list(yaml.safe_load_all(open(sys.argv[1])))
except yaml.YAMLError as error:
    print("  " + " ".join(str(error).split()))
    sys.exit(1)' "$file"
  fi
  if command -v yamllint >/dev/null; then
    check "$name passes yamllint" yamllint --strict -c "$deploy/.yamllint" "$file"
  fi
done

# kustomization.yaml lists every manifest beside it (templates named
# *.example.yaml are applied by hand) and nothing that is not there.
kustomization_complete() {
  "$python" - "$deploy/k8s" <<'PY'
import os, sys, yaml
k8s = sys.argv[1]
listed = set(yaml.safe_load(open(os.path.join(k8s, "kustomization.yaml")))["resources"])
present = {f for f in os.listdir(k8s) if f.endswith((".yaml", ".yml"))
           and f != "kustomization.yaml" and not f.endswith(".example.yaml")}
for f in sorted(listed - present): print("  listed but missing: " + f)
for f in sorted(present - listed): print("  not listed: " + f)
sys.exit(1 if listed != present else 0)
PY
}
[ -n "$python" ] && check "deploy/k8s/kustomization.yaml lists every manifest" kustomization_complete

# Each optional component (deploy/k8s/components/NAME) is a kustomize
# Component whose resources and generated ConfigMaps use every file beside
# it, and nothing that is not there.
component_complete() {
  "$python" - "$1" <<'PY'
import os, sys, yaml
component = sys.argv[1]
k = yaml.safe_load(open(os.path.join(component, "kustomization.yaml")))
if k.get("kind") != "Component":
    print("  kind is %r, not Component" % k.get("kind"))
    sys.exit(1)
listed = set(k.get("resources") or [])
for generator in k.get("configMapGenerator") or []:
    listed |= {f.split("=", 1)[-1] for f in generator.get("files") or []}
present = {f for f in os.listdir(component) if f != "kustomization.yaml"}
for f in sorted(listed - present): print("  listed but missing: " + f)
for f in sorted(present - listed): print("  not used: " + f)
sys.exit(1 if listed != present else 0)
PY
}
for component in "$deploy"/k8s/components/*/; do
  [ -n "$python" ] && [ -f "$component/kustomization.yaml" ] &&
    check "${component#"$root"/}kustomization.yaml is a Component using every file beside it" \
      component_complete "$component"
done
if command -v kubectl >/dev/null; then
  check "kubectl kustomize deploy/k8s renders" \
    bash -c 'kubectl kustomize "$1" >/dev/null' _ "$deploy/k8s"
  # Each component, as an overlay that adds it would (kustomize wants
  # relative paths).
  for component in "$deploy"/k8s/components/*/; do
    name=$(basename "$component")
    mkdir -p "$work/overlay-$name"
    base=$(realpath --relative-to="$work/overlay-$name" "$deploy/k8s")
    printf 'resources:\n  - %s\ncomponents:\n  - %s/components/%s\n' "$base" "$base" "$name" \
      >"$work/overlay-$name/kustomization.yaml"
    check "kubectl kustomize renders deploy/k8s with components/$name" \
      bash -c 'kubectl kustomize "$1" >"$1/rendered.yaml"' _ "$work/overlay-$name"
  done
  if [ -f "$work/overlay-monitoring/rendered.yaml" ]; then
    check "the monitoring component turns on CloudNativePG's PodMonitor" \
      grep -q 'enablePodMonitor: true' "$work/overlay-monitoring/rendered.yaml"
  fi
fi

# --- records for (b), (c), (d) -----------------------------------------------
default_grace=$("$registry_bin" --helpfull 2>&1 |
  tr '\n' ' ' | sed -n 's/.*--shutdown_grace_seconds ([^)]*); *default: \([0-9.]*\);.*/\1/p')
records=$work/records
if [ -z "$python" ] ||
   ! "$python" "$work/extract.py" "$deploy" "$dockerfile" "${default_grace:-10}" >"$records" 2>"$work/extract.err"; then
  fail "read the deploy files ($(tail -1 "$work/extract.err" 2>/dev/null))"
  summary deploy
  exit 1
fi

# --- (b) flags ----------------------------------------------------------------
for pair in "plenary-registry:$registry_bin" "plenary-ingest:$ingest_bin"; do
  binary=${pair%%:*} path=${pair#*:}
  flag_names "$path" >"$work/$binary.flags"
  if ! grep -qx database "$work/$binary.flags"; then
    fail "$path --helpfull lists the service flags (is it $binary?)"
    continue
  fi
  used=$(awk -F'\t' -v b="$binary" '$1 == "flag" && $3 == b' "$records")
  check "the deploy files pass flags to $binary" test -n "$used"
  while IFS=$'\t' read -r _ source _ flag; do
    [ -n "$flag" ] || continue
    check "$binary --$flag ($source) exists" grep -qx "${flag//-/_}" "$work/$binary.flags"
  done <<<"$used"
done

while IFS=$'\t' read -r _ source verdict detail; do
  check "$source drains before it is killed: $detail" test "$verdict" = OK
done < <(awk -F'\t' '$1 == "drain"' "$records")

# --- (c) packages ---------------------------------------------------------------
mapfile -t runtime_packages < <(awk -F'\t' '$1 == "apt" && $2 == "runtime" {print $3}' "$records")
mapfile -t build_packages < <(awk -F'\t' '$1 == "apt" && $2 == "build" {print $3}' "$records")
check "the Dockerfile has a runtime stage that installs packages" test "${#runtime_packages[@]}" -gt 0
check "the Dockerfile has a build stage that installs packages" test "${#build_packages[@]}" -gt 0
for package in "${runtime_packages[@]}"; do
  check "runtime package $package exists in apt" \
    bash -c 'apt-cache show "$1" >/dev/null 2>&1' _ "$package"
done
build_packages_in_apt() {
  local package missing=()
  for package in "${build_packages[@]}"; do
    apt-cache show "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] || { echo "  not in apt: ${missing[*]}"; return 1; }
}
check "build-stage packages exist in apt" build_packages_in_apt

build_stage_complete() {
  local package missing=() stale=()
  while read -r package; do
    if [ -n "${not_for_build[$package]+set}" ]; then continue; fi
    printf '%s\n' "${build_packages[@]}" | grep -qx "$package" || missing+=("$package")
  done < <(grep -v '^ *#' "$root/deploy/local/apt-packages.txt" | awk 'NF {print $1}')
  # An exclusion for a package the list no longer has is stale: drop it.
  for package in "${!not_for_build[@]}"; do
    grep -qx "$package" "$root/deploy/local/apt-packages.txt" || stale+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] || echo "  build stage lacks: ${missing[*]}"
  [ ${#stale[@]} -eq 0 ] || echo "  excluded here but not in apt-packages.txt: ${stale[*]}"
  [ ${#missing[@]} -eq 0 ] && [ ${#stale[@]} -eq 0 ]
}
check "the build stage installs every build package of deploy/local/apt-packages.txt" \
  build_stage_complete

# The runtime packages and their dependencies must hold every shared library
# the binaries load here (they are built on Debian 12, like the image).
# dpkg records some libraries under /lib, which usrmerge links to /usr/lib.
owning_package() {
  local lib=$1 candidate
  for candidate in "$lib" "$(readlink -f "$lib")"; do
    for path in "$candidate" "${candidate#/usr}" "/usr$candidate"; do
      dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1 && return 0
    done
  done
  return 1
}
runtime_has_libraries() {
  local closure=$work/closure binary lib package missing=()
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances "${runtime_packages[@]}" 2>/dev/null |
    grep -v '^ ' | sed 's/:.*//' | sort -u >"$closure"
  for binary in "$registry_bin" "$ingest_bin"; do
    if ldd "$binary" | grep -q 'not found'; then
      echo "  $binary: $(ldd "$binary" | grep 'not found' | tr -s ' \n' ' ')"
      return 1
    fi
    while read -r lib; do
      package=$(owning_package "$lib") || { missing+=("$lib(no package)"); continue; }
      grep -qx "$package" "$closure" || missing+=("$package($(basename "$lib"))")
    done < <(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// {print $3}')
  done
  [ ${#missing[@]} -eq 0 ] || { echo "  not provided: $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"; return 1; }
}
check "the runtime packages provide every shared library of plenary-registry and plenary-ingest" \
  runtime_has_libraries

# --- (d) commands ---------------------------------------------------------------
mapfile -t targets < <(awk -F'\t' '$1 == "target" {print $2}' "$records")
check "the Dockerfile builds plenary-registry and plenary-ingest" \
  bash -c 'printf "%s\n" "${@:1}" | grep -qx plenary-registry && printf "%s\n" "${@:1}" | grep -qx plenary-ingest' \
  _ "${targets[@]}"
for target in "${targets[@]}"; do
  # Where CMake puts the binary: the build tree mirrors the directory of the
  # CMakeLists.txt that declares it.
  cmakelists=$(grep -rlE --include=CMakeLists.txt "add_executable\\(${target}[ )]" "$root" \
    --exclude-dir='build*' --exclude-dir=node_modules | head -1)
  if [ -z "$cmakelists" ]; then
    fail "built target $target is an add_executable of the project"
    continue
  fi
  where=$(dirname "${cmakelists#"$root"/}")
  check "the Dockerfile copies $target from the build tree (/build/$where/$target)" \
    grep -q "/build/$where/$target\\b" "$dockerfile"
done
while IFS=$'\t' read -r _ source binary; do
  if [ "$binary" = "(image CMD)" ]; then
    check "$source runs its image's CMD" true
  else
    check "$source runs $binary, which the image builds" \
      bash -c 'printf "%s\n" "${@:2}" | grep -qx "$1"' _ "$binary" "${targets[@]}"
  fi
done < <(awk -F'\t' '$1 == "cmd"' "$records")

summary deploy
