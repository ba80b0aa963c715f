#!/usr/bin/env bash
# Creates (or gives a new password to) the RabbitMQ user of one EasyTask agent, with rights on its own names only:
#   read      its queue agent.<name> (and agent.<name>_error / _skipped, where MassTransit parks bad messages);
#   configure the same names, and the two exchanges it sends to (declared by its bus at start);
#   write     its queue (to bind it to its exchange) and the two exchanges easytask.agent-events and
#             easytask.agent-heartbeats, which the scheduler binds to its own queues.
# It cannot read, purge or delete any other queue, nor write to another agent's queue or to any message-type
# exchange; what it writes into its own queue is ignored, as the agent obeys only the scheduler's user_id.
#
# Usage: add-agent.sh NAME [PASSWORD_FILE]
#   NAME            the agent's name (run_on_host; --name / EASYTASK_AGENT_NAME of the agent)
#   PASSWORD_FILE   where the generated password goes, mode 0600 (default ./easytask-agent-NAME.password);
#                   copy it to the agent host and point EASYTASK_BUS_FILE (or LoadCredential=) at it.
# Environment: EASYTASK_VHOST (default easytask), RABBITMQCTL (default rabbitmqctl; e.g. "rabbitmqctl -n rabbit@mq1").
set -euo pipefail

name=${1:-}
if [[ ! $name =~ ^[A-Za-z0-9_.-]{1,253}$ ]]; then
  echo "usage: $0 NAME [PASSWORD_FILE]   (NAME: letters, digits, '_', '.', '-', as agent names are)" >&2
  exit 2
fi

vhost=${EASYTASK_VHOST:-easytask}
read -r -a ctl <<< "${RABBITMQCTL:-rabbitmqctl}"
user="easytask-agent-$name"
file=${2:-./$user.password}
own="agent\\.${name//./\\.}(_error|_skipped)?"
outbound='easytask\.agent-events|easytask\.agent-heartbeats'

# 32 random characters; written before the broker knows it, so a failure never leaves a user nobody can log in as.
password=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 32)
( umask 077; printf '%s' "$password" > "$file.tmp" )
chmod 600 "$file.tmp"
mv -f "$file.tmp" "$file"

"${ctl[@]}" add_vhost "$vhost" >/dev/null 2>&1 || true
# The password goes on stdin, never on a command line other users can see in ps.
if "${ctl[@]}" list_users --quiet --no-table-headers | cut -f1 | grep -qxF "$user"; then
  printf '%s' "$password" | "${ctl[@]}" change_password "$user" >/dev/null
else
  printf '%s' "$password" | "${ctl[@]}" add_user "$user" >/dev/null
fi
"${ctl[@]}" set_permissions -p "$vhost" "$user" "^($own|$outbound)\$" "^($own|$outbound)\$" "^($own)\$" >/dev/null

echo "broker user $user: rights on vhost $vhost set, password in $file (mode 0600)"
echo "on the agent host:  EASYTASK_BUS=amqp://$user@BROKER:5672/$vhost  and  EASYTASK_BUS_FILE=/etc/easytask/agent-bus.password"
