#!/usr/bin/env bash
# Runs every benchmark and prints its figures (see BENCHMARKS.md):
#   scheduling: 100,000 definitions loaded and armed; 1,000 occurrences due in the same second
#   agent:      raw spawn rate, 1 GiB stdout capture throughput and memory
#   dispatch:   raw setsid spawn rate measured in the same run, end-to-end throughput as a ratio of it (over
#               RabbitMQ with SQLite, over RabbitMQ with PostgreSQL, and in one process), CPU per run,
#               scheduled-to-start latency, the load average before and after
#   scale:      EASYTASK_SCALE_TASKS (10,000) tasks spread over each minute for EASYTASK_SCALE_SECONDS (180 s) on an
#               agent of EASYTASK_SCALE_SLOTS (16) run slots:
#               occurrences created/started/finished, start lateness, recording lag, skipped runs, CPU, peak RSS
#   storage:    the database side of a run alone (create, TRIGGER, batched recording) on SQLite and PostgreSQL,
#               PostgreSQL with and without automatic preparation (EASYTASK_BENCH_RUNS runs)
# Arguments pick sections (scheduling agent dispatch scale storage); none runs them all.
# The dispatch benchmark needs a broker: this script starts a throwaway RabbitMQ node on free
# loopback ports (as user rabbitmq when root), uses it, and stops it. Set EASYTASK_BUS to use yours. The PostgreSQL
# run uses a throwaway cluster started the same way (initdb/pg_ctl, as user postgres when root), or
# EASYTASK_BENCH_POSTGRES (a database setting such as postgres:Host=...) when set.
# Dispatch knobs: EASYTASK_BENCH_RUNS (2000 runs for the throughput figure), EASYTASK_BENCH_LIGHT_SECONDS (60 s of
# each latency phase: 240 light runs, so one slow start does not decide the p99 alone as it does of 80), EASYTASK_BENCH_SHAPES (which of "sqlite postgres inmemory" to run; all by default),
# EASYTASK_BENCH_POSTGRES_OPTIONS (appended to the throwaway cluster's connection string, e.g. "Max Auto Prepare=0").
# One command for every figure of the dispatch-speed targets: bash deploy/bench.sh dispatch scale
# (about 20 minutes on an idle 2-core machine: build ~2, dispatch 3 x ~3, scale 3 + drain).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dotnet build -c Release -v quiet Scheduler >/dev/null   # builds the agent too (project reference)

sections=" ${*:-scheduling agent dispatch scale storage} "
want() { [[ $sections == *" $1 "* ]]; }
shapes=" ${EASYTASK_BENCH_SHAPES:-sqlite postgres inmemory} "
shape() { [[ $shapes == *" $1 "* ]]; }
if want scheduling; then echo "== scheduling"; dotnet Scheduler/bin/Release/net10.0/easytask.dll bench scheduling; fi
if want agent; then echo "== agent"; dotnet Agent/bin/Release/net10.0/easytask-agent.dll bench; fi
if ! want dispatch && ! want scale && ! want storage; then exit 0; fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
broker_pid=""
work=""
pg_data=""
pg_bin=""
as_postgres=()
stop_broker() {
  if [[ -n $pg_data ]]; then "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$pg_data"; fi
  if [[ -n $broker_pid ]]; then kill -TERM -- "-$broker_pid" 2>/dev/null || true; sleep 2; kill -KILL -- "-$broker_pid" 2>/dev/null || true; fi
  # The VM started epmd as a daemon outside the broker's process group: stop it too, or every run leaves one behind.
  if [[ -n ${epmd:-} ]]; then epmd -port "$epmd" -kill >/dev/null 2>&1 || true; fi
  if [[ -n $work ]]; then rm -rf "$work"; fi
}
trap stop_broker EXIT

