#!/usr/bin/env bash
# Alliance developer quick start.
#
#   ./build-aux/dev.sh run [ARGS...]   install what is missing, build _build, launch the app
#   ./build-aux/dev.sh test            the same set-up, then every test suite; the last
#                                      line of output is "N passed, N failed"
#                                      (unit tests also run under ASan+UBSan and valgrind)
#   ./build-aux/dev.sh bench [ARGS...] the same set-up, then the benchmark under a
#                                      private Xvfb + D-Bus session
#
# Works from any directory. Installs Debian/Ubuntu packages with apt-get (through
# sudo when not root) only when some are missing. Never asks questions (CI=true safe).

set -euo pipefail

# Every Debian package needed to build, test and benchmark Alliance.
PACKAGES="meson ninja-build pkg-config gcc libc6-dev libglib2.0-dev libglib2.0-dev-bin \
libglib2.0-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev libsqlite3-dev libjson-glib-dev libcairo2-dev \
libpango1.0-dev gettext desktop-file-utils appstream libxml2-utils xvfb xauth dbus \
dbus-x11 python3 poppler-utils adwaita-icon-theme hicolor-icon-theme librsvg2-common \
shared-mime-info fonts-dejavu-core valgrind libsodium-dev python3-jsonschema clang libclang-rt-14-dev"

BUILD_DIR=_build
SANITIZE_DIR=_build-sanitize
FUZZ_DIR=_build-fuzz

repo_root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd -- "$repo_root"

ci=${CI:-}

tmp_dir=""
xvfb_pid=""
xvfb_display=""

passed=0
failed=0
skipped=0
failures=()

say () {
  printf '==> %s\n' "$*"
}

cleanup () {
  stop_xvfb
  if [[ -n "$tmp_dir" ]]; then
    rm -rf -- "$tmp_dir"
  fi
}

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

usage () {
  cat <<'EOF'
Usage: build-aux/dev.sh COMMAND [ARGS...]

  run [ARGS...]    build _build and launch _build/src/alliance ARGS
  test             build, run every test suite (unit, data, ui, any other, the
                   unit suite under ASan/UBSan, and the fuzz suite: each libFuzzer
                   target for 20 s); last line: "N passed, N failed"
  bench [ARGS...]  build and run _build/tests/benchmark/alliance-benchmark under Xvfb
EOF
}

# --- Packages ---------------------------------------------------------------

