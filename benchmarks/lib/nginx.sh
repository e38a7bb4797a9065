# Sourced by the benchmarks: nginx serving WORK/nginx/www on 127.0.0.1:PORT as the yardstick for downloads.
# Usage: start_nginx WORK PORT (prints nothing; nginx's pid is in WORK/nginx/nginx.pid; stop it with kill).
start_nginx() {
    local work=$1 port=$2
    mkdir -p "$work/nginx/www"
    cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx; uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$port; root $work/nginx/www; etag on; }
}
CONF
    chmod a+rx "$work"; chmod -R a+rX "$work/nginx"   # nginx's workers run as another user
    nginx -c "$work/nginx/nginx.conf"
}