if [[ -z ${EASYTASK_BUS:-} ]] && { want dispatch || want scale; }; then
  work="$(mktemp -d /tmp/easytask-bench-rabbitmq-XXXXXX)"
  amqp="$(free_port)"; dist="$(free_port)"; epmd="$(free_port)"
  : >"$work/enabled_plugins.erl"; echo "[]." >"$work/enabled_plugins"; : >"$work/rabbitmq.conf"; : >"$work/env.conf"
  as_rabbitmq=()
  if [[ $(id -u) -eq 0 ]]; then chown -R rabbitmq:rabbitmq "$work"; as_rabbitmq=(runuser -u rabbitmq --); fi
  setsid env HOME="$work" ERL_EPMD_PORT="$epmd" ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_NODENAME="bench-$$@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$amqp" RABBITMQ_DIST_PORT="$dist" RABBITMQ_MNESIA_BASE="$work/mnesia" RABBITMQ_LOG_BASE="$work/log" \
    RABBITMQ_CONFIG_FILE="$work/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$work/enabled_plugins" RABBITMQ_CONF_ENV_FILE="$work/env.conf" \
    "${as_rabbitmq[@]}" /usr/sbin/rabbitmq-server >"$work/server.out" 2>&1 &
  broker_pid=$!
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$amqp") 2>/dev/null; then break; fi
    sleep 0.5
  done
  sleep 2
  export EASYTASK_BUS="amqp://guest:guest@127.0.0.1:$amqp/"
fi

if { want dispatch || want storage; } && [[ -z ${EASYTASK_BENCH_POSTGRES:-} ]]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [[ -x $pg_bin/initdb ]]; then
    pg_data="$(mktemp -d /tmp/easytask-bench-pg-XXXXXX)"; pg_port="$(free_port)"
    if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$pg_data"; as_postgres=(runuser -u postgres --); fi
    (cd /tmp && "${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres --no-sync -E UTF8 --locale=C >/dev/null)
    (cd /tmp && "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 \
      -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null)
    export EASYTASK_BENCH_POSTGRES="postgres:Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres${EASYTASK_BENCH_POSTGRES_OPTIONS:+;$EASYTASK_BENCH_POSTGRES_OPTIONS}"
  else
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql: the PostgreSQL dispatch run is left out"
  fi
fi

easytask=(dotnet Scheduler/bin/Release/net10.0/easytask.dll)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; figures are as loaded as the machine is)"
if want dispatch; then
  bench_runs=(--runs "${EASYTASK_BENCH_RUNS:-2000}" --light-seconds "${EASYTASK_BENCH_LIGHT_SECONDS:-60}")
  if shape sqlite; then echo "== dispatch over RabbitMQ, SQLite"; "${easytask[@]}" bench dispatch --bus "$EASYTASK_BUS" "${bench_runs[@]}"; fi
  if shape postgres && [[ -n ${EASYTASK_BENCH_POSTGRES:-} ]]; then
    echo "== dispatch over RabbitMQ, PostgreSQL"
    "${easytask[@]}" bench dispatch --bus "$EASYTASK_BUS" --database "$EASYTASK_BENCH_POSTGRES" "${bench_runs[@]}"
  fi
  if shape inmemory; then echo "== dispatch in one process (in-memory bus, the standalone shape)"; "${easytask[@]}" bench dispatch --bus inmemory "${bench_runs[@]}"; fi
fi
if want scale; then
  echo "== scale over RabbitMQ"
  "${easytask[@]}" bench scale --bus "$EASYTASK_BUS" --tasks "${EASYTASK_SCALE_TASKS:-10000}" --seconds "${EASYTASK_SCALE_SECONDS:-180}" --slots "${EASYTASK_SCALE_SLOTS:-16}"
fi
if want storage; then
  echo "== storage, SQLite"; "${easytask[@]}" bench storage --runs "${EASYTASK_BENCH_RUNS:-2000}"
  if [[ -n ${EASYTASK_BENCH_POSTGRES:-} ]]; then
    echo "== storage, PostgreSQL"; "${easytask[@]}" bench storage --database "$EASYTASK_BENCH_POSTGRES" --runs "${EASYTASK_BENCH_RUNS:-2000}"
  fi
fi
