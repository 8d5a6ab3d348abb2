#!/usr/bin/env node
'use strict';
/*
 * `npm run demo`. Until the breach lab exists, the demo starts examples/nest-basic (a NestJS app with
 * apiward's deny-by-default guard) on a free port and shows what a caller sees: a public route answers, a
 * protected route refuses a request without a valid token (401, RFC 6750 challenge, generic body) and
 * accepts one carrying a valid HS256 token. Exits 0 only when the app behaved exactly so.
 *
 * Plain Node on purpose: it must run on a fresh clone right after `npm install`.
 */
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const http = require('node:http');
const path = require('node:path');
const jwt = require('jsonwebtoken');
const { ensureBuilt } = require('./ensure-built');

const ROOT = path.join(__dirname, '..');
const EXAMPLE_MAIN = path.join('examples', 'nest-basic', 'main.ts');
const identity = require(path.join(ROOT, 'examples', 'nest-basic', 'identity.json'));
const START_TIMEOUT_MS = 60_000;

let server;
let serverOutput = '';

function fail(message) {
  console.error(`\ndemo FAILED: ${message}`);
  if (serverOutput !== '') console.error(`--- example output ---\n${serverOutput.slice(-4000)}`);
  stopServer().then(() => process.exit(1));
}

function startExample(secret) {
  return new Promise((resolve, reject) => {
    server = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', EXAMPLE_MAIN], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', EXAMPLE_JWT_SECRET: secret, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => reject(new Error(`the example did not listen within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      serverOutput += chunk;
      const ready = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(serverOutput);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    };
    server.stdout.setEncoding('utf8').on('data', onData);
    server.stderr.setEncoding('utf8').on('data', onData);
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the example exited (code ${code}, signal ${signal})`));
    });
  });
}

function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill('SIGKILL'), 5_000);
    server.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

/** The `auth.failed` event the app logged for a refusal: the reason stays on the server. */
async function lastAuthFailedEvent(after) {
  for (let i = 0; i < 20; i += 1) {
    const line = serverOutput.slice(after).split('\n').find((l) => l.includes('"type":"auth.failed"'));
    if (line) return line.slice(line.indexOf('{'));
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

function mint(secret, subject) {
  return jwt.sign({ sub: subject, scope: 'profile:read' }, secret, {
    algorithm: identity.algorithm,
    issuer: identity.issuer,
    audience: identity.audience,
    expiresIn: '5m',
  });
}

function show(step, request, res) {
  const verdict = res.status >= 200 && res.status < 300 ? 'accepted' : 'REFUSED';
  console.log(`\n${step}. ${request}\n   → ${res.status} ${verdict}`);
}

async function main() {
  ensureBuilt();
  const secret = randomBytes(32).toString('base64url');
  console.log('apiward demo: examples/nest-basic, a NestJS app where every route requires a valid token unless declared @Public');
  const url = await startExample(secret);
  console.log(`started on ${url}`);
  const checks = [];
  const expect = (ok, what) => checks.push({ ok, what });

  const health = await get(`${url}/health`);
  show(1, 'GET /health (declared @Public({ reason: "load balancer health check" }))', health);
  expect(health.status === 200, 'GET /health answers 200');

  const before = serverOutput.length;
  const refused = await get(`${url}/me`);
  show(2, 'GET /me without a token', refused);
  console.log(`   WWW-Authenticate: ${refused.headers['www-authenticate']}`);
  console.log(`   body: ${refused.body}`);
  const event = await lastAuthFailedEvent(before);
  if (event) console.log(`   security event (server log only, never sent to the client): ${event}`);
  expect(refused.status === 401, 'GET /me without a token answers 401');
  expect(/^Bearer realm="[^"]*"/.test(refused.headers['www-authenticate'] || ''), 'the 401 carries a Bearer WWW-Authenticate challenge');

  const beforeForged = serverOutput.length;
  const forged = await get(`${url}/me`, { authorization: `Bearer ${mint(randomBytes(32).toString('base64url'), 'user-42')}` });
  show(3, 'GET /me with a token signed by another key', forged);
  console.log(`   WWW-Authenticate: ${forged.headers['www-authenticate']}`);
  console.log(`   body: ${forged.body} (the same generic body: the client never learns why)`);
  const forgedEvent = await lastAuthFailedEvent(beforeForged);
  if (forgedEvent) console.log(`   security event (server log only): ${forgedEvent}`);
  expect(forged.status === 401, 'a forged token answers 401');
  expect(forged.body === refused.body, 'both refusals have the same body');

  const accepted = await get(`${url}/me`, { authorization: `Bearer ${mint(secret, 'user-42')}` });
  show(4, `GET /me with a valid ${identity.algorithm} token (iss ${identity.issuer}, aud ${identity.audience})`, accepted);
  console.log(`   body: ${accepted.body}`);
  let subject;
  try {
    subject = JSON.parse(accepted.body).subject;
  } catch {
    subject = undefined;
  }
  expect(accepted.status === 200 && subject === 'user-42', 'a valid token answers 200 with its subject');

  await stopServer();
  const failed = checks.filter((c) => !c.ok);
  console.log('');
  for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.what}`);
  if (failed.length > 0) fail(`${failed.length} check(s) did not hold`);
  else console.log('\ndemo passed: refused without a valid token, accepted with one.');
}

process.on('SIGINT', () => stopServer().then(() => process.exit(130)));
process.on('SIGTERM', () => stopServer().then(() => process.exit(143)));
main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
