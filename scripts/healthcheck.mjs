// Container health: the control API's readiness endpoint on the first array's port, over HTTP or HTTPS.
import http from 'node:http';
import https from 'node:https';

const port = Number(process.env.EMULATOR_PORT || 8080);
const tls = Boolean(process.env.EMULATOR_TLS || process.env.EMULATOR_TLS_CERT);
const get = tls ? https.get : http.get;
const req = get({ host: '127.0.0.1', port, path: '/_emulator/ready', rejectUnauthorized: false, timeout: 2000 }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('error', () => process.exit(1));
req.on('timeout', () => process.exit(1));
