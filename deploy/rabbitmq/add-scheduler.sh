#!/usr/bin/env bash
# Creates the vhost and the scheduler's RabbitMQ user (or gives it a new password). The scheduler declares its
# queues, the agents' queues and exchanges, and is the only user that may send to agent.<name> queues.
#
# Usage: add-scheduler.sh [PASSWORD_FILE]   (default ./easytask-scheduler.password, mode 0600)
# Environment: EASYTASK_VHOST (default easytask), EASYTASK_SCHEDULER_USER (default easytask-scheduler),
#              RABBITMQCTL (default rabbitmqctl).
set -euo pipefail

vhost=${EASYTASK_VHOST:-easytask}
user=${EASYTASK_SCHEDULER_USER:-easytask-scheduler}
read -r -a ctl <<< "${RABBITMQCTL:-rabbitmqctl}"
file=${1:-./$user.password}
if [[ $user == easytask-agent-* ]]; then
  echo "the scheduler's user must not look like an agent's (easytask-agent-*)" >&2
  exit 2
fi

password=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 32)
( umask 077; printf '%s' "$password" > "$file.tmp" )
chmod 600 "$file.tmp"
mv -f "$file.tmp" "$file"

"${ctl[@]}" add_vhost "$vhost" >/dev/null 2>&1 || true
if "${ctl[@]}" list_users --quiet --no-table-headers | cut -f1 | grep -qxF "$user"; then
  printf '%s' "$password" | "${ctl[@]}" change_password "$user" >/dev/null
else
  printf '%s' "$password" | "${ctl[@]}" add_user "$user" >/dev/null
fi
"${ctl[@]}" set_permissions -p "$vhost" "$user" '.*' '.*' '.*' >/dev/null

echo "broker user $user: all rights on vhost $vhost, password in $file (mode 0600)"
echo "on the scheduler:  EASYTASK_BUS=amqp://$user@BROKER:5672/$vhost  and  EASYTASK_BUS_FILE=/etc/easytask/scheduler-bus.password"