install_packages () {
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    say "No dpkg/apt-get here: not installing packages; install the equivalents of: $PACKAGES"
    return 0
  fi

  local pkg status missing=()
  for pkg in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
      missing+=("$pkg")
    fi
  done

  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi

  local sudo=()
  if [[ $EUID -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      say "Missing packages (${missing[*]}) and no sudo: install them as root"
      return 1
    fi
    sudo=(sudo)
    if [[ -n "$ci" && "$ci" != false ]]; then
      sudo=(sudo -n)
    fi
  fi

  say "Installing missing packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update 2>&1 &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends "${missing[@]}" 2>&1
}

check_meson_version () {
  local version
  version=$(meson --version)
  if [[ "${version%%.*}" -lt 1 ]]; then
    say "meson $version is too old: Alliance needs meson >= 1.0 (e.g. pip install --user 'meson>=1.0')"
    return 1
  fi
}

# --- Configure and build ----------------------------------------------------

# Keeps only the -Dname=value options this project declares, so that the script
# still configures if an option is renamed or removed.
known_options () {
  local opt name
  for opt in "$@"; do
    name=${opt#-D}
    name=${name%%=*}
    if [[ "$name" == b_* ]] || grep -qs -E "option\\(['\"]${name}['\"]" meson_options.txt meson.options; then
      printf '%s\n' "$opt"
    fi
  done
}

# Prints why BUILDDIR must be (re)configured for the -D options given, or nothing.
configure_reason () {
  local builddir=$1
  shift
  python3 - "$builddir" "$(meson --version)" "$@" <<'EOF'
import json, os, sys

builddir, meson_version = sys.argv[1], sys.argv[2]
wanted = dict(arg[2:].split("=", 1) for arg in sys.argv[3:])
info_dir = os.path.join(builddir, "meson-info")

if not os.path.exists(os.path.join(builddir, "build.ninja")):
    print("not configured")
    sys.exit(0)
try:
    with open(os.path.join(info_dir, "meson-info.json")) as f:
        info = json.load(f)
    with open(os.path.join(info_dir, "intro-buildoptions.json")) as f:
        options = {o["name"]: o["value"] for o in json.load(f)}
except (OSError, ValueError, KeyError):
    print("unreadable meson-info")
    sys.exit(0)

configured_with = info.get("meson_version", {}).get("full")
if configured_with != meson_version:
    print(f"configured with meson {configured_with}, now {meson_version}")
    sys.exit(0)

def normalize(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)

for name, value in wanted.items():
    if name not in options:
        continue  # meson setup reports unknown options itself
    if normalize(options[name]) != value:
        print(f"option {name}={normalize(options[name])}, want {value}")
        sys.exit(0)
EOF
}

# configure BUILDDIR [-Dopt=value...]
configure () {
  local builddir=$1
  shift
  local opts=() reason
  mapfile -t opts < <(known_options "$@")
  reason=$(configure_reason "$builddir" "${opts[@]}") || return 1
  if [[ -z "$reason" ]]; then
    return 0
  fi

  if [[ ! -f "$builddir/meson-private/coredata.dat" ]]; then
    say "Configuring $builddir"
    meson setup "$builddir" "${opts[@]}" 2>&1
  else
    say "Reconfiguring $builddir ($reason)"
    if ! meson setup --reconfigure "$builddir" "${opts[@]}" 2>&1; then
      say "Reconfiguring failed; wiping $builddir and configuring again"
      meson setup --wipe "$builddir" "${opts[@]}" 2>&1
    fi
  fi
}

build () {
  say "Building $1"
  meson compile -C "$1" 2>&1
}

# Written as one && chain: "set -e" does not apply inside a function called
# from an "if" condition.
setup_main_build () {
  install_packages &&
    check_meson_version &&
    configure "$BUILD_DIR" -Dui_tests=true -Dbenchmark=true &&
    build "$BUILD_DIR"
}

# --- Private X server -------------------------------------------------------

start_xvfb () {
  local n
  for n in $(seq 99 199); do
    if [[ -e "/tmp/.X${n}-lock" || -e "/tmp/.X11-unix/X${n}" ]]; then
      continue
    fi
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$tmp_dir/xvfb.log" 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 1 100); do
      if [[ -S "/tmp/.X11-unix/X${n}" ]]; then
        xvfb_display=":$n"
        say "Xvfb running on $xvfb_display"
        return 0
      fi
      if ! kill -0 "$xvfb_pid" 2>/dev/null; then
        break
      fi
      sleep 0.1
    done
    stop_xvfb  # lost a race for :$n, or too slow: try the next number
  done
  say "Could not start Xvfb; its last log:"
  cat -- "$tmp_dir/xvfb.log" || true
  return 1
}

stop_xvfb () {
  if [[ -n "$xvfb_pid" ]]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  xvfb_pid=""
  xvfb_display=""
}

# Keeps test and benchmark runs away from the developer's own data, settings
# and session.
isolate_environment () {
  local dir
  for dir in config data cache state runtime home; do
    mkdir -p -- "$tmp_dir/$dir"
  done
  chmod 700 -- "$tmp_dir/runtime"
  export XDG_CONFIG_HOME="$tmp_dir/config"
  export XDG_DATA_HOME="$tmp_dir/data"
  export XDG_CACHE_HOME="$tmp_dir/cache"
  export XDG_STATE_HOME="$tmp_dir/state"
  export XDG_RUNTIME_DIR="$tmp_dir/runtime"
  export GSETTINGS_BACKEND=memory
  export GSETTINGS_SCHEMA_DIR="$repo_root/$BUILD_DIR/data"
  export NO_AT_BRIDGE=1
  export G_SLICE=always-malloc
  unset DBUS_SESSION_BUS_ADDRESS
}

# --- Tests and counting -----------------------------------------------------

count_failure () {
  failed=$((failed + 1))
  failures+=("$1")
}

# Adds the results in BUILDDIR/meson-logs/testlog*.json to the totals (meson
# names the log testlog-WRAPPER.json when a test wrapper such as valgrind is
# used; run_tests removes the old ones first, so the one there is this run's).
count_results () {
  local builddir=$1 label=$2 line
  local p=0 f=0 s=0
  local -a names=()
  {
    read -r p f s || true
    mapfile -t names
  } < <(python3 - "$builddir/meson-logs" <<'EOF'
import glob, json, os, sys

passed = failed = skipped = 0
bad = []
lines = []
for path in glob.glob(os.path.join(sys.argv[1], "testlog*.json")):
    with open(path, encoding="utf-8", errors="replace") as log:
        lines += log.readlines()
for line in lines:
    line = line.strip()
    if not line:
        continue
    try:
        test = json.loads(line)
    except ValueError:
        continue
    result = test.get("result")
    if result in ("OK", "EXPECTEDFAIL"):
        passed += 1
        continue
    if result == "SKIP":
        skipped += 1
    else:
        failed += 1
    bad.append(f"{test.get('name', '?')} ({result})")
print(passed, failed, skipped)
for name in bad:
    print(name)
EOF
)
  if ! [[ "$p$f$s" =~ ^[0-9]+$ ]]; then
    p=0 f=0 s=0
    count_failure "$label: could not read $builddir/meson-logs/testlog.json"
  fi
  say "$label: $p passed, $f failed, $s skipped"
  passed=$((passed + p))
  failed=$((failed + f + s))
  skipped=$((skipped + s))
  for line in "${names[@]}"; do
    failures+=("$label: $line")
  done
}

# run_tests LABEL BUILDDIR COMMAND...   (COMMAND runs meson test on BUILDDIR)
run_tests () {
  local label=$1 builddir=$2
  shift 2
  local log="$tmp_dir/meson-test.out" rc=0

  say "Testing: $label"
  rm -f -- "$builddir"/meson-logs/testlog*.json
  "$@" 2>&1 | tee -- "$log" || rc=$?

  if grep -q -E '^No (suitable )?tests defined' "$log"; then
    say "$label: no tests in this run (counted as 0)"
    return 0
  fi

  local before=$((failed))
  count_results "$builddir" "$label"
  if [[ $rc -ne 0 && $failed -eq $before ]]; then
    # meson exits 125 when it could not rebuild what the tests need.
    count_failure "$label: meson test exited with status $rc"
  fi
}

run_all_tests () {
  tmp_dir=$(mktemp -d "${TMPDIR:-/tmp}/alliance-dev.XXXXXX")

  local main_ok=1
  if ! setup_main_build; then
    main_ok=0
    count_failure "set-up or build of $BUILD_DIR"
  fi

  isolate_environment

  if [[ $main_ok -eq 1 ]]; then
    run_tests "unit+data" "$BUILD_DIR" \
      env -u DISPLAY -u WAYLAND_DISPLAY \
      meson test -C "$BUILD_DIR" --suite unit --suite data --print-errorlogs

    if start_xvfb; then
      run_tests "ui" "$BUILD_DIR" \
        env -u WAYLAND_DISPLAY DISPLAY="$xvfb_display" GDK_BACKEND=x11 \
        dbus-run-session -- \
        meson test -C "$BUILD_DIR" --suite ui --print-errorlogs

      # Anything in no known suite still has to pass (given a display to be safe).
      run_tests "other suites" "$BUILD_DIR" \
        env -u WAYLAND_DISPLAY DISPLAY="$xvfb_display" GDK_BACKEND=x11 \
        dbus-run-session -- \
        meson test -C "$BUILD_DIR" --no-suite unit --no-suite data --no-suite ui \
        --print-errorlogs
      stop_xvfb
    else
      count_failure "ui: could not start Xvfb"
    fi
  fi

  local sanitize_ok=1
  if ! configure "$SANITIZE_DIR" -Db_sanitize=address,undefined -Db_lundef=false \
       -Dui_tests=false -Dbenchmark=false || ! build "$SANITIZE_DIR"; then
    sanitize_ok=0
    count_failure "set-up or build of $SANITIZE_DIR"
  fi

  # fast_unwind_on_malloc=0: GLib has no frame pointers, so the fast unwinder
  # stops at g_malloc, giving useless leak reports and suppressions that never
  # match. Exact stacks make malloc-heavy tests 10-20x slower, hence the
  # timeout multiplier.
  if [[ $sanitize_ok -eq 1 ]]; then
    run_tests "unit (ASan+UBSan)" "$SANITIZE_DIR" \
      env -u DISPLAY -u WAYLAND_DISPLAY \
      ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:print_stacktrace=1:fast_unwind_on_malloc=0" \
      UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
      LSAN_OPTIONS="suppressions=$repo_root/build-aux/lsan.supp:print_suppressions=0" \
      meson test -C "$SANITIZE_DIR" --suite unit --print-errorlogs --timeout-multiplier 5
  fi

  # The same unit suite under valgrind's memcheck, which also sees reads of
  # uninitialised memory (the sanitizers do not). GLib's suppressions plus
  # ours for system libraries.
  if [[ $main_ok -eq 1 ]]; then
    run_tests "unit (valgrind)" "$BUILD_DIR" \
      env -u DISPLAY -u WAYLAND_DISPLAY \
      meson test -C "$BUILD_DIR" --suite unit --print-errorlogs --timeout-multiplier 10 \
      --wrapper "valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
--show-leak-kinds=definite --num-callers=30 --suppressions=/usr/share/glib-2.0/valgrind/glib.supp \
--suppressions=$repo_root/build-aux/valgrind.supp"
  fi

  # The importers' libFuzzer targets, built by clang (CC only matters the
  # first time a build folder is configured).
  local fuzz_ok=1
  if ! CC=clang configure "$FUZZ_DIR" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
       -Dui_tests=false -Dbenchmark=false || ! build "$FUZZ_DIR"; then
    fuzz_ok=0
    count_failure "set-up or build of $FUZZ_DIR"
  fi
  if [[ $fuzz_ok -eq 1 ]]; then
    run_tests "fuzz" "$FUZZ_DIR" \
      env -u DISPLAY -u WAYLAND_DISPLAY \
      meson test -C "$FUZZ_DIR" --suite fuzz --print-errorlogs
  fi

  echo
  if [[ ${#failures[@]} -gt 0 ]]; then
    say "Failed:"
    printf '    %s\n' "${failures[@]}"
  fi
  if [[ $skipped -gt 0 ]]; then
    echo "(skipped counts as failed)"
  fi
  echo "$passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}

# --- Commands ---------------------------------------------------------------

command=${1:-}
if [[ $# -gt 0 ]]; then
  shift
fi

case "$command" in
  run)
    setup_main_build
    export GSETTINGS_SCHEMA_DIR="$repo_root/$BUILD_DIR/data"
    exec "$repo_root/$BUILD_DIR/src/alliance" "$@"
    ;;

  test)
    run_all_tests
    ;;

  bench)
    setup_main_build
    benchmark="$repo_root/$BUILD_DIR/tests/benchmark/alliance-benchmark"
    if [[ ! -x "$benchmark" ]]; then
      say "No benchmark program at $BUILD_DIR/tests/benchmark/alliance-benchmark (not written yet?)"
      exit 1
    fi
    tmp_dir=$(mktemp -d "${TMPDIR:-/tmp}/alliance-dev.XXXXXX")
    isolate_environment
    start_xvfb
    rc=0
    env -u WAYLAND_DISPLAY DISPLAY="$xvfb_display" GDK_BACKEND=x11 \
      dbus-run-session -- "$benchmark" "$@" || rc=$?
    exit "$rc"
    ;;

  -h|--help|help)
    usage
    ;;

  *)
    usage
    exit 2
    ;;
esac
