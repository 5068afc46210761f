// Node.js side of the playback-token benchmark: ES384 tokens with the same claims
// as crates/playback-auth/benches/tokens.rs, signed by the `jsonwebtoken` package.
// Run through bench/tokens/run.sh, which installs the pinned package.
'use strict';

const crypto = require('node:crypto');
const os = require('node:os');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const jwt = require('jsonwebtoken');

const SECONDS = Number(process.env.BENCH_SECONDS || 2);
// Best of ROUNDS runs: other processes on the machine only ever slow a run down.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS || 3));
const CHANNEL_ARN = 'arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456';

function claims() {
  return {
    'aws:channel-arn': CHANNEL_ARN,
    'aws:access-control-allow-origin': 'https://example.com',
    'aws:viewer-id': 'viewer-0042',
    'aws:viewer-session-version': 1699999999,
    'aws:maximum-resolution': 'HD',
    exp: Math.floor(Date.now() / 1000) + 300, // seconds, not milliseconds
  };
}

const cases = {
  // The fair case: the key is parsed once into a KeyObject.
  jsonwebtoken_keyobject: (pem) => {
    const key = crypto.createPrivateKey(pem);
    return () => jwt.sign(claims(), key, { algorithm: 'ES384', noTimestamp: true });
  },
  // What most examples do: pass the PEM string, parsed again on every call.
  jsonwebtoken_pem_string: (pem) => () =>
    jwt.sign(claims(), pem, { algorithm: 'ES384', noTimestamp: true }),
  // The crypto backend alone (OpenSSL through node:crypto), for reference.
  raw_crypto_sign: (pem) => {
    const key = crypto.createPrivateKey(pem);
    const input = Buffer.from('x'.repeat(371));
    return () => crypto.sign('sha384', input, { key, dsaEncoding: 'ieee-p1363' });
  },
};

function run(name, pem) {
  const work = cases[name](pem);
  for (let i = 0; i < 20; i++) work();
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(SECONDS * 1e9));
  while (process.hrtime.bigint() < end) {
    for (let i = 0; i < 16; i++) work();
    n += 16;
  }
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  return n / secs;
}

function onAllCores(name, pem, threads) {
  return Promise.all(
    Array.from({ length: threads }, () =>
      new Promise((resolve, reject) => {
        const w = new Worker(__filename, { workerData: { name, pem } });
        w.once('message', resolve);
        w.once('error', reject);
      }),
    ),
  ).then((rates) => rates.reduce((a, b) => a + b, 0));
}

if (!isMainThread) {
  parentPort.postMessage(run(workerData.name, workerData.pem));
} else {
  (async () => {
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    const verify = jwt.verify(cases.jsonwebtoken_keyobject(pem)(), crypto.createPublicKey(pem), {
      algorithms: ['ES384'],
    });
    if (verify['aws:channel-arn'] !== CHANNEL_ARN) throw new Error('self-check failed');
    const threads = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
    const version = require('jsonwebtoken/package.json').version;
    console.log(`node ${process.version}, openssl ${process.versions.openssl}, jsonwebtoken ${version}, ${threads} cores`);
    console.log(`${''.padEnd(58)} ${'1 thread'.padStart(13)}  ${`${threads} threads`.padStart(13)}`);
    for (const name of Object.keys(cases)) {
      let one = 0;
      let all = 0;
      for (let r = 0; r < ROUNDS; r++) {
        one = Math.max(one, run(name, pem));
        all = Math.max(all, await onAllCores(name, pem, threads));
      }
      console.log(`${name.padEnd(58)} ${one.toFixed(0).padStart(10)} /s  ${all.toFixed(0).padStart(10)} /s`);
    }
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
