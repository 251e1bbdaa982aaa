#!/usr/bin/env bash
# Used by `npm run demo` and `npm start`: outage-radar needs a Redis. It uses REDIS_URL, or the
# redis_url of queue.yaml (in OUTAGE_RADAR_CONFIG, else config/), or one on 127.0.0.1:6379, or
# starts `redis-server` from PATH itself. When none of those exists, this
# installs Debian/Ubuntu's redis-server package (saying so first), so a new machine goes from
# nothing to the running demo with one command. Elsewhere it says how to get one.
[ -n "$REDIS_URL" ] && exit 0
# A configured Redis elsewhere needs nothing here (the server checks that it answers, and says so).
QUEUE_YAML="${OUTAGE_RADAR_CONFIG:-config}/queue.yaml"
if [ -f "$QUEUE_YAML" ] && grep -Eq "^redis_url:[[:space:]]*['\"]?redis" "$QUEUE_YAML"; then exit 0; fi
command -v redis-server >/dev/null 2>&1 && exit 0
(exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && exit 0
if command -v apt-get >/dev/null 2>&1; then
  echo "outage-radar: Redis is not installed; installing Debian's redis-server package with apt-get" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq redis-server >&2 && exit 0
  echo "outage-radar: could not install redis-server; install it yourself or set REDIS_URL" >&2
  exit 1
fi
echo "outage-radar: no Redis found: set REDIS_URL, or install Redis (macOS: brew install redis)" >&2
exit 1
